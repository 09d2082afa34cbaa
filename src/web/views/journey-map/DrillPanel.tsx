import { useEffect, useRef } from 'react';
import { Link } from 'wouter';
import { useApi } from '../../app/use-api.ts';
import { Badge, fmt, Loaded } from '../../components/ui.tsx';
import { healthOf, reasonsFor } from './insights.ts';
import { sentimentText } from './TouchpointCard.tsx';
import { TouchpointPaths } from './TouchpointPaths.tsx';
import type { JourneyMap } from './types.ts';

interface FunnelStep { name: string; count: number; conversionRate: number; dropOff: number; medianSecondsFromPrevious: number | null }
interface Response { response_id: string; nps: number | null; csat: number | null; ces: number | null; emotion: number | null; comment: string | null; language: string | null;
  text_analysis: { sentiment?: { label: string } } | null; submitted_at: string }
interface CaseItem { id: string; reason: string; status: string; priority: string; createdAt: string; overdue: boolean; customerLabel?: string | null }

interface Props {
  map: JourneyMap; touchpointId: string; range: { from: string; to: string };
  /** The map's persona filter: the funnel, next steps, feedback and cases are of its customers only (null: everyone). */
  persona: { id: string; name: string } | null;
  onClose(): void;
}

/** A touchpoint up close: its funnel (stage → here → next stage), paths on from it, what customers said, open cases. */
export function DrillPanel({ map, touchpointId, range, persona, onClose }: Props) {
  const si = map.stages.findIndex((s) => s.touchpoints.some((t) => t.id === touchpointId));
  const stage = map.stages[si];
  const tp = stage?.touchpoints.find((t) => t.id === touchpointId);
  const next = map.stages[si + 1];
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => { heading.current?.focus(); }, [touchpointId]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape') onClose(); };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const journey = map.journey.id;
  // Every part counts the map's customers: its persona, when one is chosen (the map's numbers are that persona's).
  const byPersona = persona ? { journey, persona: persona.id } : {};
  // The query funnel: from this touchpoint to the next stage within 30 days, by channel.
  const funnel = useApi<{ steps: FunnelStep[]; breakdowns?: { value: string; steps: FunnelStep[] }[] }>(tp && next ? '/api/v1/query/funnel' : null,
    { method: 'POST', body: { journey, window: '30d', steps: [{ touchpoint: touchpointId }, { stage: next?.id }], breakdown: 'channel', ...range, ...byPersona } });
  const feedback = useApi<{ responses: Response[] }>(tp ? '/api/v1/responses' : null, { query: { touchpoint: touchpointId, ...range, limit: 8, ...byPersona } });
  const cases = useApi<{ cases: CaseItem[] }>(tp ? '/api/v1/cases' : null, { query: { touchpoint: touchpointId, journey, ...byPersona } });
  if (!stage || !tp) return null;
  const h = healthOf(tp);
  const reasons = reasonsFor(stage, tp);
  // The stage funnel in the map's own terms (first pass through the journey), so it matches the cards.
  const inStage = [
    { label: `Entered ${stage.name}`, count: stage.reach, note: '' },
    { label: `Met ${tp.name} in the stage`, count: tp.inStage, note: `${fmt.pct(stage.reach ? tp.inStage / stage.reach : null, 0)} of entrants` },
    ...(next && tp.conversionToNextStage !== null ? [{ label: `Moved on to ${next.name}`, count: Math.round(tp.inStage * tp.conversionToNextStage),
      note: `${fmt.pct(tp.conversionToNextStage, 0)}, median ${fmt.duration(tp.medianSecondsToNextStage)}` }] : []),
  ];

  return (
    <aside className="jm-drill card" aria-labelledby="jm-drill-title">
      <div className="card-head">
        <h2 id="jm-drill-title" ref={heading} tabIndex={-1}>{tp.name}</h2>
        <button type="button" className="btn small" onClick={onClose}>Close<span className="sr-only"> details</span></button>
      </div>
      <p className="small"><Badge tone={h.tone === 'none' ? undefined : h.tone}>{h.icon} {h.label}</Badge> <span className="muted">{stage.name} · {tp.channels.join(', ') || 'no events in range'} · {fmt.int(tp.events)} events{persona ? ` · persona: ${persona.name}` : ''}</span></p>
      {reasons.length > 0 && <ul className="small">{reasons.map((r) => <li key={r}>{r}</li>)}</ul>}

      <h3>Funnel</h3>
      <ol className="jm-funnel" aria-label="Funnel through this touchpoint">
        {inStage.map((st, i) => (
          <li key={i}>
            <span className="jm-funnel-bar" style={{ width: `${Math.max(2, (st.count / Math.max(1, inStage[0].count)) * 100)}%` }} aria-hidden="true" />
            <span className="jm-funnel-text"><strong>{st.label}</strong>: {fmt.int(st.count)}{st.note && <span className="muted"> · {st.note}</span>}</span>
          </li>
        ))}
      </ol>
      {next && (
        <>
          <p className="small muted">{persona ? `Customers of persona ${persona.name}` : 'Everyone'} here in range, reaching {next.name} within 30 days (funnel query), by channel:</p>
          <Loaded state={funnel}>{(f) => (
            <table className="small">
              <thead><tr><th>Channel</th><th className="num">Here</th><th className="num">Reached {next.name}</th><th className="num">Median time</th></tr></thead>
              <tbody>
                {[{ value: 'all', steps: f.steps }, ...(f.breakdowns ?? [])].map((b) => (
                  <tr key={b.value}>
                    <td>{b.value === 'all' ? <strong>All</strong> : b.value}</td>
                    <td className="num">{fmt.int(b.steps[0]?.count)}</td>
                    <td className="num">{fmt.int(b.steps[1]?.count)} ({fmt.pct(b.steps[1]?.conversionRate, 0)})</td>
                    <td className="num">{fmt.duration(b.steps[1]?.medianSecondsFromPrevious)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}</Loaded>
        </>
      )}

      <h3>Where they go next</h3>
      {persona && <p className="small muted">Customers of persona {persona.name} only, here and in the feedback and cases below.</p>}
      <TouchpointPaths journey={journey} touchpointId={touchpointId} range={range} persona={persona?.id ?? null} names={new Map(map.stages.flatMap((s) => s.touchpoints.map((t) => [t.id, t.name])))} />

      <h3>Recent feedback{tp.voc ? ` (${tp.voc.n} answers)` : ''}</h3>
      <Loaded state={feedback} empty={(d) => (d.responses.length === 0 ? <p className="muted small">No survey answers at this touchpoint in this range. Trigger a survey on it under Voice of the customer.</p> : null)}>
        {(d) => (
          <ul className="jm-feedback">
            {d.responses.map((r) => (
              <li key={r.response_id}>
                <span className="small muted">{fmt.dateTime(r.submitted_at)}{r.language ? ` · ${r.language}` : ''}</span>{' '}
                {r.nps !== null && <Badge tone={r.nps >= 9 ? 'good' : r.nps >= 7 ? 'info' : 'bad'}>NPS {r.nps}</Badge>}{' '}
                {r.csat !== null && <Badge tone={r.csat >= 4 ? 'good' : 'bad'}>CSAT {r.csat}/5</Badge>}{' '}
                {r.text_analysis?.sentiment && <Badge tone={r.text_analysis.sentiment.label === 'negative' ? 'bad' : r.text_analysis.sentiment.label === 'positive' ? 'good' : undefined}>{r.text_analysis.sentiment.label}</Badge>}
                {r.comment && <p dir="auto">“{r.comment}”</p>}
              </li>
            ))}
          </ul>
        )}
      </Loaded>
      {tp.voc && <p className="small muted">Sentiment at this touchpoint: {sentimentText(tp.voc.sentiment)}</p>}

      <h3>Cases from here</h3>
      <Loaded state={cases} empty={(d) => (d.cases.length === 0 ? <p className="muted small">No cases were opened by responses or events at this touchpoint.</p> : null)}>
        {(d) => (
          <ul className="jm-cases">
            {d.cases.slice(0, 8).map((c) => (
              <li key={c.id}>
                <Link href={`/cases/${c.id}`}>{c.reason}</Link>{' '}
                <Badge tone={c.status === 'open' || c.status === 'in_progress' ? (c.overdue ? 'bad' : 'warn') : 'good'}>{c.status.replace('_', ' ')}{c.overdue ? ', overdue' : ''}</Badge>
                <span className="small muted"> {c.customerLabel ?? ''} · {fmt.date(c.createdAt)}</span>
              </li>
            ))}
            {d.cases.length > 8 && <li className="small"><Link href="/cases">All {d.cases.length} cases</Link></li>}
          </ul>
        )}
      </Loaded>
    </aside>
  );
}
