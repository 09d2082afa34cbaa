import { useEffect, useState } from 'react';
import { api, ApiError } from '../../app/api.ts';
import { toInput } from './draft.ts';
import { isRtl, languageName, type SurveyDraft } from './types.ts';

/**
 * The real link page for the draft, as customers will see it in `lang` (right-to-left for Hebrew and
 * Arabic), rendered by the server in preview mode and shown in a sandboxed frame: it can run its own
 * script (logic, buttons) but cannot reach the dashboard, and it sends nothing.
 */
export function SurveyPreview({ draft, lang }: { draft: SurveyDraft; lang: string }) {
  const [html, setHtml] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const body = JSON.stringify(toInput(draft));
  useEffect(() => {
    const controller = new AbortController();
    const t = setTimeout(() => {
      api<string>('/api/v1/surveys/preview', { body: { survey: JSON.parse(body), lang }, signal: controller.signal })
        .then((h) => { setHtml(h); setProblem(null); })
        .catch((e: Error) => {
          if (e.name === 'AbortError') return;
          setProblem(e instanceof ApiError && e.details.length ? e.details.map((d) => `${d.path ? `${d.path}: ` : ''}${d.message}`).join('; ') : e.message);
        });
    }, 300);
    return () => { clearTimeout(t); controller.abort(); };
  }, [body, lang]);
  return (
    <div className="survey-preview">
      {problem && <p className="muted small" role="status">Preview shows the last valid version — {problem}</p>}
      {html !== null && (
        <iframe title={`Survey preview in ${languageName(lang)}${isRtl(lang) ? ' (right-to-left)' : ''}`} srcDoc={html} sandbox="allow-scripts" className="preview-frame" />
      )}
    </div>
  );
}
