import { useState } from 'react';
import { Card } from '../../components/ui.tsx';
import { languageName, type Survey } from './types.ts';

/** The hosted survey page to share (e-mail, SMS, QR code), with one link per language. */
export function SurveyLinks({ survey }: { survey: Survey }) {
  const base = `${window.location.origin}/s/${survey.id}`;
  return (
    <Card title="Survey link">
      <CopyField label="Link (language from the browser)" value={base} />
      <details>
        <summary>One link per language</summary>
        {survey.languages.map((l) => <CopyField key={l} label={languageName(l)} value={`${base}?lang=${l}`} />)}
      </details>
      <p className="muted small">Add <code>&amp;uid=USER_ID</code> to tie answers to a known customer. {survey.status !== 'active' && <strong>This survey is {survey.status}: its page says so and takes no answers.</strong>}</p>
    </Card>
  );
}

function CopyField({ label, value }: { label: string; value: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="copy-field">
      <label className="field grow"><span>{label}</span><input readOnly value={value} onFocus={(e) => e.target.select()} /></label>
      <button type="button" className="btn small" onClick={() => {
        navigator.clipboard?.writeText(value).then(() => { setCopied(true); setTimeout(() => setCopied(false), 1500); }, () => setCopied(false));
      }}>{copied ? 'Copied' : 'Copy'}</button>
      <a className="btn small ghost" href={value} target="_blank" rel="noreferrer">Open</a>
    </div>
  );
}
