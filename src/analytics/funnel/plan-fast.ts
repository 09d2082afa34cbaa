import { join, raw, sql, type Sql } from '../../storage/sql.ts';
import { aggIf, col, cte, hasStep, int, manySteps, oneIf } from './sql-parts.ts';

/**
 * The fast tier of the `ordered` plan: one GROUP BY customer with fixed-size aggregates (first and
 * last time of each step) decides most customers exactly, without ordering their events; the rest
 * (`depth` NULL) go to the next tiers. For a customer whose events each match one step (f_j / l_j:
 * first / last time of step j, 0-based; W: the window):
 *
 * - no step-0 event: not in the funnel (depth 0).
 * - every step-1 event at or after every step-0 event (f1 ≥ l0; at equal times the later step is
 *   later in funnel order): all attempts share the same next event f1, so the last step-0 event l0
 *   is the best start (most room in its window) and it is the attempt reported. Step j is then f_j
 *   as long as f_j is at or after f_{j-1} and within W of l0; the chain stops where step j is absent
 *   (or all its events are before f_{j-1}), or f_j is beyond the window (so are all later ones).
 * - no step-1 event after any step-0 event (l1 < f0), or f1 outside l0's window: depth 1, and the
 *   attempt reported is the first step-0 event (it completes step 0 earliest).
 * - anything else (a step-j event before f_{j-1} and another after it, f1 < l0, an event matching
 *   two steps) needs the order of events: undecided.
 *
 * Reads CTE `rows` (h, h2, t, m[, v][, c]); defines `fast` (c?, h, collided, multi, depth, t0 … t{k-1},
 * f1, l1, fv?), one row per customer hash (customer-hash.ts): the t's are the chain of a decided
 * customer; t0 is the first step-0 time of an undecided one.
 * `fv` is the breakdown value on the first step-0 event (`firstTouch`).
 */
export function fastCtes(steps: number, window: Sql, firstTouch: Sql | null, withCustomer: boolean, oneStepPerEvent: boolean): Sql[] {
  const m = raw('m');
  const t = raw('t');
  const f = (j: number) => col('f', j);
  const l = (j: number) => col('l', j);
  const aggs: Sql[] = [
    // Two ids behind one hash: the group mixes customers and is sent to the exact plan.
    sql`min(h2) <> max(h2) AS collided`,
    ...(withCustomer ? [sql`min(c) AS c`] : []),
    oneStepPerEvent ? sql`0 AS multi` : sql`max(${oneIf(manySteps(m))}) AS multi`,
  ];
  for (let j = 0; j < steps; j++) aggs.push(sql`${aggIf('min', t, hasStep(m, j))} AS ${f(j)}`, sql`${aggIf('max', t, hasStep(m, j))} AS ${l(j)}`);
  if (firstTouch) aggs.push(sql`${firstTouch} AS fv`);
  const chain = [sql`CASE WHEN depth IS NULL OR depth = 1 THEN f0 ELSE l0 END AS t0`];
  for (let j = 1; j < steps; j++) chain.push(sql`CASE WHEN depth > ${int(j)} THEN ${f(j)} END AS ${col('t', j)}`);
  const keep = [...(withCustomer ? [raw('c')] : []), raw('h'), raw('collided'), raw('multi'), raw('depth'), ...chain, raw('f1'), raw('l1'),
    ...(firstTouch ? [raw('fv')] : [])];
  return [
    cte('fast_agg', sql`SELECT h, ${join(aggs)} FROM rows GROUP BY h`),
    cte('fast', sql`SELECT ${join(keep)} FROM (SELECT *, ${fastDepthSql(steps, window, true)} AS depth FROM fast_agg) d`, true),
  ];
}

/**
 * The fast tier's decision over columns f0, l0 … f{k-1}, l{k-1} (and `multi` when `withMulti`): the
 * depth of a decided customer, NULL for an undecided one (rules above).
 */
export function fastDepthSql(steps: number, window: Sql, withMulti: boolean): Sql {
  const f = (j: number) => col('f', j);
  const l = (j: number) => col('l', j);
  const arms: Sql[] = [
    sql`WHEN f0 IS NULL THEN 0`,
    ...(withMulti ? [sql`WHEN multi > 0 THEN NULL`] : []),
    sql`WHEN f1 IS NULL OR l1 < f0 OR (f1 >= l0 AND f1 - l0 > ${window}) THEN 1`,
    sql`WHEN f1 < l0 THEN NULL`,
  ];
  for (let j = 2; j < steps; j++) {
    arms.push(
      sql`WHEN ${f(j)} IS NULL OR ${l(j)} < ${f(j - 1)} OR (${f(j)} >= ${f(j - 1)} AND ${f(j)} - l0 > ${window}) THEN ${int(j)}`,
      sql`WHEN ${f(j)} < ${f(j - 1)} THEN NULL`,
    );
  }
  return sql`(CASE ${join(arms, ' ')} ELSE ${int(steps)} END)`;
}
