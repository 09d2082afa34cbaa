import type { StageDef, TouchpointDef } from '../types.ts';
import { EMOTIONS } from './draft.ts';
import { GroupError, SelectField, TextField } from './fields.tsx';
import { TouchpointEditor } from './TouchpointEditor.tsx';

interface Props {
  stage: StageDef;
  savedIds: Set<string>;
  index: number;
  stages: StageDef[];
  onChange(stage: StageDef): void;
  onMove(delta: -1 | 1): void;
  onRemove(): void;
  onAddTouchpoint(): void;
  onMoveTouchpoint(tpIndex: number, toStage: number): void;
}

/** One stage: name, expected emotion, goal, and its touchpoints. */
export function StageEditor({ stage, savedIds, index, stages, onChange, onMove, onRemove, onAddTouchpoint, onMoveTouchpoint }: Props) {
  const path = `stages[${index}]`;
  const emotion = stage.expectedEmotion === undefined ? '' : typeof stage.expectedEmotion === 'number' ? EMOTIONS[stage.expectedEmotion + 2] ?? '' : stage.expectedEmotion;
  const setTp = (i: number, tp: TouchpointDef) => onChange({ ...stage, touchpoints: stage.touchpoints.map((t, k) => (k === i ? tp : t)) });
  return (
    <section className="card jm-stage-edit" aria-label={`Stage ${index + 1}: ${stage.name}`}>
      <div className="card-head">
        <h2>{index + 1}. {stage.name || 'New stage'}</h2>
        <div className="page-actions">
          <button type="button" className="btn small" disabled={index === 0} onClick={() => onMove(-1)}>↑<span className="sr-only">Move stage {stage.name} earlier</span></button>
          <button type="button" className="btn small" disabled={index === stages.length - 1} onClick={() => onMove(1)}>↓<span className="sr-only">Move stage {stage.name} later</span></button>
          <button type="button" className="btn small danger" disabled={stages.length === 1} onClick={onRemove}>Remove stage<span className="sr-only"> {stage.name}</span></button>
        </div>
      </div>
      <div className="form-row">
        <TextField label="Stage name" path={`${path}.name`} value={stage.name} onChange={(name) => onChange({ ...stage, name })} />
        <TextField label="Stage id" path={`${path}.id`} value={stage.id} onChange={(id) => onChange({ ...stage, id })} className="narrow" />
        <SelectField label="Expected emotion" path={`${path}.expectedEmotion`} value={emotion}
          onChange={(v) => { const { expectedEmotion: _e, ...rest } = stage; onChange(v ? { ...rest, expectedEmotion: v as StageDef['expectedEmotion'] } : rest); }}>
          <option value="">Not set</option>
          {EMOTIONS.map((e) => <option key={e} value={e}>{e}</option>)}
        </SelectField>
        <TextField label="Goal" path={`${path}.goal.description`} value={stage.goal?.description ?? ''} className="wide"
          onChange={(d) => { const { goal, ...rest } = stage; onChange(d ? { ...rest, goal: { ...goal, description: d } } : rest); }} />
      </div>
      <GroupError path={path} />
      <GroupError path={`${path}.touchpoints`} />
      {stage.touchpoints.map((tp, i) => (
        <TouchpointEditor key={i} tp={tp} savedIds={savedIds} path={`${path}.touchpoints[${i}]`} stages={stages} stageIndex={index}
          onChange={(next) => setTp(i, next)} onMoveToStage={(to) => onMoveTouchpoint(i, to)}
          onRemove={() => onChange({ ...stage, touchpoints: stage.touchpoints.filter((_, k) => k !== i) })} />
      ))}
      <button type="button" className="btn small" onClick={onAddTouchpoint}>Add touchpoint<span className="sr-only"> to {stage.name}</span></button>
    </section>
  );
}
