import { freeId, QUESTION_TYPE_LABEL } from './draft.ts';
import { isRtl, languageName, SCALES, type Question, type QuestionType } from './types.ts';

interface Props {
  question: Question;
  index: number;
  /** Questions before this one: what logic can depend on. */
  earlier: Question[];
  lang: string;
  count: number;
  onChange(q: Question): void;
  onMove(delta: -1 | 1): void;
  onRemove(): void;
}

/** One question: type, id, its text in the language being edited, choices and "show only if" logic. */
export function QuestionEditor({ question: q, index, earlier, lang, count, onChange, onMove, onRemove }: Props) {
  const dir = isRtl(lang) ? 'rtl' : 'ltr';
  const n = index + 1;
  const setType = (type: QuestionType) => onChange({
    id: q.id, text: q.text, required: q.required, showIf: q.showIf, type,
    ...(type === 'choice' ? { choices: q.choices ?? [{ id: 'a', text: {} }, { id: 'b', text: {} }] } : {}),
  });
  const source = q.showIf ? earlier.find((e) => e.id === q.showIf!.question) : undefined;
  const logicSources = earlier.filter((e) => e.type !== 'text');
  return (
    <fieldset className="question-editor">
      <legend>Question {n}</legend>
      <div className="form-row">
        <label className="field"><span>Type</span>
          <select value={q.type} onChange={(e) => setType(e.target.value as QuestionType)}>
            {(Object.keys(QUESTION_TYPE_LABEL) as QuestionType[]).map((t) => <option key={t} value={t}>{QUESTION_TYPE_LABEL[t]}</option>)}
          </select>
        </label>
        <label className="field"><span>Id (in exports)</span>
          <input value={q.id} size={10} onChange={(e) => onChange({ ...q, id: e.target.value.toLowerCase().replace(/[^a-z0-9_-]/g, '') })} />
        </label>
        <label className="check"><input type="checkbox" checked={q.required ?? false} onChange={(e) => onChange({ ...q, required: e.target.checked })} /> Required</label>
        <span className="question-tools">
          <button type="button" className="btn small ghost" disabled={index === 0} onClick={() => onMove(-1)} aria-label={`Move question ${n} up`}>↑</button>
          <button type="button" className="btn small ghost" disabled={index === count - 1} onClick={() => onMove(1)} aria-label={`Move question ${n} down`}>↓</button>
          <button type="button" className="btn small danger" disabled={count === 1} onClick={onRemove} aria-label={`Remove question ${n}`}>Remove</button>
        </span>
      </div>
      <label className="field wide"><span>Question {n} text ({languageName(lang)})</span>
        <input dir={dir} lang={lang} value={q.text[lang] ?? ''} placeholder={lang === 'en' || isRtl(lang) ? '' : q.text.en ?? ''}
          onChange={(e) => onChange({ ...q, text: { ...q.text, [lang]: e.target.value } })} />
      </label>
      {q.type === 'choice' && (
        <div className="choices">
          {(q.choices ?? []).map((c, i) => (
            <div key={i} className="form-row">
              <label className="field"><span>Choice {i + 1} id</span>
                <input value={c.id} size={8} onChange={(e) => onChange({ ...q, choices: q.choices!.map((x, j) => (j === i ? { ...x, id: e.target.value.toLowerCase().replace(/[^a-z0-9_-]/g, '') } : x)) })} />
              </label>
              <label className="field grow"><span>Choice {i + 1} ({languageName(lang)})</span>
                <input dir={dir} lang={lang} value={c.text[lang] ?? ''} onChange={(e) => onChange({ ...q, choices: q.choices!.map((x, j) => (j === i ? { ...x, text: { ...x.text, [lang]: e.target.value } } : x)) })} />
              </label>
              <button type="button" className="btn small ghost" disabled={(q.choices ?? []).length <= 2} aria-label={`Remove choice ${i + 1}`}
                onClick={() => onChange({ ...q, choices: q.choices!.filter((_, j) => j !== i) })}>✕</button>
            </div>
          ))}
          <div className="form-row">
            <button type="button" className="btn small" onClick={() => onChange({ ...q, choices: [...(q.choices ?? []), { id: freeId(String.fromCharCode(97 + (q.choices ?? []).length), (q.choices ?? []).map((c) => c.id)), text: {} }] })}>Add choice</button>
            <label className="check"><input type="checkbox" checked={q.multiple ?? false} onChange={(e) => onChange({ ...q, multiple: e.target.checked })} /> Several answers allowed</label>
          </div>
        </div>
      )}
      {index > 0 && logicSources.length > 0 && (
        <div className="logic">
          <label className="check">
            <input type="checkbox" checked={Boolean(q.showIf)} onChange={(e) => onChange({ ...q, showIf: e.target.checked ? { question: logicSources[0].id, ...(logicSources[0].type === 'nps' ? { max: 6 } : {}) } : undefined })} />
            Ask only if an earlier answer…
          </label>
          {q.showIf && (
            <div className="form-row">
              <label className="field"><span>Earlier question</span>
                <select value={q.showIf.question} onChange={(e) => onChange({ ...q, showIf: { question: e.target.value } })}>
                  {logicSources.map((e) => <option key={e.id} value={e.id}>{e.id} · {QUESTION_TYPE_LABEL[e.type]}</option>)}
                </select>
              </label>
              {source && source.type !== 'choice' && source.type !== 'text' && (
                <>
                  <label className="field"><span>is at least</span>
                    <input type="number" min={SCALES[source.type].min} max={SCALES[source.type].max} value={q.showIf.min ?? ''}
                      onChange={(e) => onChange({ ...q, showIf: { ...q.showIf!, min: e.target.value === '' ? undefined : Number(e.target.value) } })} />
                  </label>
                  <label className="field"><span>and at most</span>
                    <input type="number" min={SCALES[source.type].min} max={SCALES[source.type].max} value={q.showIf.max ?? ''}
                      onChange={(e) => onChange({ ...q, showIf: { ...q.showIf!, max: e.target.value === '' ? undefined : Number(e.target.value) } })} />
                  </label>
                </>
              )}
              {source?.type === 'choice' && (
                <div className="field"><span>picked any of</span>
                  {(source.choices ?? []).map((c) => (
                    <label key={c.id} className="check">
                      <input type="checkbox" checked={q.showIf!.anyOf?.includes(c.id) ?? false} onChange={(e) => {
                        const set = new Set(q.showIf!.anyOf ?? []);
                        if (e.target.checked) set.add(c.id); else set.delete(c.id);
                        onChange({ ...q, showIf: { question: source.id, anyOf: [...set] } });
                      }} /> {c.text[lang] || c.text.en || c.id}
                    </label>
                  ))}
                </div>
              )}
            </div>
          )}
        </div>
      )}
    </fieldset>
  );
}
