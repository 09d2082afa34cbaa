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
      <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round">
        <circle cx="8" cy="8.5" r="6" /><path d="M8 5.5v3l2 1.5M6.5 1.5h3" />
      </svg> {text}
    </span>
  );
}
