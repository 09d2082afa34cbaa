import { dialectFn, join, raw, sql, type Sql } from '../../storage/sql.ts';
import { materializedCte } from '../common/dialect-sql.ts';
import { pageTouchpointIndexSql, touchpointIndexSql, type JourneyLayout } from '../common/journey-layout.ts';
import { rangeFilter } from '../common/time-range.ts';
import {
  CHECKOUT_STARTED, JS_ERROR, ORDER_DELIVERED, PAGE_LOAD, PAYMENT_FAILED, PAYMENT_INFO, PRODUCT_ADDED, RETURN_EVENTS,
  deliveredAtSql, durationMsSql, errorMessageSql, pagePathSql, promisedAtSql, reasonSql,
} from './friction-events.ts';
import type { FrictionRequest, FrictionSignal } from './schema.ts';

/**
 * The friction occurrences and exposures as CTEs, shared by every friction query. Times are epoch
 * milliseconds (`t`), so window arithmetic is integer arithmetic on every dialect.
 *
 * - `fx_src`: the events friction is read from, in range, with their detail columns (and, with a
 *   journey, their own touchpoint `tp` and page touchpoint `ptp`).
 * - `fx_co`: checkouts — each conversion paired with the latest `Checkout Started` since the
 *   customer's previous conversion (at equal times the start comes first).
 * - `fx_cart`: `Product Added` events with the next add and the next conversion at or after them.
 *   A cart is a run of adds each within `window` of the one before; it is abandoned when no
 *   conversion comes within `window` of its last add. Only adds whose window has passed by `asOf`
 *   are judged.
 * - `fx_occ(sig, customer_id, t, src_t, detail, detail2, num, tp, ptp)`: one row per occurrence.
 * - `fx_exp(sig, customer_id, t)`: exposed customers and their first exposure — the events that make
 *   a customer able to meet the signal (page and screen views come from `fx_pages`, one per customer).
 * - `fx_conv(customer_id, t)`: conversions.
 */
export interface FrictionScope {
  workspaceId: string;
  req: FrictionRequest;
  signals: readonly FrictionSignal[];
  windowMs: number;
  repeatWindowMs: number;
  /** End of the judged data, epoch ms. */
  asOfMs: number;
  layout?: JourneyLayout;
}

const n = (v: number) => raw(String(Math.round(v)));

/**
 * A time and a touchpoint number (or NULL) in one BIGINT, so `max` picks the touchpoint of the latest
 * row even when it is NULL (DuckDB's `arg_max` skips NULL values). Touchpoints are < 2²⁰.
 */
const TP_SPACE = 1_048_576;
const packTp = (t: string, tp: string) => sql`${raw(t)} * ${n(TP_SPACE)} + coalesce(${raw(tp)}, ${n(TP_SPACE - 1)})`;
const unpackTp = (key: string) => sql`nullif(${raw(key)} % ${n(TP_SPACE)}, ${n(TP_SPACE - 1)})`;
const list = (xs: readonly string[]) => join(xs.map((x) => sql`${x}`));

export function scopeFilter(s: FrictionScope): Sql {
  return sql`workspace_id = ${s.workspaceId}${rangeFilter(raw('ts'), s.req)}`;
}

export function frictionCtes(s: FrictionScope): Sql {
  const { req } = s;
  const has = (sig: FrictionSignal) => s.signals.includes(sig);
  const conv = req.conversionEvent;
  const W = n(s.windowMs);
  const asOf = n(s.asOfMs);
  const sources = [PAGE_LOAD, JS_ERROR, PAYMENT_FAILED, CHECKOUT_STARTED, PRODUCT_ADDED, ORDER_DELIVERED, ...RETURN_EVENTS];
  const names = [...new Set([...sources, PAYMENT_INFO, conv])];
  const tp = s.layout ? sql`CASE WHEN event IN (${list(sources)}) THEN ${touchpointIndexSql(s.layout)} END` : raw('CAST(NULL AS INTEGER)');
  const ptp = s.layout ? sql`CASE WHEN event IN (${list([PAGE_LOAD, JS_ERROR])}) THEN ${pageTouchpointIndexSql(s.layout)} END` : raw('CAST(NULL AS INTEGER)');
  const epoch = (x: Sql) => dialectFn((d) => d.epochMs(x));
  const hoursLate = sql`(${epoch(deliveredAtSql)} - ${epoch(promisedAtSql)}) / 3600000.0`;

  const occ: Sql[] = [];
  const exp: Sql[] = [];
  const row = (sig: FrictionSignal, from: string, where: Sql, cols: { t?: string; src?: string; detail?: Sql; detail2?: Sql; num?: Sql; tp?: string; ptp?: string } = {}) =>
    sql`SELECT ${sig} AS sig, customer_id, ${raw(cols.t ?? 't')} AS t, ${raw(cols.src ?? cols.t ?? 't')} AS src_t,
      ${cols.detail ?? raw('CAST(NULL AS VARCHAR)')} AS detail, ${cols.detail2 ?? raw('CAST(NULL AS VARCHAR)')} AS detail2,
      ${cols.num ?? raw('CAST(NULL AS DOUBLE)')} AS num, ${raw(cols.tp ?? 'tp')} AS tp, ${raw(cols.ptp ?? 'CAST(NULL AS INTEGER)')} AS ptp
      FROM ${raw(from)} WHERE ${where}`;
  const expo = (sig: FrictionSignal, from: string, where: Sql, t = 't') => sql`SELECT ${sig} AS sig, customer_id, ${raw(t)} AS t FROM ${raw(from)} WHERE ${where}`;

  if (has('slow_page')) {
    occ.push(row('slow_page', 'fx_src', sql`event = ${PAGE_LOAD} AND dur > ${req.slowPageMs}`, { detail: raw('detail'), num: raw('dur'), ptp: 'ptp' }));
    exp.push(expo('slow_page', 'fx_src', sql`event = ${PAGE_LOAD}`));
  }
  if (has('js_error')) {
    occ.push(row('js_error', 'fx_src', sql`event = ${JS_ERROR}`, { detail: raw('detail'), detail2: raw('detail2'), ptp: 'ptp' }));
    exp.push(expo('js_error', 'fx_src', sql`event IN (${list([PAGE_LOAD, JS_ERROR])})`), expo('js_error', 'fx_pages', raw('TRUE')));
  }
  if (has('payment_failed')) {
    occ.push(row('payment_failed', 'fx_src', sql`event = ${PAYMENT_FAILED}`, { detail: raw('detail') }));
    exp.push(expo('payment_failed', 'fx_src', sql`event IN (${list([PAYMENT_INFO, PAYMENT_FAILED])})`));
  }
  if (has('slow_checkout')) {
    occ.push(row('slow_checkout', 'fx_co', sql`order_t - start_t > ${Math.round(req.slowCheckoutSeconds * 1000)}`,
      { t: 'order_t', src: 'start_t', num: raw('(order_t - start_t) / 1000.0') }));
    exp.push(expo('slow_checkout', 'fx_co', raw('TRUE'), 'order_t'));
  }
  if (has('cart_abandonment')) {
    occ.push(row('cart_abandonment', 'fx_cart', raw('abandoned')));
    exp.push(expo('cart_abandonment', 'fx_cart', raw('judged')));
  }
  if (has('late_delivery')) {
    occ.push(row('late_delivery', 'fx_src', sql`event = ${ORDER_DELIVERED} AND num > 0`, { num: raw('num') }));
    exp.push(expo('late_delivery', 'fx_src', sql`event = ${ORDER_DELIVERED} AND num IS NOT NULL`));
  }
  if (has('return')) {
    occ.push(row('return', 'fx_src', sql`event IN (${list(RETURN_EVENTS)})`, { detail: raw('detail'), detail2: raw('event') }));
    exp.push(expo('return', 'fx_src', sql`event IN (${list([conv, ...RETURN_EVENTS])})`));
  }

  // Page and screen views only matter as the first exposure to JS errors: one row per customer.
  const pageViews = has('js_error')
    ? sql`fx_pages AS (SELECT customer_id, min(${epoch(raw('ts'))}) AS t FROM events WHERE ${scopeFilter(s)} AND type IN ('page', 'screen') GROUP BY customer_id),`
    : sql``;
  return sql`
  ${materializedCte('fx_src', sql`
    SELECT customer_id, ${epoch(raw('ts'))} AS t, event, ${tp} AS tp, ${ptp} AS ptp,
      CASE WHEN event = ${PAGE_LOAD} THEN ${durationMsSql} END AS dur,
      CASE WHEN event IN (${list([PAGE_LOAD])}) THEN ${pagePathSql}
        WHEN event = ${JS_ERROR} THEN ${errorMessageSql}
        WHEN event IN (${list([PAYMENT_FAILED, ...RETURN_EVENTS])}) THEN ${reasonSql} END AS detail,
      CASE WHEN event = ${JS_ERROR} THEN ${pagePathSql} END AS detail2,
      CASE WHEN event = ${ORDER_DELIVERED} THEN ${hoursLate} END AS num
    FROM events
    WHERE ${scopeFilter(s)} AND event IN (${list(names)})`)},
  ${pageViews}
  fx_conv AS (SELECT customer_id, t FROM fx_src WHERE event = ${conv}),
  fx_co_seq AS (
    SELECT customer_id, t, tp, is_conv,
      coalesce(sum(is_conv) OVER (PARTITION BY customer_id ORDER BY t, is_conv ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS g
    FROM (SELECT customer_id, t, tp, CASE WHEN event = ${conv} THEN 1 ELSE 0 END AS is_conv FROM fx_src WHERE event IN (${list([CHECKOUT_STARTED, conv])})) c
  ),
  fx_co AS (
    SELECT customer_id, start_t, order_t, ${unpackTp('start_key')} AS tp FROM (
      SELECT customer_id, max(CASE WHEN is_conv = 0 THEN t END) AS start_t, max(CASE WHEN is_conv = 1 THEN t END) AS order_t,
        max(CASE WHEN is_conv = 0 THEN ${packTp('t', 'tp')} END) AS start_key
      FROM fx_co_seq GROUP BY customer_id, g
    ) p
    WHERE start_t IS NOT NULL AND order_t IS NOT NULL
  ),
  fx_cart_seq AS (
    SELECT customer_id, t, tp, is_add,
      min(CASE WHEN is_add = 0 THEN t END) OVER (PARTITION BY customer_id ORDER BY t, is_add DESC ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS next_conv,
      min(CASE WHEN is_add = 1 THEN t END) OVER (PARTITION BY customer_id ORDER BY t, is_add DESC ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS next_add,
      max(CASE WHEN is_add = 0 THEN t END) OVER (PARTITION BY customer_id) AS last_conv
    FROM (SELECT customer_id, t, tp, CASE WHEN event = ${PRODUCT_ADDED} THEN 1 ELSE 0 END AS is_add FROM fx_src WHERE event IN (${list([PRODUCT_ADDED, conv])})) c
  ),
  fx_cart AS (
    SELECT customer_id, t, tp, judged, last_conv,
      judged AND (next_add IS NULL OR next_add > t + ${W} OR next_conv <= next_add) AS cart_end,
      judged AND (next_conv IS NULL OR next_conv > t + ${W}) AND (next_add IS NULL OR next_add > t + ${W}) AS abandoned
    FROM (SELECT *, t + ${W} <= ${asOf} AS judged FROM fx_cart_seq WHERE is_add = 1) a
  ),
  ${materializedCte('fx_occ', join(occ, '\n    UNION ALL\n    '))},
  ${materializedCte('fx_exp', sql`SELECT sig, customer_id, min(t) AS t FROM (${join(exp, '\n    UNION ALL\n    ')}) e GROUP BY sig, customer_id`)}`;
}
