import { fmt } from '../../components/ui.tsx';
import type { MapStage } from './types.ts';

/** A stage column's head: who entered, who moved on, and the stage goal against its target. */
export function StageHeader({ stage, index, last }: { stage: MapStage; index: number; last: boolean }) {
  const g = stage.goal;
  return (
    <div className="jm-stage-head">
      <h3><span className="jm-stage-no" aria-hidden="true">{index + 1}</span>{stage.name}</h3>
      <div className="jm-stage-nums">
        <span><strong>{fmt.int(stage.reach)}</strong> entered</span>
        {!last && <span><strong>{fmt.pct(stage.conversionToNext, 0)}</strong> move on{stage.medianSecondsToNext !== null ? ` in ${fmt.duration(stage.medianSecondsToNext)}` : ''}</span>}
      </div>
      {g && (
        <div className="jm-goal small">
          <span className="muted">Goal: </span>{g.description}{' '}
          {g.reached !== null && (
            <span className={`badge ${g.met === false ? 'bad' : g.met ? 'good' : 'info'}`}>
              {g.met === false ? '✕ ' : g.met ? '✓ ' : ''}{fmt.pct(g.reached, 0)}{g.target !== null ? ` of ${fmt.pct(g.target, 0)} target` : ''}
            </span>
          )}
        </div>
      )}
    </div>
  );
}
