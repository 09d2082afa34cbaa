import { useEffect, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { api, ApiError } from '../../app/api.ts';
import { useSession } from '../../app/session.tsx';
import { Card, ErrorBox, Loading } from '../../components/ui.tsx';
import { describePath, emptyDraft, newQuestion, QUESTION_TYPE_LABEL, toInput } from './draft.ts';
import { LanguageBar } from './LanguageBar.tsx';
import { QuestionEditor } from './QuestionEditor.tsx';
import { SurveyLinks } from './SurveyLinks.tsx';
import { SurveyPreview } from './SurveyPreview.tsx';
import { TriggerEditor } from './TriggerEditor.tsx';
import { isRtl, languageName, type QuestionType, type Survey, type SurveyDraft } from './types.ts';

/** Create or edit a survey, with the customer's view of it beside the form in the language being edited. */
export function SurveyBuilder({ id }: { id: string }) {
  const isNew = id === 'new';
  const [, navigate] = useLocation();
  const { can } = useSession();
  const [draft, setDraft] = useState<SurveyDraft | null>(isNew ? emptyDraft() : null);
  const [saved, setSaved] = useState<Survey | null>(null);
  const [lang, setLang] = useState('en');
  const [loadError, setLoadError] = useState<Error | null>(null);
  const [errors, setErrors] = useState<{ path?: string; message: string }[] | null>(null);
  const [status, setStatus] = useState<string>('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (isNew) { setDraft(emptyDraft()); setSaved(null); return; }
    api<Survey>(`/api/v1/surveys/${encodeURIComponent(id)}`).then((s) => {
      const { id: _i, createdAt: _c, updatedAt: _u, ...rest } = s;
      setDraft(rest); setSaved(s); setLang(s.defaultLanguage);
    }).catch(setLoadError);
  }, [id, isNew]);

  if (loadError) return <ErrorBox error={loadError} />;
  if (!draft) return <Loading />;
  const update = (next: Partial<SurveyDraft>) => { setDraft({ ...draft, ...next }); setStatus(''); };
  const dir = isRtl(lang) ? 'rtl' : 'ltr';

  async function save() {
    setBusy(true); setErrors(null); setStatus('');
    try {
      const body = toInput(draft!);
      // PATCH merges into the stored survey: optional fields left out of the draft are sent as null to remove them.
      const patch = { ...body, trigger: body.trigger ?? null, expiresAt: body.expiresAt ?? null };
      const s = isNew ? await api<Survey>('/api/v1/surveys', { method: 'POST', body }) : await api<Survey>(`/api/v1/surveys/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch });
      setSaved(s);
      setStatus(`Saved at ${new Date().toLocaleTimeString('en-GB')}.`);
      if (isNew) navigate(`/voc/surveys/${s.id}`);
    } catch (e) {
      setErrors(e instanceof ApiError && e.details.length ? e.details : [{ message: (e as Error).message }]);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="builder">
      <p><Link href="/voc/surveys">← All surveys</Link></p>
      <div className="builder-grid">
        <form className="builder-form" onSubmit={(e) => { e.preventDefault(); void save(); }} aria-label="Survey">
          <Card title={isNew ? 'New survey' : 'Edit survey'}>
            <div className="form-row">
              <label className="field grow"><span>Name</span>
                <input value={draft.name} required placeholder="e.g. After delivery: NPS" onChange={(e) => update({ name: e.target.value })} />
              </label>
              <label className="field"><span>Status</span>
                <select value={draft.status} onChange={(e) => update({ status: e.target.value as SurveyDraft['status'] })}>
                  <option value="active">Active</option><option value="paused">Paused</option><option value="closed">Closed</option>
                </select>
              </label>
              <label className="field"><span>Expires</span>
                <input type="date" value={draft.expiresAt?.slice(0, 10) ?? ''} onChange={(e) => update({ expiresAt: e.target.value ? `${e.target.value}T23:59:59Z` : undefined })} />
              </label>
            </div>
            <LanguageBar draft={draft} lang={lang} onLang={setLang} onChange={update} />
          </Card>
          <Card title={`Questions · editing ${languageName(lang)}`}>
            {draft.questions.map((q, i) => (
              <QuestionEditor key={i} question={q} index={i} count={draft.questions.length} earlier={draft.questions.slice(0, i)} lang={lang}
                onChange={(nq) => update({ questions: draft.questions.map((x, j) => (j === i ? nq : x)) })}
                onMove={(d) => {
                  const qs = [...draft.questions];
                  [qs[i], qs[i + d]] = [qs[i + d], qs[i]];
                  update({ questions: qs });
                }}
                onRemove={() => update({ questions: draft.questions.filter((_, j) => j !== i) })} />
            ))}
            <div className="form-row add-question" role="group" aria-label="Add a question">
              <span className="muted small">Add:</span>
              {(Object.keys(QUESTION_TYPE_LABEL) as QuestionType[]).map((t) => (
                <button key={t} type="button" className="btn small" onClick={() => update({ questions: [...draft.questions, newQuestion(t, draft.questions, lang)] })}>{QUESTION_TYPE_LABEL[t]}</button>
              ))}
            </div>
            <label className="field wide"><span>Thank-you message ({languageName(lang)})</span>
              <input dir={dir} lang={lang} value={draft.thankYou?.[lang] ?? ''} placeholder={lang === 'en' ? 'Thank you for your feedback!' : ''}
                onChange={(e) => update({ thankYou: { ...draft.thankYou, [lang]: e.target.value } })} />
            </label>
          </Card>
          <Card title="When to ask">
            <TriggerEditor trigger={draft.trigger} onChange={(trigger) => update({ trigger })} />
          </Card>
          {errors && (
            <div className="error-box" role="alert">
              <div>
                <strong>The survey was not saved:</strong>
                <ul>{errors.map((e, i) => <li key={i}>{describePath(e.path, draft.questions)}: {e.message}</li>)}</ul>
              </div>
            </div>
          )}
          <div className="form-row builder-actions">
            <button type="submit" className="btn primary" disabled={busy || !can('analyst')}>{isNew ? 'Create survey' : 'Save changes'}</button>
            {!can('analyst') && <span className="muted small">Analysts and admins can change surveys.</span>}
            <span role="status" className="muted small">{status}</span>
          </div>
        </form>
        <aside className="builder-side" aria-label="Preview">
          <Card title={`Preview · ${languageName(lang)}`} actions={
            <div className="seg" role="group" aria-label="Preview language">
              {draft.languages.map((l) => <button key={l} type="button" className="btn small" aria-pressed={l === lang} onClick={() => setLang(l)}>{l}</button>)}
            </div>}>
            <SurveyPreview draft={draft} lang={lang} />
          </Card>
          {saved && <SurveyLinks survey={saved} />}
        </aside>
      </div>
    </div>
  );
}
