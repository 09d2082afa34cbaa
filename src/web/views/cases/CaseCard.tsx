import { Link } from 'wouter';
import { Badge } from '../../components/ui.tsx';
import { customerName, PRIORITY_TONE, type CaseItem } from './case-model.ts';
import { MoveControl } from './MoveControl.tsx';
import { SlaTimer } from './SlaTimer.tsx';

/** One case on the board: what, who, how urgent, how long left, and the moves it can make. */
export function CaseCard({ c, onMoved, resolveOpen, onCancelResolve }: {
  c: CaseItem; onMoved(updated: CaseItem): void; resolveOpen: boolean; onCancelResolve(): void;
}) {
  return (
    <article className={`case-card ${c.overdue ? 'overdue' : ''}`} draggable
      onDragStart={(e) => { e.dataTransfer.setData('text/case-id', c.id); e.dataTransfer.effectAllowed = 'move'; }}
      aria-label={`${c.reason}, ${customerName(c)}`}>
      <div className="case-card-top">
        <Link href={`/cases/${c.id}`} className="case-title">{c.reason}</Link>
        <Badge tone={PRIORITY_TONE[c.priority]}>{c.priority}</Badge>
      </div>
      <div className="case-meta">
        <span title={c.customerId ?? undefined}>☺ {customerName(c)}</span>
        <span>{c.owner ? `→ ${c.owner}` : <em className="muted">Unassigned</em>}</span>
        {c.team && <span className="muted">{c.team}</span>}
      </div>
      <SlaTimer c={c} />
      {c.resolutionCode && <div className="muted small">Resolution: {c.resolutionCode}</div>}
      <MoveControl c={c} onMoved={onMoved} resolveOpen={resolveOpen} onCancelResolve={onCancelResolve} compact />
    </article>
  );
}
