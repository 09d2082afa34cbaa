import { z } from 'zod';
import { dialectFn, raw, sql, type Sql } from '../storage/sql.ts';
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
  const list = (event: string) => reasons.filter((r) => r.event === event).map((r) => ({ reason: r.reason ?? '(none)', count: r.n }));
  return {
    orders: c.orders,
    onTimeDeliveryRate: share(c.on_time, c.deliveries), deliveries: c.deliveries,
    wismoContacts: c.wismo, wismoPerOrder: share(c.wismo, c.orders),
    returnRate: share(c.returns, c.orders), exchangeRate: share(c.exchanges, c.orders),
    returnReasons: list('Return Requested'), exchangeReasons: list('Exchange Requested'),
    reviewRate: share(c.reviews, c.orders), averageRating: c.rating === null ? null : Math.round(c.rating * 100) / 100,
    repeatPurchaseAfterReturn: share(after?.bought_again ?? 0, after?.returners ?? 0), customersWhoReturned: after?.returners ?? 0,
  };
}
