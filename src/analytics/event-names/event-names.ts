import { sql } from '../../storage/sql.ts';
import type { Store } from '../../storage/store.ts';
import { rangeFilter } from '../common/time-range.ts';
import { EventNamesRequestSchema, type EventName, type EventNamesRequestInput, type EventNamesResult } from './schema.ts';

/** Keys listed per event: enough for a picker, few enough to read. */
const MAX_KEYS = 25;

/** Only interactions: identify/group/alias calls are not steps anyone builds a funnel from. */
const INTERACTIONS = ['track', 'page', 'screen'] as const;

interface CountRow { event: string; type: string; events: number | bigint; customers: number | bigint; last_seen: Date }
interface SampleRow { event: string; properties: string | null }

/**
 * The event names of a workspace with how often they occur, how many customers sent them and the
 * property keys they carry — what the funnel builder and the path anchors offer to pick from.
 * Keys are read from the latest `sample` events of each name (JSON keys differ per row, and reading
 * every row of a busy workspace to list them would cost a full scan of the JSON column).
 *
 * @example
 * const { events } = await listEventNames(store, workspaceId, { from: '2026-10-01' });
 * events[0]; // { name: 'Page Viewed', type: 'page', events: 5120, customers: 310, properties: [{ key: 'path', share: 1 }, …] }
 */
export async function listEventNames(store: Store, workspaceId: string, input: EventNamesRequestInput = {}): Promise<EventNamesResult> {
  const req = EventNamesRequestSchema.parse(input);
  const scope = sql`workspace_id = ${workspaceId} AND type IN (${INTERACTIONS[0]}, ${INTERACTIONS[1]}, ${INTERACTIONS[2]})${rangeFilter(sql`ts`, req)}`;
  const counts = await store.query<CountRow>(sql`
    SELECT event, min(type) AS type, count(*) AS events, count(DISTINCT customer_id) AS customers, max(ts) AS last_seen
    FROM events WHERE ${scope}
    GROUP BY event ORDER BY events DESC, event LIMIT ${req.limit}`);
  if (counts.length === 0) return { events: [] };
  const samples = await store.query<SampleRow>(sql`
    SELECT event, properties FROM (
      SELECT event, CAST(properties AS VARCHAR) AS properties,
             row_number() OVER (PARTITION BY event ORDER BY ts DESC, message_id DESC) AS rn
      FROM events WHERE ${scope}
    ) s WHERE rn <= ${req.sample}`);
  const keys = countKeys(samples);
  const events: EventName[] = counts.map((r) => ({
    name: r.event, type: r.type, events: Number(r.events), customers: Number(r.customers),
    lastSeen: new Date(r.last_seen).toISOString(), properties: keys.get(r.event) ?? [],
  }));
  return { events };
}

/** Per event name, the share of sampled rows carrying each top-level key. */
function countKeys(rows: SampleRow[]): Map<string, { key: string; share: number }[]> {
  const tally = new Map<string, { n: number; keys: Map<string, number> }>();
  for (const r of rows) {
    const t = tally.get(r.event) ?? { n: 0, keys: new Map<string, number>() };
    tally.set(r.event, t);
    t.n += 1;
    const props = parse(r.properties);
    for (const k of Object.keys(props)) t.keys.set(k, (t.keys.get(k) ?? 0) + 1);
  }
  const out = new Map<string, { key: string; share: number }[]>();
  for (const [event, t] of tally) {
    out.set(event, [...t.keys].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, MAX_KEYS)
      .map(([key, n]) => ({ key, share: n / t.n })));
  }
  return out;
}

function parse(text: string | null): Record<string, unknown> {
  if (!text) return {};
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
