import type { Catalog } from '../analytics-common/use-catalog.ts';
import { fmt } from '../../components/ui.tsx';
import type { Exclusion } from './definition.ts';

const MAX_EXCLUSIONS = 10;

/**
 * "Leave out customers who did X between step a and step b" — e.g. who contacted support between
 * adding to cart and ordering. Steps are shown 1-based; the API takes them 0-based (definition.ts).
 */
export function ExclusionEditor({ value, steps, catalog, onChange }: {
  value: Exclusion[]; steps: number; catalog: Catalog; onChange(next: Exclusion[]): void;
}) {
  const set = (i: number, patch: Partial<Exclusion>) => onChange(value.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const stepOptions = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => from + k)
    .map((s) => <option key={s} value={s}>step {s + 1}</option>);
  return (
    <fieldset className="funnel-exclusions">
      <legend>Exclusions</legend>
      {value.length === 0 && <p className="hint">Leave out customers who did something between two steps, e.g. contacted support before ordering.</p>}
      {value.map((x, i) => (
        <div className="where-row exclusion-row" key={i}>
          <span className="muted small">without</span>
          <label className="field"><span className="sr-only">Exclusion {i + 1} event</span>
            <select value={x.event} onChange={(e) => set(i, { event: e.target.value })} required>
              <option value="">Choose an event…</option>
              {catalog.events.map((e) => <option key={e.name} value={e.name}>{e.name} ({fmt.int(e.events)})</option>)}
            </select>
          </label>
          <span className="muted small">between</span>
          <label className="field"><span className="sr-only">Exclusion {i + 1} from step</span>
            <select value={x.fromStep} onChange={(e) => { const fromStep = Number(e.target.value); set(i, { fromStep, toStep: Math.max(x.toStep, fromStep + 1) }); }}>
              {stepOptions(0, steps - 2)}
            </select>
          </label>
          <span className="muted small">and</span>
          <label className="field"><span className="sr-only">Exclusion {i + 1} to step</span>
            <select value={x.toStep} onChange={(e) => set(i, { toStep: Number(e.target.value) })}>
              {stepOptions(x.fromStep + 1, steps - 1)}
            </select>
          </label>
          <button type="button" className="btn small ghost danger" onClick={() => onChange(value.filter((_, j) => j !== i))} aria-label={`Remove exclusion ${i + 1}`}>✕</button>
        </div>
      ))}
      <button type="button" className="btn small" disabled={value.length >= MAX_EXCLUSIONS}
        onClick={() => onChange([...value, { event: '', fromStep: 0, toStep: steps - 1 }])}>+ Add exclusion</button>
    </fieldset>
  );
}
