import { useState } from 'react';

/** Copies `text`; falls back to selecting a hidden textarea where the Clipboard API is unavailable (plain http). */
export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [done, setDone] = useState<'copied' | 'failed' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setDone('copied');
    } catch {
      const area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.style.position = 'fixed'; area.style.opacity = '0';
      document.body.appendChild(area);
      area.select();
      setDone(document.execCommand('copy') ? 'copied' : 'failed');
      area.remove();
    }
    setTimeout(() => setDone(null), 2500);
  };
  return (
    <>
      <button type="button" className="btn small" onClick={() => void copy()}>
        {done === 'copied' ? 'Copied ✓' : done === 'failed' ? 'Select and copy by hand' : label}
      </button>
      <span className="sr-only" aria-live="polite">{done === 'copied' ? 'Copied to the clipboard' : ''}</span>
    </>
  );
}

/** A code block with a copy button. */
export function Snippet({ title, code }: { title: string; code: string }) {
  return (
    <div className="snippet">
      <div className="snippet-head"><h3>{title}</h3><CopyButton text={code} label={`Copy ${title.toLowerCase()}`} /></div>
      <pre><code>{code}</code></pre>
    </div>
  );
}
