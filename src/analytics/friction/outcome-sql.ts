import { join, raw, sql, type Sql } from '../../storage/sql.ts';
import { INTERACTION_TYPES } from '../common/step.ts';
import { scopeFilter, type FrictionScope } from './friction-sql.ts';
import type { FrictionSignal } from './schema.ts';

/** Signals whose outcome is buying again after the moment (the purchase has already happened). */
export const REPEAT_OUTCOME: readonly FrictionSignal[] = ['slow_checkout', 'late_delivery', 'return'];

const n = (v: number) => raw(String(Math.round(v)));
const sigList = (xs: readonly string[]) => join(xs.map((x) => sql`${x}`));

/**
 * Rows in the friction statement's shape `part, sig, k, label, a, b, m1, m2` (see friction-statement.ts):
 * `o` occurrences `a` and customers `b` per signal; `x` exposed customers `a` (occurring or exposed);
 * `a` active customers of the range (any track, page or screen call).
 */
export function summaryBranches(s: FrictionScope): Sql[] {
  return [
    sql`SELECT 'o' AS part, sig, CAST(NULL AS BIGINT) AS k, CAST(NULL AS VARCHAR) AS label, count(*) AS a, count(DISTINCT customer_id) AS b,
      CAST(NULL AS DOUBLE) AS m1, CAST(NULL AS DOUBLE) AS m2 FROM fx_occ GROUP BY sig`,
    sql`SELECT 'x', sig, NULL, NULL, count(DISTINCT customer_id), NULL, NULL, NULL
      FROM (SELECT sig, customer_id FROM fx_occ UNION ALL SELECT sig, customer_id FROM fx_exp) u GROUP BY sig`,
    sql`SELECT 'a', NULL, NULL, NULL, count(DISTINCT customer_id), NULL, NULL, NULL FROM events WHERE ${scopeFilter(s)} AND type IN ${INTERACTION_TYPES}`,
  ];
}

/**
 * Conversion of customers who met the friction against those who did not (`v` rows: `k` 1 with
 * friction / 0 without, `a` judged customers, `b` converted):
 *
 * - the population is the signal's exposed customers (`fx_occ` ∪ `fx_exp`);
 * - a customer's anchor is their first occurrence, or — without one — their first exposure;
 * - `purchase` signals: converted when a conversion falls in [anchor, anchor + window];
 *   `repeat_purchase` signals (`REPEAT_OUTCOME`): in (anchor, anchor + repeatWindow] (times are
 *   whole milliseconds, so "after" is `≥ anchor + 1`: a plain range, which keeps it a hash join);
 * - only customers whose window ends by `asOf` are judged (no half-observed windows).
 */
export function conversionCtes(s: FrictionScope): Sql {
  const repeat = REPEAT_OUTCOME.filter((x) => s.signals.includes(x));
  const isRepeat = repeat.length ? sql`sig IN (${sigList(repeat)})` : raw('FALSE');
  return sql`
  fx_anchor AS (
    SELECT sig, customer_id, min(occ_t) AS first_occ, min(exp_t) AS first_exp FROM (
      SELECT sig, customer_id, t AS occ_t, CAST(NULL AS BIGINT) AS exp_t FROM fx_occ
      UNION ALL
      SELECT sig, customer_id, CAST(NULL AS BIGINT), t FROM fx_exp
    ) u WHERE sig <> 'cart_abandonment' GROUP BY sig, customer_id
  ),
  fx_judged AS (
    SELECT sig, customer_id, with_f, anchor + lo AS lo, anchor + len AS hi FROM (
      SELECT sig, customer_id, first_occ IS NOT NULL AS with_f, coalesce(first_occ, first_exp) AS anchor,
        CASE WHEN ${isRepeat} THEN ${n(s.repeatWindowMs)} ELSE ${n(s.windowMs)} END AS len,
        CASE WHEN ${isRepeat} THEN 1 ELSE 0 END AS lo
      FROM fx_anchor
    ) a WHERE anchor + len <= ${n(s.asOfMs)}
  )`;
}

export function conversionBranch(): Sql {
  return sql`SELECT 'v', j.sig, CASE WHEN j.with_f THEN 1 ELSE 0 END, NULL,
      count(DISTINCT j.customer_id), count(DISTINCT CASE WHEN cv.t IS NOT NULL THEN j.customer_id END), NULL, NULL
    FROM fx_judged j LEFT JOIN fx_conv cv ON cv.customer_id = j.customer_id AND cv.t >= j.lo AND cv.t <= j.hi
    GROUP BY j.sig, j.with_f`;
}

/** `d` rows: occurrences `a` and customers `b` per signal per UTC day (`k`, days since the epoch). */
export function trendBranch(): Sql {
  return sql`SELECT 'd', sig, CAST(floor(t / 86400000.0) AS BIGINT), NULL, count(*), count(DISTINCT customer_id), NULL, NULL
    FROM fx_occ GROUP BY sig, CAST(floor(t / 86400000.0) AS BIGINT)`;
}

/** `p` rows: occurrences `a` and customers `b` per signal per touchpoint number `k` (needs `placed`). */
export function placementBranch(): Sql {
  return sql`SELECT 'p', sig, placed_tp, NULL, count(*), count(DISTINCT customer_id), NULL, NULL
    FROM placed WHERE placed_tp IS NOT NULL GROUP BY sig, placed_tp`;
}
