import { useLocation } from 'wouter';
import { Badge } from '../../components/ui.tsx';
import { customerName, PRIORITY_TONE, STATUS_LABEL, type CaseItem } from './case-model.ts';
import { SlaTimer } from './SlaTimer.tsx';

/** Cases as a table, soonest SLA first (active cases before finished ones). */
export function CaseList({ cases }: { cases: CaseItem[] }) {
  const [, navigate] = useLocation();
  const due = (c: CaseItem) => (c.status === 'open' || c.status === 'in_progress') && c.slaDueAt ? new Date(c.slaDueAt).getTime() : Number.POSITIVE_INFINITY;
  const sorted = [...cases].sort((a, b) => due(a) - due(b) || b.createdAt.localeCompare(a.createdAt));
  return (
    <div className="table-wrap">
      <table className="case-table">
        <caption className="sr-only">Cases, sorted by SLA due time</caption>
        <thead>
          <tr><th>Case</th><th>Customer</th><th>Priority</th><th>Status</th><th>Owner</th><th aria-sort="ascending">SLA</th><th>Opened</th></tr>
        </thead>
        <tbody>
          {sorted.map((c) => (
            <tr key={c.id} className="clickable" onClick={() => navigate(`/cases/${c.id}`)}>
              <td><a href={`/cases/${c.id}`} onClick={(e) => { e.preventDefault(); navigate(`/cases/${c.id}`); }}>{c.reason}</a>
                {c.team && <div className="muted small">{c.team}</div>}</td>
              <td>{customerName(c)}</td>
              <td><Badge tone={PRIORITY_TONE[c.priority]}>{c.priority}</Badge></td>
              <td>{STATUS_LABEL[c.status]}{c.resolutionCode && <div className="muted small">{c.resolutionCode}</div>}</td>
              <td>{c.owner ?? <em className="muted">Unassigned</em>}</td>
              <td><SlaTimer c={c} /></td>
              <td className="muted small">{new Date(c.createdAt).toLocaleDateString('en-GB', { day: 'numeric', month: 'short' })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
