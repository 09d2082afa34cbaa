import { z } from 'zod';
import { dialectFn, join, raw, sql, type Sql } from '../storage/sql.ts';
import type { Store } from '../storage/store.ts';

export const PostPurchaseQuerySchema = z.strictObject({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

const text = (path: string) => dialectFn((d) => d.jsonText(raw('properties'), [path]));
const num = (path: string) => dialectFn((d) => d.jsonNumber(raw('properties'), [path]));
/** "Where is my order?" contacts: support chats and calls about it (topic or reason). */
const WISMO = sql`(event IN ('Support Chat Started', 'Call Completed') AND lower(coalesce(${text('topic')}, ${text('reason')}, '')) IN ('where is my order', 'wismo', 'order status'))`;

const share = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);

/**
 * The order lifecycle after the sale: on-time delivery (delivered_at ≤ promised_at), WISMO contacts per
 * order, return and exchange rates with reasons, review rate and rating, and whether customers who
 * returned something bought again.
 */
export async function postPurchaseMetrics(store: Store, workspaceId: string, q: z.infer<typeof PostPurchaseQuerySchema>) {
  const range: Sql = sql`workspace_id = ${workspaceId} ${q.from ? sql`AND ts >= ${new Date(q.from)}` : sql``} ${q.to ? sql`AND ts < ${new Date(q.to)}` : sql``}`;
  const delivered = dialectFn((d) => sql`${d.jsonText(raw('properties'), ['delivered_at'])}`);
  const promised = dialectFn((d) => sql`${d.jsonText(raw('properties'), ['promised_at'])}`);
  const [c] = await store.query<Record<string, number>>(sql`
    SELECT
      count(*) FILTER (WHERE event = 'Order Completed') AS orders,
      count(DISTINCT customer_id) FILTER (WHERE event = 'Order Completed') AS buyers,
      count(*) FILTER (WHERE event = 'Order Delivered' AND ${delivered} IS NOT NULL AND ${promised} IS NOT NULL) AS deliveries,
      count(*) FILTER (WHERE event = 'Order Delivered' AND ${delivered} IS NOT NULL AND ${promised} IS NOT NULL AND ${delivered} <= ${promised}) AS on_time,
      count(*) FILTER (WHERE ${WISMO}) AS wismo,
      count(*) FILTER (WHERE event = 'Return Requested') AS returns,
      count(*) FILTER (WHERE event = 'Exchange Requested') AS exchanges,
      count(*) FILTER (WHERE event = 'Product Reviewed') AS reviews,
      avg(${num('rating')}) FILTER (WHERE event = 'Product Reviewed') AS rating
    FROM events WHERE ${range}`);
  const reasons = await store.query<{ event: string; reason: string | null; n: number }>(sql`
    SELECT event, ${text('reason')} AS reason, count(*) AS n FROM events
    WHERE ${range} AND event IN ('Return Requested', 'Exchange Requested') GROUP BY 1, 2 ORDER BY 3 DESC, 2`);
  const [after] = await store.query<{ returners: number; bought_again: number }>(sql`
    WITH r AS (SELECT customer_id, min(ts) AS first_return FROM events WHERE ${range} AND event = 'Return Requested' GROUP BY 1)
    SELECT count(*) AS returners,
      count(*) FILTER (WHERE EXISTS (SELECT 1 FROM events e WHERE e.workspace_id = ${workspaceId} AND e.customer_id = r.customer_id
        AND e.event = 'Order Completed' AND e.ts > r.first_return)) AS bought_again
    FROM r`);
  const effects = await postPurchaseEffects(store, workspaceId, range);
  const list = (event: string) => reasons.filter((r) => r.event === event).map((r) => ({ reason: r.reason ?? '(none)', count: r.n }));
  return {
    orders: c.orders,
    onTimeDeliveryRate: share(c.on_time, c.deliveries), deliveries: c.deliveries,
    wismoContacts: c.wismo, wismoPerOrder: share(c.wismo, c.orders),
    returnRate: share(c.returns, c.orders), exchangeRate: share(c.exchanges, c.orders),
    returnReasons: list('Return Requested'), exchangeReasons: list('Exchange Requested'),
    reviewRate: share(c.reviews, c.orders), averageRating: c.rating === null ? null : Math.round(c.rating * 100) / 100,
    repeatPurchaseAfterReturn: share(after?.bought_again ?? 0, after?.returners ?? 0), customersWhoReturned: after?.returners ?? 0,
    effects,
  };
}

/**
 * The effect of each post-purchase experience on NPS and churn: among buyers, those who met it (a late
 * delivery, a return, a WISMO contact, a review) against those who did not: buying again after the
 * experience (for those without it: after their first delivery, or first order), churn (no event in
 * the last 60 days of the data) and NPS from their survey answers.
 */
async function postPurchaseEffects(store: Store, workspaceId: string, range: Sql) {
  const factors: [string, Sql][] = [
    ['late_delivery', sql`event = 'Order Delivered' AND ${text('delivered_at')} > ${text('promised_at')}`],
    ['return', sql`event IN ('Return Requested', 'Exchange Requested')`],
    ['wismo_contact', WISMO],
    ['review', sql`event = 'Product Reviewed'`],
    ['delivered', sql`event = 'Order Delivered'`],
  ];
  /** Delivery experiences are compared among customers who had a delivery; the others among all buyers. */
  const exposure: Record<string, number | undefined> = { late_delivery: 4, wismo_contact: 4 };
  const [span] = await store.query<{ last: Date | null }>(sql`SELECT max(ts) AS last FROM events WHERE ${range}`);
  if (!span?.last) return [];
  const cutoff = span.last.getTime() - 60 * 86_400_000;
  const epoch = (x: Sql) => dialectFn((d) => d.epochMs(x));
  const rows = await store.query<Record<string, number | null>>(sql`
    SELECT customer_id, ${epoch(sql`max(ts)`)} AS last_seen,
      ${epoch(sql`min(ts) FILTER (WHERE event = 'Order Completed')`)} AS first_order,
      ${epoch(sql`max(ts) FILTER (WHERE event = 'Order Completed')`)} AS last_order,
      ${join(factors.map(([, cond], i) => sql`${epoch(sql`min(ts) FILTER (WHERE ${cond})`)} AS ${raw(`t${i}`)}`))}
    FROM events WHERE ${range} GROUP BY customer_id`);
  const nps = new Map((await store.query<{ customer_id: string; s: number }>(sql`
    SELECT customer_id, avg(CASE WHEN nps >= 9 THEN 100 WHEN nps <= 6 THEN -100 ELSE 0 END) AS s
    FROM survey_responses WHERE workspace_id = ${workspaceId} AND nps IS NOT NULL GROUP BY 1`)).map((r) => [r.customer_id, r.s]));
  return factors.slice(0, 4).map(([name], i) => {
    const exposed = exposure[name];
    const start = (r: Record<string, number | null>) => (exposed === undefined ? r.first_order : r[`t${exposed}`]);
    const population = rows.filter((r) => r.first_order !== null && start(r) !== null);
    const group = (met: boolean) => {
      const g = population.filter((r) => (r[`t${i}`] !== null) === met);
      // Outcomes are measured after the experience (or, without it, after the first exposure to it).
      const anchor = (r: Record<string, number | null>) => (met ? r[`t${i}`]! : start(r)!);
      const rated = g.filter((r) => nps.has(String(r.customer_id)));
      return {
        customers: g.length,
        repeatPurchaseRate: share(g.filter((r) => (r.last_order ?? 0) > anchor(r)).length, g.length),
        churnRate: share(g.filter((r) => (r.last_seen ?? 0) < cutoff).length, g.length),
        nps: rated.length ? Math.round(rated.reduce((s, r) => s + nps.get(String(r.customer_id))!, 0) / rated.length * 10) / 10 : null,
        npsResponses: rated.length,
      };
    };
    return { factor: name, with: group(true), without: group(false) };
  });
}
