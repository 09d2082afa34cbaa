import { dialectFn, raw, sql, type Sql } from '../../storage/sql.ts';
import { touchpointIndexSql, type JourneyLayout } from '../common/journey-layout.ts';

/**
 * Where friction happened on a journey. An occurrence is placed at, in order of preference:
 * 1. the touchpoint of its own event (`Payment Failed` is the payment-failed touchpoint; a slow
 *    checkout's `Checkout Started`; an abandoned cart's last `Product Added`; `Order Delivered`; the
 *    return request);
 * 2. for `Page Load` and `Error`: the touchpoint a page view of the same page would be (`ptp`);
 * 3. the customer's most recent touchpoint event at or before the occurrence's source event — an
 *    ASOF join against the touchpoint events of only the customers who need it. Touchpoint events at
 *    the same millisecond are ordered by touchpoint number (the later one in the journey wins): the
 *    ASOF key is (time, touchpoint) in one BIGINT, so the answer never depends on row order.
 *
 * Reads CTE `occ` (`key` the customer, `src_t`, `tp`, `ptp`, …) and `touches`, a CTE or subquery of
 * touchpoint events (`key`, `t`, `tp` not NULL) that may read `pl_need` (the customers needing step 3)
 * to stay small; defines `placed` = `occ` columns + `placed_tp`.
 */
/** Touchpoint numbers fit in a SMALLINT: (epoch ms × 2^15 + touchpoint) stays far inside a BIGINT. */
const TP_SLOTS = 32768;

export function placementCtes(occ: string, key: string, touches: Sql): Sql {
  return sql`
  pl_need AS (SELECT DISTINCT ${raw(key)} FROM ${raw(occ)} WHERE tp IS NULL AND ptp IS NULL),
  pl_tp AS (${touches}),
  placed AS (
    SELECT o.*, coalesce(o.tp, o.ptp, p.tp) AS placed_tp
    FROM (SELECT *, CAST(src_t AS BIGINT) * ${raw(String(TP_SLOTS))} + ${raw(String(TP_SLOTS - 1))} AS pl_k FROM ${raw(occ)}) o
    ASOF LEFT JOIN (SELECT *, CAST(t AS BIGINT) * ${raw(String(TP_SLOTS))} + tp AS pl_k FROM pl_tp) p
      ON o.${raw(key)} = p.${raw(key)} AND o.pl_k >= p.pl_k
  )`;
}

/**
 * Touchpoint events of the customers in `pl_need`, read from `events`. The touchpoint CASE mentions
 * the joined customer so that the optimiser cannot push `tp IS NOT NULL` below the join and evaluate
 * it on every event of the workspace.
 */
export function eventTouchesSql(scope: Sql, layout: JourneyLayout): Sql {
  const epoch = dialectFn((d) => d.epochMs(raw('ts')));
  return sql`SELECT customer_id, t, tp FROM (
      SELECT e.customer_id, ${epoch} AS t, CASE WHEN n.customer_id IS NOT NULL THEN ${touchpointIndexSql(layout)} END AS tp
      FROM (SELECT * FROM events WHERE ${scope}) e JOIN pl_need n ON n.customer_id = e.customer_id
    ) x WHERE tp IS NOT NULL`;
}
