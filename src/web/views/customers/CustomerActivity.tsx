import { Link } from 'wouter';
import { useApi } from '../../app/use-api.ts';
import { Badge, ErrorBox, Loading, fmt } from '../../components/ui.tsx';
import { PRIORITY_TONE, STATUS_LABEL, type CaseItem } from '../cases/case-model.ts';
import { SlaTimer } from '../cases/SlaTimer.tsx';

interface Response {
  responseId: string; surveyName: string | null; surveyId: string; submittedAt: string; complete: boolean;
  nps: number | null; csat: number | null; ces: number | null; comment: string | null; sentiment: string | null; touchpointId: string | null;
}

const npsTone = (n: number) => (n >= 9 ? 'good' : n >= 7 ? 'warn' : 'bad');
const SENTIMENT_TONE: Record<string, 'good' | 'warn' | 'bad'> = { positive: 'good', neutral: 'warn', negative: 'bad' };

export function CustomerResponses({ id }: { id: string }) {
  const state = useApi<{ responses: Response[] }>(`/api/v1/customers/${encodeURIComponent(id)}/responses`);
  if (state.error) return <ErrorBox error={state.error} retry={state.reload} />;
  if (!state.data) return <Loading />;
  if (state.data.responses.length === 0) return <p className="muted">No survey answers from this customer.</p>;
  return (
    <ul className="plain">
      {state.data.responses.map((r) => (
        <li key={r.responseId}>
          <div><strong>{r.surveyName ?? r.surveyId}</strong> <span className="muted small">{fmt.dateTime(r.submittedAt)}{r.complete ? '' : ' · partial'}</span></div>
          <div className="score-row">
            {r.nps !== null && <Badge tone={npsTone(r.nps)}>NPS {r.nps}</Badge>}
            {r.csat !== null && <Badge tone={r.csat >= 4 ? 'good' : r.csat === 3 ? 'warn' : 'bad'}>CSAT {r.csat}/5</Badge>}
            {r.ces !== null && <Badge>CES {r.ces}/7</Badge>}
            {r.sentiment && <Badge tone={SENTIMENT_TONE[r.sentiment]}>{r.sentiment}</Badge>}
            {r.touchpointId && <span className="muted small">at {r.touchpointId}</span>}
          </div>
          {r.comment && <blockquote>{r.comment}</blockquote>}
        </li>
      ))}
    </ul>
  );
}

export function CustomerCases({ id }: { id: string }) {
  const state = useApi<{ cases: CaseItem[] }>('/api/v1/cases', { query: { customer: id } });
  if (state.error) return <ErrorBox error={state.error} retry={state.reload} />;
  if (!state.data) return <Loading />;
  if (state.data.cases.length === 0) return <p className="muted">No cases for this customer.</p>;
  return (
    <ul className="plain">
      {state.data.cases.map((c) => (
        <li key={c.id}>
          <Link href={`/cases/${c.id}`}>{c.reason}</Link>
          <div className="score-row"><Badge tone={c.status === 'resolved' || c.status === 'closed' ? 'good' : 'info'}>{STATUS_LABEL[c.status]}</Badge>
            <Badge tone={PRIORITY_TONE[c.priority]}>{c.priority}</Badge><SlaTimer c={c} /></div>
          <div className="muted small">opened {fmt.dateTime(c.createdAt)}{c.owner && ` · ${c.owner}`}{c.resolutionCode && ` · ${c.resolutionCode}`}</div>
        </li>
      ))}
    </ul>
  );
}
