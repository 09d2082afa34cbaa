import { useFilters } from '../../app/filters.tsx';
import { useApi } from '../../app/use-api.ts';
import { Link } from 'wouter';
import { Card, EmptyState, fmt, Loaded } from '../../components/ui.tsx';
import type { DropoffResult } from './types.ts';

/** Stage transitions, worst first, with where the customers who left were last seen. */
export function DropoffRanking() {
  const { from, to } = useFilters();
  const state = useApi<DropoffResult>('/api/v1/query/dropoff', { method: 'POST', body: { from, to, limit: 5 } });
  // Drop-off is measured along a journey's stages: without one there is nothing to rank yet.
  if (state.error && /journey/i.test(state.error.message)) {
    return (
      <Card title="Where customers leave the journey">
        <EmptyState title="No journey yet">
          <p>Drop-off is counted between the stages of a journey. <Link href="/map">Create one on the journey map</Link> (templates included) to see where customers leave.</p>
        </EmptyState>
      </Card>
    );
  }
  return (
    <Card title="Where customers leave the journey">
      <Loaded state={state} empty={(d) => (d.transitions.every((t) => t.reached === 0) ? <p className="muted">Nobody entered the journey in this period.</p> : null)}>
        {(d) => {
          const ranked = [...d.transitions].sort((a, b) => b.dropped - a.dropped);
          return (
            <>
              <p className="muted small">Journey “{d.journey.name}”: for each move from one stage to the next, how many customers did not move on, and their last touchpoint.</p>
              <ol className="dropoff-list">
                {ranked.map((t) => (
                  <li key={`${t.from.id}-${t.to.id}`}>
                    <div className="dropoff-head">
                      <strong>{t.from.name} → {t.to.name}</strong>
                      <span><strong className="lift-bad">{fmt.int(t.dropped)}</strong> of {fmt.int(t.reached)} left ({fmt.pct(t.dropOffRate, 0)})</span>
                    </div>
                    {t.lastTouchpoints.length > 0 && (
                      <ul className="last-seen" aria-label={`Last touchpoint of those who left after ${t.from.name}`}>
                        {t.lastTouchpoints.map((p) => (
                          <li key={p.touchpointId} className="bar-cell">
                            <span className="last-name">{p.name}</span>
                            <span className="bar bad-bar" style={{ width: `${Math.max(2, p.share * 40)}%` }} />
                            <span className="small">{fmt.int(p.customers)} ({fmt.pct(p.share, 0)})</span>
                          </li>
                        ))}
                      </ul>
                    )}
                  </li>
                ))}
              </ol>
            </>
          );
        }}
      </Loaded>
    </Card>
  );
}
