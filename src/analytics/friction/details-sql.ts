import { raw, sql, type Sql } from '../../storage/sql.ts';
import { quantileSql } from '../common/dialect-sql.ts';
import { ORDER_DELIVERED, PAGE_LOAD, RETURN_EVENTS } from './friction-events.ts';
import type { FrictionScope } from './friction-sql.ts';

/**
 * The `topDetails` of every signal, as rows of the friction statement (`part` is the kind):
 * - `path` (slow_page): a page path with loads `a`, slow loads `b`, p50 `m1` and p90 `m2` of all its
 *   load times (ms); paths with slow loads, most slow loads first.
 * - `top` (js_error messages, payment_failed and return reasons): value, occurrences, customers.
 * - `errpath` (js_error): the paths errors happened on.
 * - `stat`: per-signal totals (see `readDetails`).
 */
export function detailsBranches(s: FrictionScope): Sql[] {
  const has = (x: string) => s.signals.includes(x as never);
  const top = raw(String(s.req.topN));
  const branches: Sql[] = [];
  const ranked = (sig: string, kind: string, from: string, label: string) =>
    sql`SELECT * FROM (SELECT ${kind} AS part, ${sig} AS sig, CAST(NULL AS BIGINT) AS k, coalesce(${raw(label)}, '(none)') AS label, count(*) AS a, count(DISTINCT customer_id) AS b,
      CAST(NULL AS DOUBLE) AS m1, CAST(NULL AS DOUBLE) AS m2
      FROM ${raw(from)} WHERE sig = ${sig} GROUP BY coalesce(${raw(label)}, '(none)') ORDER BY a DESC, label LIMIT ${top}) r`;
  const stat = (sig: string, a: Sql, b: Sql, m1: Sql, m2: Sql, from: Sql) =>
    sql`SELECT 'stat' AS part, ${sig} AS sig, CAST(NULL AS BIGINT) AS k, CAST(NULL AS VARCHAR) AS label, ${a} AS a, ${b} AS b, CAST(${m1} AS DOUBLE) AS m1, CAST(${m2} AS DOUBLE) AS m2 FROM ${from}`;
  if (has('slow_page')) {
    branches.push(sql`SELECT * FROM (SELECT 'path' AS part, 'slow_page' AS sig, CAST(NULL AS BIGINT) AS k, coalesce(detail, '(none)') AS label, count(*) AS a,
      count(CASE WHEN dur > ${s.req.slowPageMs} THEN 1 END) AS b, ${quantileSql(raw('dur'), 0.5)} AS m1, ${quantileSql(raw('dur'), 0.9)} AS m2
      FROM fx_src WHERE event = ${PAGE_LOAD} GROUP BY coalesce(detail, '(none)')
      HAVING count(CASE WHEN dur > ${s.req.slowPageMs} THEN 1 END) > 0 ORDER BY b DESC, m2 DESC, label LIMIT ${top}) p`);
  }
  if (has('js_error')) {
    branches.push(ranked('js_error', 'top', 'fx_occ', 'detail'), ranked('js_error', 'errpath', 'fx_occ', 'detail2'));
  }
  if (has('payment_failed')) branches.push(ranked('payment_failed', 'top', 'fx_occ', 'detail'));
  if (has('return')) {
    branches.push(ranked('return', 'top', 'fx_occ', 'detail'));
    branches.push(stat('return', sql`count(CASE WHEN detail2 = ${RETURN_EVENTS[0]} THEN 1 END)`, sql`count(CASE WHEN detail2 = ${RETURN_EVENTS[1]} THEN 1 END)`,
      raw('NULL'), raw('NULL'), sql`fx_occ WHERE sig = 'return'`));
  }
  if (has('slow_checkout')) {
    const secs = raw('(order_t - start_t) / 1000.0');
    branches.push(stat('slow_checkout', raw('count(*)'), sql`count(CASE WHEN order_t - start_t > ${Math.round(s.req.slowCheckoutSeconds * 1000)} THEN 1 END)`,
      quantileSql(secs, 0.5), quantileSql(secs, 0.9), raw('fx_co')));
  }
  if (has('cart_abandonment')) {
    branches.push(stat('cart_abandonment', raw('count(CASE WHEN cart_end THEN 1 END)'), raw('count(CASE WHEN abandoned THEN 1 END)'),
      raw('count(CASE WHEN abandoned AND last_conv > t THEN 1 END)'), raw('NULL'), raw('fx_cart')));
  }
  if (has('late_delivery')) {
    const late = raw('CASE WHEN num > 0 THEN num END');
    branches.push(stat('late_delivery', raw('count(num)'), raw('count(CASE WHEN num > 0 THEN 1 END)'),
      quantileSql(late, 0.5), quantileSql(late, 0.9), sql`fx_src WHERE event = ${ORDER_DELIVERED}`));
  }
  return branches;
}
