import { useState } from 'react';
import { Link } from 'wouter';
import { useApi } from '../../app/use-api.ts';
import { Card, EmptyState, ErrorBox, Loading, PageHeader, Stat, fmt } from '../../components/ui.tsx';
import { featureName, type Reason } from './reasons.ts';
import { AtRiskTable } from './AtRiskTable.tsx';
import { usePrimaryStages } from './use-primary-stages.ts';
import './at-risk.css';

const REACHABLE_DAYS = 60;

export interface AtRiskCustomer { id: string; label: string | null; risk: number; reasons: Reason[] }
interface AtRisk {
  customers: AtRiskCustomer[];
  model: { trainedOn: number; churnedInTraining: number; features: string[] } | null;
  note?: string;
}

/** Customers most likely to leave, with the reasons the churn model gives, and a way to act on each. */
export default function AtRiskView() {
  const [limit, setLimit] = useState(20);
  // By default only customers who can still be reached: those gone for months top the model's list at ~100 %.
  const [reach, setReach] = useState<'reachable' | 'everyone'>('reachable');
  const state = useApi<AtRisk>('/api/v1/churn/at-risk', { query: { limit, ...(reach === 'reachable' ? { seenWithinDays: REACHABLE_DAYS } : {}) } });
  const d = state.data;
  const stages = usePrimaryStages();
  return (
    <>
      <PageHeader title="At-risk customers" description="Ranked by the churn model: the chance a customer does nothing in the next 60 days, and what pushes it up." />
      {state.error && <ErrorBox error={state.error} retry={state.reload} />}
      {!d && !state.error && <Loading label="Scoring customers…" />}
      {d && !d.model && (
        <EmptyState title="No churn model yet">
          {d.note ?? 'Not enough history to train a churn model yet.'} Send events for a few months (see Settings → SDK), then come back.
        </EmptyState>
      )}
      {d?.model && (
        <>
          <div className="stats">
            <Stat label="Listed" value={fmt.int(d.customers.length)} />
            <Stat label="Risk 70 % or more" value={fmt.int(d.customers.filter((c) => c.risk >= 0.7).length)} tone="bad" />
            <Stat label="Trained on" value={fmt.int(d.model.trainedOn)} hint={`customers, ${fmt.int(d.model.churnedInTraining)} of whom churned`} />
          </div>
          <Card title="Highest risk first" actions={(
            <label className="reach-field"><span>Show</span>
              <select value={reach} onChange={(e) => { setReach(e.target.value as typeof reach); setLimit(20); }}>
                <option value="reachable">Still reachable: seen in the last {REACHABLE_DAYS} days</option>
                <option value="everyone">Everyone, also customers already gone</option>
              </select>
            </label>
          )}>
            {d.customers.length === 0
              ? <EmptyState title="Nobody scored">The model found no customers to score.</EmptyState>
              : <AtRiskTable customers={d.customers} stages={stages} />}
            {d.customers.length >= limit && limit < 1000 && (
              <p><button type="button" className="btn" onClick={() => setLimit(limit * 5)} disabled={state.loading}>Show more</button></p>
            )}
          </Card>
          <Card title="About the model">
            <p className="muted">
              Logistic regression trained on {fmt.int(d.model.trainedOn)} customers as they were 60 days before the latest event,
              labelled by whether they did anything since ({fmt.int(d.model.churnedInTraining)} did not). Reasons are the features
              that push each customer's risk up the most. Features: {d.model.features.map(featureName).join(', ')}.
            </p>
            <p className="muted small">Act on a risk by opening a case, or look at the customer's journey in <Link href="/customers">Customer 360</Link>.</p>
          </Card>
        </>
      )}
    </>
  );
}
