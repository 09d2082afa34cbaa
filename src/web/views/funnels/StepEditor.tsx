import { useId } from 'react';
import { fmt } from '../../components/ui.tsx';
import type { Catalog } from '../analytics-common/use-catalog.ts';
import { OP_LABELS, OPS, type Condition, type Op, type Step, type StepKind } from './definition.ts';

interface Props {
  step: Step;
  index: number;
  count: number;
  catalog: Catalog;
  onChange(step: Step): void;
  onMove(delta: -1 | 1): void;
  onRemove(): void;
}

const KINDS: { id: StepKind; label: string }[] = [
  { id: 'event', label: 'Event' }, { id: 'touchpoint', label: 'Touchpoint' }, { id: 'stage', label: 'Stage' },
];

/** One funnel step: what it matches (event, touchpoint or stage) and optional property filters. */
export function StepEditor({ step, index, count, catalog, onChange, onMove, onRemove }: Props) {
  const id = useId();
  const n = index + 1;
  const keys = catalog.propertyKeys(step.kind === 'event' ? step.value : undefined);
  const setWhere = (where: Condition[]) => onChange({ ...step, where });
  return (
    <fieldset className="funnel-step">
      <legend><span className="step-no" aria-hidden="true">{n}</span><span className="sr-only">Step {n}</span></legend>
      <div className="step-main">
        <label className="field">
          <span>Step {n} type</span>
          <select value={step.kind} onChange={(e) => onChange({ kind: e.target.value as StepKind, value: '', where: [] })}>
            {KINDS.map((k) => <option key={k.id} value={k.id} disabled={k.id !== 'event' && catalog.stages.length === 0}>{k.label}</option>)}
          </select>
        </label>
        <label className="field step-value">
          <span>Step {n} {step.kind}</span>
          <select value={step.value} onChange={(e) => onChange({ ...step, value: e.target.value })} required>
            <option value="">Choose…</option>
            <ValueOptions step={step} catalog={catalog} />
          </select>
        </label>
        <div className="step-actions">
          <button type="button" className="btn small ghost" onClick={() => setWhere([...step.where, { property: keys[0] ?? '', op: 'eq', value: '' }])}>+ Filter<span className="sr-only"> on step {n}</span></button>
          <button type="button" className="btn small ghost" onClick={() => onMove(-1)} disabled={index === 0} aria-label={`Move step ${n} up`}>↑</button>
          <button type="button" className="btn small ghost" onClick={() => onMove(1)} disabled={index === count - 1} aria-label={`Move step ${n} down`}>↓</button>
          <button type="button" className="btn small ghost danger" onClick={onRemove} disabled={count <= 2} aria-label={`Remove step ${n}`}>✕</button>
        </div>
      </div>
      {step.where.length > 0 && (
        <div className="step-where">
          <datalist id={`${id}-keys`}>{keys.map((k) => <option key={k} value={k} />)}</datalist>
          {step.where.map((c, i) => (
            <div className="where-row" key={i}>
              <span className="muted small">{i === 0 ? 'where' : 'and'}</span>
              <label className="field"><span className="sr-only">Step {n} filter {i + 1} property</span>
                <input list={`${id}-keys`} value={c.property} placeholder="property" required
                  onChange={(e) => setWhere(step.where.map((x, j) => (j === i ? { ...x, property: e.target.value } : x)))} />
              </label>
              <label className="field"><span className="sr-only">Step {n} filter {i + 1} operator</span>
                <select value={c.op} onChange={(e) => setWhere(step.where.map((x, j) => (j === i ? { ...x, op: e.target.value as Op } : x)))}>
                  {OPS.map((o) => <option key={o} value={o}>{OP_LABELS[o]}</option>)}
                </select>
              </label>
              {c.op !== 'exists' && (
                <label className="field"><span className="sr-only">Step {n} filter {i + 1} value</span>
                  <input value={c.value} placeholder={c.op === 'in' ? 'a, b, c' : 'value'} required
                    onChange={(e) => setWhere(step.where.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)))} />
                </label>
              )}
              <button type="button" className="btn small ghost" aria-label={`Remove filter ${i + 1} of step ${n}`}
                onClick={() => setWhere(step.where.filter((_, j) => j !== i))}>✕</button>
            </div>
          ))}
        </div>
      )}
    </fieldset>
  );
}

function ValueOptions({ step, catalog }: { step: Step; catalog: Catalog }) {
  if (step.kind === 'event') {
    const known = catalog.events.some((e) => e.name === step.value);
    return (
      <>
        {!known && step.value && <option value={step.value}>{step.value}</option>}
        {catalog.events.map((e) => <option key={e.name} value={e.name}>{e.name} ({fmt.int(e.events)})</option>)}
      </>
    );
  }
  if (step.kind === 'stage') return <>{catalog.stages.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}</>;
  return (
    <>
      {catalog.stages.map((s) => (
        <optgroup key={s.id} label={s.name}>
          {s.touchpoints.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
        </optgroup>
      ))}
    </>
  );
}
