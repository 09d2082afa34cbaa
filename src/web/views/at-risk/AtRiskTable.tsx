import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import { api } from '../../app/api.ts';
import { Badge, fmt } from '../../components/ui.tsx';
import { prettyIdentity } from '../cases/case-model.ts';
import type { AtRiskCustomer } from './AtRiskView.tsx';
import { reasonText, riskTone } from './reasons.ts';

export function AtRiskTable({ customers, stages }: { customers: AtRiskCustomer[]; stages: string[] }) {
  const [, navigate] = useLocation();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  // A retention case carries the risk and its reasons as evidence, so the agent sees why without the model.
  const openCase = async (c: AtRiskCustomer) => {
    setBusy(c.id); setError(null);
    try {
      const reasons = c.reasons.map((r) => reasonText(r, stages));
      const opened = await api<{ id: string }>('/api/v1/cases', { method: 'POST', body: {
        customerId: c.id, reason: `Churn risk ${fmt.pct(c.risk, 0)}`, priority: c.risk >= 0.7 ? 'high' : 'normal', team: 'retention', slaHours: 72,
        evidence: { churn_risk: Math.round(c.risk * 1000) / 1000, reasons: reasons.join('; ') },
      } });
      navigate(`/cases/${opened.id}`);
    } catch (e) {
      setError((e as Error).message);
      setBusy(null);
    }
  };

  return (
    <>
      {error && <p className="error-box" role="alert">{error}</p>}
      <div className="table-wrap">
        <table className="at-risk-table">
          <thead><tr><th>#</th><th>Customer</th><th className="num">Risk</th><th>Why</th><th><span className="sr-only">Actions</span></th></tr></thead>
          <tbody>
            {customers.map((c, i) => (
              <tr key={c.id}>
                <td className="muted">{i + 1}</td>
                <td className="who"><Link href={`/customers/${encodeURIComponent(c.id)}`}>{prettyIdentity(c.label, c.id)}</Link></td>
                <td className="num"><Badge tone={riskTone(c.risk)}>{fmt.pct(c.risk, 0)}</Badge>
                  <div className="risk-bar" aria-hidden="true"><span style={{ width: `${Math.round(c.risk * 100)}%` }} className={riskTone(c.risk)} /></div></td>
                <td><ul className="reasons">{c.reasons.map((r) => <li key={r.feature} title={`${r.feature}: +${r.contribution.toFixed(2)} log-odds`}>{reasonText(r, stages)}</li>)}</ul></td>
                <td><button type="button" className="btn small" disabled={busy === c.id} onClick={() => void openCase(c)}>Open a case</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
