import { useContext, useEffect, useState } from 'react';
import type { StageDef, TouchpointDef } from '../types.ts';
import { CHANNELS, eventsText, OPS, parseValue, slugFor, TYPES, valueText, withEvents } from './draft.ts';
import { ErrorsContext, GroupError, SelectField, TextField } from './fields.tsx';

interface Props {
  tp: TouchpointDef;
  /** Ids in the saved version: renaming never changes those (reports and surveys refer to them). */
  savedIds: Set<string>;
  path: string;
  stages: StageDef[];
  stageIndex: number;
  onChange(tp: TouchpointDef): void;
  onMoveToStage(stageIndex: number): void;
  onRemove(): void;
}

/** One touchpoint: name, channel, stage, and its matcher (event names, call type, property conditions). */
export function TouchpointEditor({ tp, savedIds, path, stages, stageIndex, onChange, onMoveToStage, onRemove }: Props) {
  const m = tp.match;
  const where = m.where ?? [];
  const channel = Array.isArray(tp.channel) ? tp.channel[0] ?? '' : tp.channel ?? '';
  const type = Array.isArray(m.type) ? m.type[0] ?? '' : m.type ?? '';
  const setWhere = (next: typeof where) => {
    const { where: _w, ...rest } = m;
    onChange({ ...tp, match: next.length ? { ...rest, where: next } : rest });
  };
  const errors = useContext(ErrorsContext);
  // An id still derived from the name follows renames; one typed by hand (or already saved) stays.
  const autoId = tp.id === slugFor(tp.name, []) && !savedIds.has(tp.id);
  const hasError = [...errors.keys()].some((k) => k === path || k.startsWith(`${path}.`));
  // Closed to one summary line each, so a 30-touchpoint journey fits a screen; new or broken ones open.
  const [open, setOpen] = useState(tp.name === 'New touchpoint');
  useEffect(() => { if (hasError) setOpen(true); }, [hasError]);
  const what = [eventsText(m), type && `${type} calls`, where.length ? `${where.length} condition${where.length === 1 ? '' : 's'}` : ''].filter(Boolean).join(' · ');
  return (
    <details className="jm-tp-details" open={open} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>
        <strong>{tp.name || 'New touchpoint'}</strong> <span className="muted small">{channel || 'any channel'}{what ? ` · ${what}` : ''}</span>
        {hasError && <span className="badge bad">✕ needs a fix</span>}
      </summary>
    <fieldset className="jm-tp-edit">
      <legend>{tp.name || 'New touchpoint'}</legend>
      <div className="form-row">
        <TextField label="Name" path={`${path}.name`} value={tp.name} onChange={(name) => onChange({ ...tp, name, id: autoId ? slugFor(name, []) : tp.id })} />
        <TextField label="Id" path={`${path}.id`} value={tp.id} onChange={(id) => onChange({ ...tp, id })} className="narrow" />
        <SelectField label="Channel" path={`${path}.channel`} value={channel}
          onChange={(c) => { const { channel: _c, ...rest } = tp; onChange(c ? { ...rest, channel: c } : rest); }}>
          <option value="">Any</option>
          {CHANNELS.map((c) => <option key={c} value={c}>{c}</option>)}
        </SelectField>
        <SelectField label="Stage" path={`${path}.stage`} value={String(stageIndex)} onChange={(v) => onMoveToStage(Number(v))}>
          {stages.map((s, i) => <option key={i} value={i}>{s.name || s.id}</option>)}
        </SelectField>
      </div>
      <div className="form-row">
        <TextField label="Event name(s)" path={`${path}.match.event`} value={eventsText(m)} placeholder="e.g. Order Completed"
          onChange={(t) => onChange({ ...tp, match: withEvents(m, t) })} className="wide" />
        <SelectField label="Call type" path={`${path}.match.type`} value={type}
          onChange={(t) => { const { type: _t, ...rest } = m; onChange({ ...tp, match: t ? { ...rest, type: t } : rest }); }}>
          <option value="">Any</option>
          {TYPES.map((t) => <option key={t} value={t}>{t}</option>)}
        </SelectField>
      </div>
      <GroupError path={`${path}.match`} />
      <GroupError path={path} />
      {where.map((c, i) => (
        <div className="form-row jm-cond" key={i}>
          <TextField label="Property" path={`${path}.match.where[${i}].property`} value={c.property} placeholder="path, properties.x"
            onChange={(property) => setWhere(where.map((x, k) => (k === i ? { ...x, property } : x)))} />
          <SelectField label="Operator" path={`${path}.match.where[${i}].op`} value={c.op}
            onChange={(op) => setWhere(where.map((x, k) => (k === i ? { ...x, op, value: parseValue(op, valueText(x), x.value) } : x)))}>
            {OPS.map((o) => <option key={o} value={o}>{o}</option>)}
          </SelectField>
          {c.op !== 'exists' && (
            <TextField label="Value" path={`${path}.match.where[${i}].value`} value={valueText(c)}
              onChange={(t) => setWhere(where.map((x, k) => (k === i ? { ...x, value: parseValue(x.op, t, x.value) } : x)))} />
          )}
          <button type="button" className="btn small ghost" onClick={() => setWhere(where.filter((_, k) => k !== i))}>
            Remove condition<span className="sr-only"> {i + 1} of {tp.name}</span>
          </button>
        </div>
      ))}
      <div className="page-actions">
        <button type="button" className="btn small" onClick={() => setWhere([...where, { property: '', op: 'eq', value: '' }])}>Add condition<span className="sr-only"> to {tp.name}</span></button>
        <button type="button" className="btn small danger" onClick={onRemove}>Remove touchpoint<span className="sr-only"> {tp.name}</span></button>
      </div>
    </fieldset>
    </details>
  );
}
