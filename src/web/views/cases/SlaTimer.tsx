import { isActive, span, useNow, type CaseItem } from './case-model.ts';

/** Time left until the SLA is due, or how long it is overdue; counts down live while the case is active. */
export function SlaTimer({ c }: { c: Pick<CaseItem, 'status' | 'slaDueAt'> }) {
  const now = useNow();
  if (!c.slaDueAt) return <span className="sla muted">No SLA</span>;
  if (!isActive(c)) return <span className="sla muted">SLA stopped</span>;
  const left = new Date(c.slaDueAt).getTime() - now;
  const tone = left < 0 ? 'bad' : left < 4 * 3_600_000 ? 'warn' : 'good';
  const text = left < 0 ? `Overdue by ${span(-left)}` : `${span(left)} left`;
  return (
    <span className={`sla sla-${tone}`} title={`SLA due ${new Date(c.slaDueAt).toLocaleString('en-GB')}`}>
      <span aria-hidden="true">{left < 0 ? '⏰' : '⏱'}</span> {text}
    </span>
  );
}
