import { Link } from 'wouter';
import { Badge, fmt } from '../../components/ui.tsx';
import { languageName, type FeedbackItem } from './types.ts';

const SENTIMENT_TONE = { negative: 'bad', neutral: undefined, positive: 'good' } as const;

function scoreBadges(r: FeedbackItem) {
  const out = [];
  if (r.nps !== null) out.push(<Badge key="nps" tone={r.nps >= 9 ? 'good' : r.nps >= 7 ? 'warn' : 'bad'}>NPS {r.nps}</Badge>);
  if (r.csat !== null) out.push(<Badge key="csat" tone={r.csat >= 4 ? 'good' : r.csat === 3 ? 'warn' : 'bad'}>CSAT {r.csat}/5</Badge>);
  if (r.ces !== null) out.push(<Badge key="ces" tone={r.ces <= 3 ? 'good' : r.ces <= 4 ? 'warn' : 'bad'}>Effort {r.ces}/7</Badge>);
  return out;
}

/**
 * One comment. `dir="auto"` lets the browser lay out Hebrew and Arabic right-to-left from the text
 * itself, and `lang` picks the right font and line breaking (Chinese, Japanese).
 */
export function FeedbackCard({ item: r, surveyName, touchpointName }: { item: FeedbackItem; surveyName?: string; touchpointName: string }) {
  const a = r.analysis;
  const sentiment = a?.sentiment.label as keyof typeof SENTIMENT_TONE | undefined;
  return (
    <li className="feedback card">
      <div className="feedback-head">
        {scoreBadges(r)}
        {sentiment && <Badge tone={SENTIMENT_TONE[sentiment]}>{sentiment} {a!.sentiment.score > 0 ? '+' : ''}{a!.sentiment.score.toFixed(2)}</Badge>}
        <Badge tone="info">{languageName(a?.language ?? r.language)}</Badge>
        {a?.themes.map((t) => (
          <span key={t.id} className={`theme-chip ${t.sentiment?.label ?? ''}`} title={t.sentiment ? `${t.label}: ${t.sentiment.label}` : t.label}>{t.label}</span>
        ))}
      </div>
      {r.comment && <p className="comment" dir="auto" lang={a?.language ?? r.language ?? undefined}>{r.comment}</p>}
      <div className="feedback-meta muted small">
        <span>{fmt.dateTime(r.submittedAt)}</span>
        {surveyName && <span>{surveyName}</span>}
        {r.touchpoint && <span>at {touchpointName}</span>}
        {r.channel && <span>via {r.channel}</span>}
        {r.persona && <span>{r.persona}</span>}
        {r.customerId ? <Link href={`/customers/${encodeURIComponent(r.customerId)}`}>Customer profile →</Link> : <span>anonymous</span>}
      </div>
    </li>
  );
}
