import { dialectFn, join, raw, sql } from '../../storage/sql.ts';
import type { Journey } from '../../journeys/definition.ts';
import { stageCaseSql } from '../../journeys/assign.ts';
import type { Store } from '../../storage/store.ts';
import { churnProbability, churnReasons, trainChurnModel, type ChurnModel } from './model.ts';

const DAY = 86_400_000;
/** A customer has churned when they do nothing for this long after the snapshot. */
export const CHURN_HORIZON_DAYS = 60;

export const FEATURES = [
  'days_since_last_event', 'days_since_last_order', 'orders', 'revenue', 'events_last_30d', 'tenure_days',
  'late_deliveries', 'returns', 'payment_failures', 'errors', 'slow_pages', 'support_contacts', 'detractor_responses', 'negative_comments', 'cases',
  'stage',
] as const;

const num = (key: string) => dialectFn((d) => d.jsonNumber(raw('properties'), [key]));
const text = (key: string) => dialectFn((d) => d.jsonText(raw('properties'), [key]));

/** Journey features of every customer seen before `asOf`, from events (and responses, cases) up to then. */
async function featuresAsOf(store: Store, ws: string, asOf: Date, journey: Journey | null): Promise<Map<string, number[]>> {
  // Furthest stage reached in the primary journey (1-based; 0 = none), as stage assignment moves forward.
  const stage = journey ? sql`max(CASE ${join(journey.stages.map((st, i) => sql`WHEN (${stageCaseSql(journey)}) = ${st.id} THEN ${i + 1}`), ' ')} ELSE 0 END)` : sql`0`;
  const t = asOf;
  const rows = await store.query<Record<string, number | string>>(sql`
    WITH e AS (SELECT * FROM events WHERE workspace_id = ${ws} AND ts < ${t}),
    r AS (SELECT customer_id, count(*) FILTER (WHERE nps <= 6) AS det,
            count(*) FILTER (WHERE ${dialectFn((d) => d.jsonText(raw('text_analysis'), ['sentiment', 'label']))} = 'negative') AS neg
          FROM survey_responses WHERE workspace_id = ${ws} AND submitted_at < ${t} GROUP BY 1),
    c AS (SELECT customer_id, count(*) AS n FROM cases WHERE workspace_id = ${ws} AND created_at < ${t} GROUP BY 1)
    SELECT e.customer_id,
      ${dialectFn((d) => d.secondsBetween(sql`max(ts)`, sql`${t}`))} / 86400 AS days_since_last_event,
      coalesce(${dialectFn((d) => d.secondsBetween(sql`max(ts) FILTER (WHERE event = 'Order Completed')`, sql`${t}`))} / 86400, 365) AS days_since_last_order,
      count(*) FILTER (WHERE event = 'Order Completed') AS orders,
      coalesce(sum(coalesce(${num('revenue')}, ${num('total')})) FILTER (WHERE event = 'Order Completed'), 0) AS revenue,
      count(*) FILTER (WHERE ts >= ${new Date(t.getTime() - 30 * DAY)}) AS events_last_30d,
      ${dialectFn((d) => d.secondsBetween(sql`min(ts)`, sql`${t}`))} / 86400 AS tenure_days,
      count(*) FILTER (WHERE event = 'Order Delivered' AND ${text('delivered_at')} > ${text('promised_at')}) AS late_deliveries,
      count(*) FILTER (WHERE event IN ('Return Requested', 'Order Refunded')) AS returns,
      count(*) FILTER (WHERE event = 'Payment Failed') AS payment_failures,
      count(*) FILTER (WHERE event = 'Error') AS errors,
      count(*) FILTER (WHERE event = 'Page Load' AND ${num('duration_ms')} > 2000) AS slow_pages,
      count(*) FILTER (WHERE event IN ('Support Chat Started', 'Call Completed')) AS support_contacts,
      coalesce(max(r.det), 0) AS detractor_responses, coalesce(max(r.neg), 0) AS negative_comments, coalesce(max(c.n), 0) AS cases,
      ${stage} AS stage
    FROM e LEFT JOIN r ON r.customer_id = e.customer_id LEFT JOIN c ON c.customer_id = e.customer_id
    GROUP BY e.customer_id`);
  return new Map(rows.map((row) => [String(row.customer_id), FEATURES.map((f) => Number(row[f] ?? 0))]));
}

export interface AtRisk { id: string; risk: number; reasons: { feature: string; value: number; contribution: number }[] }

/**
 * A churn model per workspace: trained on a snapshot `CHURN_HORIZON_DAYS` before the latest event
 * (label: no activity in the horizon after it), then applied to every customer as of the latest event.
 * Models are kept for an hour.
 */
export class ChurnService {
  private cache = new Map<string, { at: number; model: ChurnModel; scores: AtRisk[]; trainedOn: number; positives: number }>();

  constructor(private readonly store: Store, private readonly primaryJourney: (workspaceId: string) => Promise<Journey | null> = async () => null) {}

  /** The last scores computed for the workspace, without training (profiles use this). */
  cached(workspaceId: string) {
    return this.cache.get(workspaceId) ?? null;
  }

  async scores(workspaceId: string) {
    const hit = this.cache.get(workspaceId);
    if (hit && Date.now() - hit.at < 3_600_000) return hit;
    const [span] = await this.store.query<{ last: Date | null }>(sql`SELECT max(ts) AS last FROM events WHERE workspace_id = ${workspaceId}`);
    if (!span?.last) return null;
    const end = span.last.getTime();
    const snapshot = new Date(end - CHURN_HORIZON_DAYS * DAY);
    const journey = await this.primaryJourney(workspaceId);
    const train = await featuresAsOf(this.store, workspaceId, snapshot, journey);
    const active = new Set((await this.store.query<{ customer_id: string }>(sql`SELECT DISTINCT customer_id FROM events
      WHERE workspace_id = ${workspaceId} AND ts >= ${snapshot}`)).map((r) => r.customer_id));
    const ids = [...train.keys()];
    const y: number[] = ids.map((id) => (active.has(id) ? 0 : 1));
    const positives = y.reduce((a, b) => a + b, 0);
    if (ids.length < 20 || positives === 0 || positives === ids.length) return null;
    const model = trainChurnModel([...FEATURES], ids.map((id) => train.get(id)!), y);
    const now = await featuresAsOf(this.store, workspaceId, new Date(end + 1), journey);
    const scores = [...now].map(([id, x]) => ({ id, risk: Math.round(churnProbability(model, x) * 1000) / 1000, reasons: churnReasons(model, x) }))
      .sort((a, b) => b.risk - a.risk);
    const entry = { at: Date.now(), model, scores, trainedOn: ids.length, positives };
    this.cache.set(workspaceId, entry);
    return entry;
  }
}
