/**
 * PNG and PDF of the map element. html-to-image and jsPDF are loaded only when asked for (their
 * chunks stay out of the first view's JavaScript).
 */
async function mapPng(element: HTMLElement): Promise<{ dataUrl: string; width: number; height: number }> {
  const { toPng } = await import('html-to-image');
  // While exporting, the map is laid out at its full width (no sideways scroll box), so nothing is cut off.
  element.classList.add('exporting');
  try {
    const width = element.scrollWidth, height = element.scrollHeight;
    const dataUrl = await toPng(element, { backgroundColor: '#f6f7fb', pixelRatio: 2, width, height });
    return { dataUrl, width, height };
  } finally {
    element.classList.remove('exporting');
  }
}

function download(href: string, filename: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

export async function exportPng(element: HTMLElement, name: string): Promise<void> {
  const { dataUrl } = await mapPng(element);
  download(dataUrl, `${name}.png`);
}

export async function exportPdf(element: HTMLElement, name: string, title: string): Promise<void> {
  const [{ dataUrl, width, height }, { jsPDF }] = await Promise.all([mapPng(element), import('jspdf')]);
  const margin = 24, titleHeight = 28;
  // One page the size of the map (in CSS pixels), landscape when wider than tall.
  const pdf = new jsPDF({ orientation: width >= height ? 'landscape' : 'portrait', unit: 'px', format: [width + 2 * margin, height + 2 * margin + titleHeight], hotfixes: ['px_scaling'] });
  pdf.setFontSize(16);
  pdf.text(title, margin, margin + 14);
  pdf.addImage(dataUrl, 'PNG', margin, margin + titleHeight, width, height);
  const url = URL.createObjectURL(pdf.output('blob'));
  download(url, `${name}.pdf`);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
