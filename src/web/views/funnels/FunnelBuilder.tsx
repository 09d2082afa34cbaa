import { useEffect, useState, type FormEvent } from 'react';
import type { Catalog } from '../analytics-common/use-catalog.ts';
import { ExclusionEditor } from './ExclusionEditor.tsx';
import { emptyStep, fitExclusions, isComplete, ORDERS, WINDOWS, type FunnelDef, type Order, type Step } from './definition.ts';
import { StepEditor } from './StepEditor.tsx';

const MAX_STEPS = 20;

/** Edits a funnel definition; "Show funnel" applies it (to the URL, which runs the query). */
export function FunnelBuilder({ value, catalog, onRun }: { value: FunnelDef; catalog: Catalog; onRun(def: FunnelDef): void }) {
  const [draft, setDraft] = useState(value);
  // A new definition from outside (back button, a shared link) replaces the draft.
  useEffect(() => setDraft(value), [value]);
  const setStep = (i: number, step: Step) => setDraft((d) => ({ ...d, steps: d.steps.map((s, j) => (j === i ? step : s)) }));
  const move = (i: number, delta: -1 | 1) => setDraft((d) => {
    const steps = [...d.steps];
    [steps[i], steps[i + delta]] = [steps[i + delta], steps[i]];
    return { ...d, steps };
  });
  const firstEvent = draft.steps[0]?.kind === 'event' ? draft.steps[0].value : undefined;
  const breakdownKeys = catalog.propertyKeys(firstEvent);
  const submit = (e: FormEvent) => { e.preventDefault(); if (isComplete(draft)) onRun(draft); };
  const windowKnown = WINDOWS.some((w) => w.id === draft.window);

  return (
    <form className="funnel-builder" onSubmit={submit} aria-label="Funnel definition">
      <ol className="funnel-steps">
        {draft.steps.map((s, i) => (
          <li key={i}>
            <StepEditor step={s} index={i} count={draft.steps.length} catalog={catalog}
              onChange={(step) => setStep(i, step)} onMove={(d) => move(i, d)}
              onRemove={() => setDraft((d) => ({ ...d, steps: d.steps.filter((_, j) => j !== i), exclusions: fitExclusions(d.exclusions, d.steps.length - 1) }))} />
          </li>
        ))}
      </ol>
      <button type="button" className="btn small" disabled={draft.steps.length >= MAX_STEPS}
        onClick={() => setDraft((d) => ({ ...d, steps: [...d.steps, emptyStep()] }))}>+ Add step</button>
      <ExclusionEditor value={draft.exclusions} steps={draft.steps.length} catalog={catalog} onChange={(exclusions) => setDraft((d) => ({ ...d, exclusions }))} />
      <div className="analysis-form funnel-options">
        <label className="field"><span>Conversion window</span>
          <select value={draft.window} onChange={(e) => setDraft({ ...draft, window: e.target.value })}>
            {!windowKnown && <option value={draft.window}>{draft.window}</option>}
            {WINDOWS.map((w) => <option key={w.id} value={w.id}>{w.label}</option>)}
          </select>
        </label>
        <label className="field"><span>Step order</span>
          <select value={draft.order} onChange={(e) => setDraft({ ...draft, order: e.target.value as Order })} aria-describedby="order-hint">
            {ORDERS.map((o) => <option key={o.id} value={o.id}>{o.label}</option>)}
          </select>
        </label>
        <label className="field"><span>Breakdown</span>
          <select value={draft.breakdown} onChange={(e) => setDraft({ ...draft, breakdown: e.target.value })}>
            <option value="">None</option>
            <option value="channel">Channel</option>
            <option value="device">Device</option>
            <option value="persona">Persona</option>
            {draft.breakdown && !['channel', 'device', 'persona'].includes(draft.breakdown) && !breakdownKeys.includes(draft.breakdown) &&
              <option value={draft.breakdown}>{draft.breakdown}</option>}
            {breakdownKeys.length > 0 && (
              <optgroup label={firstEvent ? `Property of ${firstEvent}` : 'Event property'}>
                {breakdownKeys.map((k) => <option key={k} value={k}>{k}</option>)}
              </optgroup>
            )}
          </select>
        </label>
        <button type="submit" className="btn primary" disabled={!isComplete(draft)}>Show funnel</button>
      </div>
      <p className="hint" id="order-hint">{ORDERS.find((o) => o.id === draft.order)?.hint}. A customer counts once per step; the window runs from their first step.</p>
      {!isComplete(draft) && <p className="hint" role="status">Choose an event, touchpoint or stage for every step (at least two steps), fill in every filter, and choose an event for every exclusion.</p>}
    </form>
  );
}
