import { fmt } from '../../components/ui.tsx';
import { biggestDropOff, worstTouchpoint } from './insights.ts';
import type { JourneyMap } from './types.ts';

/** The answer first: where customers leave, which touchpoint hurts most and why, and how they feel. */
export function MapSummary({ map, onSelect }: { map: JourneyMap; onSelect(id: string): void }) {
  const drop = biggestDropOff(map);
  const worst = worstTouchpoint(map);
  const withVoc = map.stages.flatMap((s) => s.touchpoints).filter((t) => t.voc?.nps != null && t.voc.n >= 5);
  const unhappiest = withVoc.sort((a, b) => a.voc!.nps! - b.voc!.nps!)[0];
  return (
    <section className="jm-summary" aria-label="Summary">
      <div className="jm-insight bad">
        <div className="jm-insight-label">Biggest drop-off</div>
        {drop ? (
          <>
            <p><strong>{fmt.pct(drop.share, 0)}</strong> of customers who enter <strong>{drop.stage.name}</strong> never reach {drop.next.name}
              {' '}({fmt.int(drop.lost)} of {fmt.int(drop.stage.reach)}).</p>
            {drop.stage.dropOff.length > 0 && (
              <p className="small">They were last seen at{' '}
                {drop.stage.dropOff.map((d, i) => (
                  <span key={d.touchpointId}>{i > 0 && (i === drop.stage.dropOff.length - 1 ? ' and ' : ', ')}
                    <button type="button" className="link-btn" onClick={() => onSelect(d.touchpointId)}>{d.name}</button> ({fmt.pct(d.share, 0)})</span>
                ))}.</p>
            )}
          </>
        ) : <p className="muted">Nobody moved between stages in this range.</p>}
      </div>
      <div className="jm-insight warn">
        <div className="jm-insight-label">Worst touchpoint</div>
        {worst ? (
          <>
            <p><button type="button" className="link-btn strong" onClick={() => onSelect(worst.touchpoint.id)}>{worst.touchpoint.name}</button>
              {' '}in {worst.stage.name} ({fmt.int(worst.touchpoint.reach)} customers)</p>
            {worst.reasons.length > 0 && <ul className="small">{worst.reasons.map((r) => <li key={r}>{r}</li>)}</ul>}
          </>
        ) : <p className="muted">Every touchpoint with enough customers is healthy.</p>}
      </div>
      <div className="jm-insight info">
        <div className="jm-insight-label">How they feel</div>
        {unhappiest ? (
          <p>Lowest NPS at <button type="button" className="link-btn strong" onClick={() => onSelect(unhappiest.id)}>{unhappiest.name}</button>:
            {' '}<strong>{fmt.num(unhappiest.voc!.nps, 0)}</strong> from {fmt.int(unhappiest.voc!.n)} answers.</p>
        ) : <p className="muted small">No survey answers in this range yet. Ask at a touchpoint with a survey (Voice of the customer) to see how customers feel.</p>}
        <p className="small muted">{fmt.int(map.totals.customers)} customers, {fmt.int(map.totals.events)} events in range.</p>
      </div>
    </section>
  );
}
