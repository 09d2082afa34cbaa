import { useEffect, useState } from 'react';
import { api } from '../../app/api.ts';
import { Badge, Card, ErrorBox } from '../../components/ui.tsx';

type When =
  | { kind: 'response'; npsAtMost?: number; csatAtMost?: number; cesAtLeast?: number; sentiment?: 'negative' }
  | { kind: 'event'; event: string; late?: boolean; count: number; withinMinutes: number; slowerThan?: { since: string; minutes: number }; traits?: Record<string, unknown> };
export interface Rule {
  id: string; name: string; enabled: boolean; when: When; cooldownHours: number; lastError: string | null;
  openCase: { priority: string; team?: string; owner?: string; assignTo?: string[]; slaHours: number };
}

const PRIORITIES = ['low', 'normal', 'high', 'urgent'];

/** One rule as a form: the thresholds of its condition and what case it opens. Saved whole with PUT. */
export function RuleEditor({ rule, editable, onSaved }: { rule: Rule; editable: boolean; onSaved(): void }) {
  const [draft, setDraft] = useState<Rule>(rule);
  const [error, setError] = useState<Error | null>(null);
  const [saved, setSaved] = useState(false);
  const dirty = JSON.stringify(draft) !== JSON.stringify(rule);
  // After a save the server's copy (with its defaults filled in) becomes the new starting point.
  useEffect(() => setDraft(rule), [JSON.stringify(rule)]); // eslint-disable-line react-hooks/exhaustive-deps

  const save = async (r: Rule) => {
    setError(null); setSaved(false);
    const { lastError: _e, ...body } = r;
    try { await api(`/api/v1/rules/${rule.id}`, { method: 'PUT', body }); setSaved(true); onSaved(); } catch (e) { setError(e as Error); }
  };
  const when = <K extends string>(k: K, v: unknown) => setDraft({ ...draft, when: { ...draft.when, [k]: v } as When });
  const numOrUndef = (s: string) => (s === '' ? undefined : Number(s));

  return (
    <Card title={<>{rule.name} <Badge tone={rule.enabled ? 'good' : undefined}>{rule.enabled ? 'enabled' : 'disabled'}</Badge></>} className="rule-card">
      {rule.lastError && <p className="error-box" role="alert">This rule failed and was disabled: {rule.lastError}</p>}
      <form onSubmit={(e) => { e.preventDefault(); void save(draft); }}>
        <fieldset disabled={!editable}>
          <legend className="sr-only">Rule {rule.name}</legend>
          <label className="check"><input type="checkbox" checked={draft.enabled} onChange={(e) => { const next = { ...draft, enabled: e.target.checked }; setDraft(next); void save(next); }} /> Enabled</label>
          <p className="muted small">Id <code>{rule.id}</code> · {describe(rule.when)}</p>
          <div className="form-row">
            {draft.when.kind === 'response' ? <>
              <label className="field">NPS at most<input type="number" min={0} max={10} value={draft.when.npsAtMost ?? ''} onChange={(e) => when('npsAtMost', numOrUndef(e.target.value))} /></label>
              <label className="field">CSAT at most<input type="number" min={1} max={5} value={draft.when.csatAtMost ?? ''} onChange={(e) => when('csatAtMost', numOrUndef(e.target.value))} /></label>
              <label className="field">CES at least<input type="number" min={1} max={7} value={draft.when.cesAtLeast ?? ''} onChange={(e) => when('cesAtLeast', numOrUndef(e.target.value))} /></label>
              <label className="check"><input type="checkbox" checked={draft.when.sentiment === 'negative'} onChange={(e) => when('sentiment', e.target.checked ? 'negative' : undefined)} /> Negative comment</label>
            </> : <>
              <label className="field">Event<input value={draft.when.event} onChange={(e) => when('event', e.target.value)} required /></label>
              <label className="field">Times<input type="number" min={1} max={100} value={draft.when.count} onChange={(e) => when('count', Number(e.target.value))} /></label>
              <label className="field">Within minutes<input type="number" min={1} value={draft.when.withinMinutes} onChange={(e) => when('withinMinutes', Number(e.target.value))} /></label>
              {draft.when.slowerThan && (
                <label className="field">Slower than (minutes since {draft.when.slowerThan.since})
                  <input type="number" min={0.1} step="any" value={draft.when.slowerThan.minutes} onChange={(e) => draft.when.kind === 'event' && when('slowerThan', { ...draft.when.slowerThan!, minutes: Number(e.target.value) })} /></label>
              )}
            </>}
          </div>
          <div className="form-row">
            <label className="field">Case priority
              <select value={draft.openCase.priority} onChange={(e) => setDraft({ ...draft, openCase: { ...draft.openCase, priority: e.target.value } })}>
                {PRIORITIES.map((p) => <option key={p} value={p}>{p}</option>)}
              </select>
            </label>
            <label className="field">SLA hours<input type="number" min={0.1} step="any" value={draft.openCase.slaHours} onChange={(e) => setDraft({ ...draft, openCase: { ...draft.openCase, slaHours: Number(e.target.value) } })} /></label>
            <label className="field">Team<input value={draft.openCase.team ?? ''} onChange={(e) => setDraft({ ...draft, openCase: { ...draft.openCase, team: e.target.value || undefined } })} /></label>
            <label className="field">Cool-down hours<input type="number" min={0} step="any" value={draft.cooldownHours} onChange={(e) => setDraft({ ...draft, cooldownHours: Number(e.target.value) })} /></label>
          </div>
          {error && <ErrorBox error={error} />}
          {saved && !dirty && <p className="ok-note" role="status">Saved.</p>}
          <div className="move-buttons">
            <button type="submit" className="btn primary" disabled={!dirty}>Save rule</button>
            {dirty && <button type="button" className="btn" onClick={() => setDraft(rule)}>Discard changes</button>}
          </div>
        </fieldset>
      </form>
    </Card>
  );
}

function describe(w: When): string {
  if (w.kind === 'response') {
    const parts = [w.npsAtMost !== undefined && `NPS ≤ ${w.npsAtMost}`, w.csatAtMost !== undefined && `CSAT ≤ ${w.csatAtMost}`,
      w.cesAtLeast !== undefined && `CES ≥ ${w.cesAtLeast}`, w.sentiment && 'a negative comment'].filter(Boolean);
    return `Opens a case when a survey answer has ${parts.join(' or ')}.`;
  }
  const times = w.count > 1 ? ` ${w.count} times within ${w.withinMinutes} minutes` : '';
  return `Opens a case on “${w.event}”${w.late ? ' when later than promised' : ''}${times}${w.slowerThan ? `, more than ${w.slowerThan.minutes} min after ${w.slowerThan.since}` : ''}.`;
}
