import type { CSSProperties } from 'react';
import { StageHeader } from './StageHeader.tsx';
import { TouchpointCard } from './TouchpointCard.tsx';
import { LANES, laneOf, type JourneyMap, type Lane, type MapTouchpoint } from './types.ts';

interface Props { map: JourneyMap; selected: string | null; onSelect(id: string): void }

/**
 * Stages as columns, channels as swimlanes. Cells are placed with CSS grid variables and rendered
 * stage by stage, so on a phone (grid off) the same markup reads as one stage after another.
 */
export function MapGrid({ map, selected, onSelect }: Props) {
  const lanes = LANES.filter((l) => map.stages.some((s) => s.touchpoints.some((t) => laneOf(t) === l)));
  const style = { '--stages': map.stages.length, '--lanes': lanes.length } as CSSProperties;
  return (
    <div className="jm-grid" style={style} role="group" aria-label="Journey map: stages and touchpoints by channel">
      {lanes.map((lane, r) => (
        <div key={lane} className="jm-lane-label" style={{ gridRow: r + 2 } as CSSProperties} aria-hidden="true">{lane}</div>
      ))}
      {map.stages.map((stage, i) => {
        const last = i === map.stages.length - 1;
        const byLane = new Map<Lane, MapTouchpoint[]>();
        for (const tp of stage.touchpoints) byLane.set(laneOf(tp), [...(byLane.get(laneOf(tp)) ?? []), tp]);
        return (
          <section key={stage.id} className="jm-stage" style={{ '--col': i + 2 } as CSSProperties} aria-label={`Stage ${i + 1}: ${stage.name}`}>
            <StageHeader stage={stage} index={i} last={last} />
            {lanes.map((lane, r) => (
              <div key={lane} className="jm-cell" style={{ '--row': r + 2 } as CSSProperties}>
                {(byLane.get(lane) ?? []).map((tp) => (
                  <TouchpointCard key={tp.id} tp={tp} lane={lane} last={last} selected={selected === tp.id} onOpen={() => onSelect(tp.id)} />
                ))}
              </div>
            ))}
          </section>
        );
      })}
    </div>
  );
}
