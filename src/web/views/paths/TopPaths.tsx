import { useFilters } from '../../app/filters.tsx';
import { useApi } from '../../app/use-api.ts';
import { Card, fmt, Loaded } from '../../components/ui.tsx';
import type { TopPathsResult } from './types.ts';

const TITLES = {
  purchase: { title: 'Top paths to purchase', empty: 'No purchase (Order Completed) in this period.' },
  abandonment: { title: 'Top paths to abandonment', empty: 'Nobody left a cart or checkout without buying in this period.' },
};

/** The most common full paths ending in a purchase, or in leaving a cart or checkout. */
export function TopPaths({ outcome, exclude }: { outcome: 'purchase' | 'abandonment'; exclude: string[] }) {
  const { from, to } = useFilters();
  const state = useApi<TopPathsResult>('/api/v1/query/paths/top', { method: 'POST', body: { outcome, from, to, limit: 8, exclude } });
  const t = TITLES[outcome];
  return (
    <Card title={t.title}>
      <Loaded state={state} empty={(d) => (d.paths.length === 0 ? <p className="muted">{t.empty}</p> : null)}>
        {(d) => (
          <>
            <p className="muted small">{fmt.int(d.customers)} customers; the last steps before the {outcome === 'purchase' ? 'order' : 'customer left'}, most common first.</p>
            <ol className="top-paths" aria-label={t.title}>
              {d.paths.map((p, i) => (
                <li key={i} className="top-path">
                  <div className="path-steps">
                    {p.steps.map((s, j) => (
                      <span key={j} className="path-step">{j > 0 && <span className="arrow" aria-hidden="true">→</span>}<span className="chip">{s}</span></span>
                    ))}
                  </div>
                  <div className="bar-cell" title={`${p.customers} customers`}>
                    <span className="bar" style={{ width: `${Math.max(2, p.share * 100)}%` }} />
                    <span className="small"><strong>{fmt.int(p.customers)}</strong> ({fmt.pct(p.share, 0)})</span>
                  </div>
                </li>
              ))}
            </ol>
          </>
        )}
      </Loaded>
    </Card>
  );
}
