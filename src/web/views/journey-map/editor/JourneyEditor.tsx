import { useEffect, useMemo, useState } from 'react';
import { api, ApiError } from '../../../app/api.ts';
import { ErrorBox } from '../../../components/ui.tsx';
import type { JourneyDef, StoredJourney } from '../types.ts';
import { allTouchpointIds, move, slugFor } from './draft.ts';
import { ErrorsContext, TextField } from './fields.tsx';
import { PersonasEditor } from './PersonasEditor.tsx';
import { StageEditor } from './StageEditor.tsx';
import { VersionHistory } from './VersionHistory.tsx';

interface Problem { path?: string; message: string }

/**
 * The journey as a form. Every change is checked by the server's validator (the same rules as saving),
 * errors shown at their field; saving PUTs the definition, which becomes a new version when it changed.
 */
export function JourneyEditor({ stored, onSaved }: { stored: StoredJourney; onSaved(): void }) {
  const [draft, setDraft] = useState<JourneyDef>(stored.journey);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [checking, setChecking] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<{ version: number; created: boolean } | null>(null);
  const [saveError, setSaveError] = useState<Error | null>(null);
  const [tick, setTick] = useState(0);
  const savedIds = useMemo(() => new Set(allTouchpointIds(stored.journey)), [stored.journey]);
  const dirty = useMemo(() => JSON.stringify(draft) !== JSON.stringify(stored.journey), [draft, stored.journey]);

  useEffect(() => {
    const controller = new AbortController();
    setChecking(true);
    const timer = setTimeout(() => {
      api<{ ok: boolean; errors: Problem[] }>('/api/v1/journeys/validate', { method: 'POST', body: draft, signal: controller.signal })
        .then((r) => { setProblems(r.errors); setChecking(false); })
        .catch((e: Error) => { if (e.name !== 'AbortError') { setSaveError(e); setChecking(false); } });
    }, 300);
    return () => { clearTimeout(timer); controller.abort(); };
  }, [draft]);

  const errors = useMemo(() => {
    const m = new Map<string, string[]>();
    for (const p of problems) m.set(p.path ?? '', [...(m.get(p.path ?? '') ?? []), p.message]);
    return m;
  }, [problems]);

  const edit = (next: JourneyDef) => { setDraft(next); setSaved(null); setSaveError(null); };
  const stages = draft.stages;
  const setStages = (s: JourneyDef['stages']) => edit({ ...draft, stages: s });

  const save = async () => {
    setSaving(true);
    setSaveError(null);
    try {
      const r = await api<{ version: number; created: boolean; journey: JourneyDef }>(`/api/v1/journeys/${encodeURIComponent(stored.id)}`, { method: 'PUT', body: draft });
      setSaved({ version: r.version, created: r.created });
      setTick((t) => t + 1);
      onSaved();
    } catch (e) {
      if (e instanceof ApiError && e.details.length) setProblems(e.details);
      setSaveError(e as Error);
    } finally { setSaving(false); }
  };

  const addStage = () => {
    const id = slugFor('New stage', stages.map((s) => s.id));
    const tpId = slugFor(`${id} touchpoint`, allTouchpointIds(draft));
    setStages([...stages, { id, name: 'New stage', touchpoints: [{ id: tpId, name: 'New touchpoint', match: { event: 'New Event' } }] }]);
  };
  const addTouchpoint = (si: number) => {
    const id = slugFor('New touchpoint', allTouchpointIds(draft));
    setStages(stages.map((s, k) => (k === si ? { ...s, touchpoints: [...s.touchpoints, { id, name: 'New touchpoint', match: { event: '' } }] } : s)));
  };
  const moveTouchpoint = (si: number, ti: number, to: number) => {
    const tp = stages[si].touchpoints[ti];
    setStages(stages.map((s, k) => {
      if (k === si) return { ...s, touchpoints: s.touchpoints.filter((_, j) => j !== ti) };
      if (k === to) return { ...s, touchpoints: [...s.touchpoints, tp] };
      return s;
    }));
  };
  const canSave = dirty && problems.length === 0 && !checking && !saving;

  return (
    <ErrorsContext.Provider value={errors}>
      <div className="jm-editor">
        <div className="jm-editor-bar card" role="region" aria-label="Save">
          <TextField label="Journey name" path="name" value={draft.name} onChange={(name) => edit({ ...draft, name })} className="wide" />
          <div className="jm-editor-status" aria-live="polite">
            {checking ? <span className="muted">Checking…</span>
              : problems.length > 0 ? <span className="badge bad">✕ {problems.length} problem{problems.length === 1 ? '' : 's'} to fix</span>
              : <span className="badge good">✓ Valid</span>}
            {saved && <span className="badge info">{saved.created ? `Saved as version ${saved.version}` : `No changes: still version ${saved.version}`}</span>}
          </div>
          <div className="page-actions">
            <button type="button" className="btn" disabled={!dirty || saving} onClick={() => edit(stored.journey)}>Discard changes</button>
            <button type="button" className="btn primary" disabled={!canSave} onClick={() => void save()}>{saving ? 'Saving…' : 'Save new version'}</button>
          </div>
        </div>
        {saveError && <ErrorBox error={saveError} />}
        {problems.length > 0 && (
          <ul className="error-box jm-problems" role="alert">{problems.map((p, i) => <li key={i}>{p.path ? <code>{p.path}</code> : null} {p.message}</li>)}</ul>
        )}
        {stages.map((stage, i) => (
          <StageEditor key={i} stage={stage} savedIds={savedIds} index={i} stages={stages}
            onChange={(s) => setStages(stages.map((x, k) => (k === i ? s : x)))}
            onMove={(d) => setStages(move(stages, i, i + d))}
            onRemove={() => setStages(stages.filter((_, k) => k !== i))}
            onAddTouchpoint={() => addTouchpoint(i)}
            onMoveTouchpoint={(ti, to) => moveTouchpoint(i, ti, to)} />
        ))}
        <button type="button" className="btn" onClick={addStage}>Add stage</button>
        <PersonasEditor personas={draft.personas ?? []} newId={(name) => slugFor(name, (draft.personas ?? []).map((p) => p.id))}
          onChange={(personas) => { const { personas: _p, ...rest } = draft; edit(personas.length ? { ...rest, personas } : rest); }} />
        <VersionHistory journeyId={stored.id} tick={tick} />
      </div>
    </ErrorsContext.Provider>
  );
}
