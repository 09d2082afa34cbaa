import { fmt } from '../../components/ui.tsx';
import type { StageEntry } from './customer-model.ts';

const WHY: Record<StageEntry['reason'], string> = { touchpoint: 'reached', return: 'moved back by a return', lapsed: 'no activity for 90 days' };

/** The stages the customer moved through, in order, and why each move happened. */
export function StageHistory({ entries }: { entries: StageEntry[]; channels?: string[] }) {
  if (entries.length === 0) return <p className="muted">Not placed in a journey stage yet (no event matched a touchpoint of the primary journey).</p>;
  return (
    <ol className="stage-history">
      {entries.map((s, i) => (
        <li key={i} className={i === entries.length - 1 ? 'current' : ''}>
          <strong>{s.stageName}</strong>{i === entries.length - 1 && <span className="muted"> (now)</span>}
          <div className="muted small">{fmt.dateTime(s.enteredAt)} · {WHY[s.reason]}{s.touchpointId && <> via <code>{s.touchpointId}</code></>}</div>
        </li>
      ))}
    </ol>
  );
}
