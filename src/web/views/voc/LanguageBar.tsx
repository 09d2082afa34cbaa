import { useState } from 'react';
import { COMMON_LANGUAGES } from './draft.ts';
import { isRtl, languageName, type SurveyDraft } from './types.ts';

/** The survey's languages: add or remove one, pick the default, and choose which one the form edits. */
export function LanguageBar({ draft, lang, onLang, onChange }: { draft: SurveyDraft; lang: string; onLang(l: string): void; onChange(d: Partial<SurveyDraft>): void }) {
  const [adding, setAdding] = useState('');
  const missing = COMMON_LANGUAGES.filter((l) => !draft.languages.includes(l));
  const add = () => {
    const code = adding.trim().toLowerCase();
    if (!/^[a-z]{2,3}(-[a-z0-9]{2,8})?$/.test(code) || draft.languages.includes(code)) return;
    onChange({ languages: [...draft.languages, code] });
    onLang(code);
    setAdding('');
  };
  const remove = (l: string) => {
    const languages = draft.languages.filter((x) => x !== l);
    onChange({ languages, defaultLanguage: draft.defaultLanguage === l ? languages[0] : draft.defaultLanguage });
    if (lang === l) onLang(languages[0]);
  };
  return (
    <div className="language-bar">
      <div className="lang-tabs" role="group" aria-label="Language being edited">
        {draft.languages.map((l) => (
          <span key={l} className={`lang-tab ${l === lang ? 'active' : ''}`}>
            <button type="button" className="lang-pick" aria-pressed={l === lang} onClick={() => onLang(l)}>
              {languageName(l)} <code>{l}</code>{isRtl(l) && <span className="muted small"> RTL</span>}
            </button>
            {draft.languages.length > 1 && <button type="button" className="lang-remove" aria-label={`Remove ${languageName(l)}`} onClick={() => remove(l)}>×</button>}
          </span>
        ))}
      </div>
      <div className="form-row">
        <label className="field"><span>Add a language</span>
          <input list="voc-languages" value={adding} size={8} placeholder="he, pl, zh…" onChange={(e) => setAdding(e.target.value)}
            onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); add(); } }} />
          <datalist id="voc-languages">{missing.map((l) => <option key={l} value={l}>{languageName(l)}</option>)}</datalist>
        </label>
        <button type="button" className="btn small" onClick={add}>Add language</button>
        <label className="field"><span>Default language</span>
          <select value={draft.defaultLanguage ?? draft.languages[0]} onChange={(e) => onChange({ defaultLanguage: e.target.value })}>
            {draft.languages.map((l) => <option key={l} value={l}>{languageName(l)}</option>)}
          </select>
        </label>
      </div>
    </div>
  );
}
