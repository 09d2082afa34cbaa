/** Plain-text tables for the terminal: columns padded to their widest cell, numbers right-aligned. */

export type Cell = string | number | null | undefined;
export interface Column { title: string; align?: 'left' | 'right' }

const text = (c: Cell) => (c === null || c === undefined ? '' : String(c));

export function renderTable(columns: readonly Column[], rows: readonly Cell[][]): string {
  const widths = columns.map((c, i) => Math.max(c.title.length, ...rows.map((r) => text(r[i]).length)));
  const line = (cells: readonly Cell[]) => columns
    .map((c, i) => (c.align === 'right' ? text(cells[i]).padStart(widths[i]) : text(cells[i]).padEnd(widths[i])))
    .join('  ').trimEnd();
  return [line(columns.map((c) => c.title)), ...rows.map(line)].join('\n');
}

export const pct = (x: number | null | undefined, digits = 1) =>
  (x === null || x === undefined || Number.isNaN(x) ? '—' : `${(x * 100).toFixed(digits)}%`);

/** Seconds as the unit a person reads fastest: 45 s, 7.2 min, 20.2 h, 7.8 d. */
export function duration(s: number | null | undefined): string {
  if (s === null || s === undefined || Number.isNaN(s)) return '—';
  if (s < 120) return `${Math.round(s)} s`;
  if (s < 7200) return `${(s / 60).toFixed(1)} min`;
  if (s < 172800) return `${(s / 3600).toFixed(1)} h`;
  return `${(s / 86400).toFixed(1)} d`;
}
