import { useCallback, useEffect, useState } from 'react';
import { api } from '../../app/api.ts';
import { ErrorBox, Loading } from '../../components/ui.tsx';
import { ChannelIcon } from './ChannelIcon.tsx';
import type { TimelineEvent, TimelinePage } from './customer-model.ts';

const PAGE = 200;
// Timing beacons sent with every page view: useful for friction, noise in a person's story.
const TECHNICAL = new Set(['Page Load']);

/** The customer's events in time order, grouped by day, loaded a page at a time. */
export function Timeline({ id }: { id: string }) {
  const [events, setEvents] = useState<TimelineEvent[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error | null>(null);
  const [showTechnical, setShowTechnical] = useState(false);

  const load = useCallback(async (after: string | null) => {
    setLoading(true); setError(null);
    try {
      const page = await api<TimelinePage>(`/api/v1/customers/${encodeURIComponent(id)}/timeline`, { query: { limit: PAGE, after } });
      setEvents((prev) => (after ? [...prev, ...page.events] : page.events));
      setNext(page.next);
    } catch (e) {
      setError(e as Error);
    } finally {
      setLoading(false);
    }
  }, [id]);
  useEffect(() => { void load(null); }, [load]);

  const shown = showTechnical ? events : events.filter((e) => !TECHNICAL.has(e.event));
  const days = groupByDay(shown);
  return (
    <div className="timeline">
      <label className="check small"><input type="checkbox" checked={showTechnical} onChange={(e) => setShowTechnical(e.target.checked)} /> Show page-load timings</label>
      {error && <ErrorBox error={error} retry={() => void load(null)} />}
      {!loading && events.length === 0 && !error && <p className="muted">No events for this customer.</p>}
      {days.map(([day, list]) => (
        <section key={day} className="tl-day" aria-label={day}>
          <h3 className="tl-day-head">{day} <span className="muted small">{list.length} event{list.length === 1 ? '' : 's'}</span></h3>
          <ol className="tl-events">{list.map((e) => <TimelineRow key={e.messageId} e={e} />)}</ol>
        </section>
      ))}
      {loading && <Loading />}
      {next && !loading && <p><button type="button" className="btn" onClick={() => void load(next)}>Load more events</button></p>}
      {!next && events.length > 0 && <p className="muted small">Start of the story: {events.length} events shown from first to last.</p>}
    </div>
  );
}

function TimelineRow({ e }: { e: TimelineEvent }) {
  const time = new Date(e.timestamp).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  return (
    <li className={`tl-event ${e.touchpoint ? 'tp' : ''}`}>
      <time dateTime={e.timestamp}>{time}</time>
      <ChannelIcon channel={e.channel} />
      <div className="tl-body">
        <div className="tl-title">{title(e)}</div>
        <div className="tl-tags">
          {e.touchpoint && <span className="tl-touchpoint">◆ {e.touchpoint.name}</span>}
          {e.stage && <span className="tl-stage">{e.stage.name}</span>}
          {summary(e) && <span className="muted">{summary(e)}</span>}
        </div>
      </div>
    </li>
  );
}

function title(e: TimelineEvent): string {
  if (e.type === 'page' || e.type === 'screen') return `Viewed ${e.name ?? (e.properties.path as string) ?? 'a page'}`;
  if (e.type === 'identify') return 'Identified';
  if (e.type === 'alias') return 'Linked identities';
  return e.event;
}

/** The few properties that say what happened (order, product, amount, speed, error). */
function summary(e: TimelineEvent): string {
  const p = e.properties ?? {};
  const bits: string[] = [];
  const str = (k: string) => (typeof p[k] === 'string' || typeof p[k] === 'number' ? String(p[k]) : null);
  if (e.type === 'page' && str('path')) bits.push(str('path')!);
  if (str('name') && e.type === 'track') bits.push(str('name')!);
  if (str('order_id')) bits.push(`order ${str('order_id')}`);
  const amount = typeof p.revenue === 'number' ? p.revenue : typeof p.total === 'number' ? p.total : null;
  if (amount !== null) bits.push(`${amount.toFixed(2)}${typeof p.currency === 'string' ? ` ${p.currency}` : ''}`);
  if (typeof p.duration_ms === 'number') bits.push(`${(p.duration_ms / 1000).toFixed(1)} s`);
  if (str('reason')) bits.push(str('reason')!);
  if (str('message')) bits.push(str('message')!);
  if (str('promised_at') && str('delivered_at')) {
    const late = (Date.parse(str('delivered_at')!) - Date.parse(str('promised_at')!)) / 86_400_000;
    bits.push(late > 0 ? `${late.toFixed(1)} days late` : 'on time');
  }
  return bits.slice(0, 4).join(' · ');
}

function groupByDay(events: TimelineEvent[]): [string, TimelineEvent[]][] {
  const days = new Map<string, TimelineEvent[]>();
  for (const e of events) {
    const day = new Date(e.timestamp).toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
    (days.get(day) ?? days.set(day, []).get(day)!).push(e);
  }
  return [...days];
}
