import { join, raw, sql, type Sql } from '../../storage/sql.ts';
import { aggIf, col, cte, hasStep, int, manySteps, oneIf } from './sql-parts.ts';

/**
 * The fast tier of the `ordered` plan: one GROUP BY customer with fixed-size aggregates (first and
 * last time of each step) decides most customers exactly, without ordering their events. The rest
 * (`depth` NULL) go to the general plan. The rules, for a customer whose events each match at most
 * one step (f_j / l_j: first / last time of step j, W: window):
 *
 * - no step-1 event: not in the funnel (depth 0).
 * - every step-2 event after every step-1 event (f1 ≥ l0; at equal times the later step is later in
 *   funnel order): all attempts share the same next event f1, so the last step-1 event l0 is the
 *   best start (the most room in its window) and it is the attempt reported. Then step j is f_j as
 *   long as f_j is after f_{j-1} and within the window of l0; the chain stops when step j is absent
 *   (or all its events are before f_{j-1}), or f_j is beyond the window (so are all later ones).
 * - no step-2 event after any step-1 event (l1 < f0), or f1 out of l0's window: depth 1, and the
 *   reported attempt is the first step-1 event (it completes step 1 earliest).
 * - anything else (a step-j event before f_{j-1} and another after it, f1 < l0, an event matching
 *   two steps) needs the order of events: undecided.
 *
 * Reads CTE `source` (c, t, m[, v]) and defines `fast` (c, depth, f*, l*, fv): depth NULL when
 * undecided. `fv` is the breakdown value on the first step-1 event (`firstTouch`).
 */
export function fastCtes(source: string, steps: number, window: Sql, firstTouch: Sql | null): Sql[] {
  const m = raw('m');
  const t = raw('t');
  const aggs: Sql[] = [];
  for (let j = 0; j < steps; j++) {
    aggs.push(sql`${aggIf('min', t, hasStep(m, j))} AS ${col('f', j)}`, sql`${aggIf('max', t, hasStep(m, j))} AS ${col('l', j)}`);
  }
  aggs.push(sql`max(${oneIf(manySteps(m))}) AS multi`);
  if (firstTouch) aggs.push(sql`${firstTouch} AS fv`);
  const f = (j: number) => col('f', j);
  const l = (j: number) => col('l', j);
  const arms: Sql[] = [
    sql`WHEN f0 IS NULL THEN 0`,
    sql`WHEN multi > 0 THEN NULL`,
    sql`WHEN f1 IS NULL OR l1 < f0 OR (f1 >= l0 AND f1 - l0 > ${window}) THEN 1`,
    sql`WHEN f1 < l0 THEN NULL`,
  ];
  for (let j = 2; j < steps; j++) {
    arms.push(
      sql`WHEN ${f(j)} IS NULL OR ${l(j)} < ${f(j - 1)} OR (${f(j)} >= ${f(j - 1)} AND ${f(j)} - l0 > ${window}) THEN ${int(j)}`,
      sql`WHEN ${f(j)} < ${f(j - 1)} THEN NULL`,
    );
  }
  return [
    cte('fast_agg', sql`SELECT c, ${join(aggs)} FROM ${raw(source)} GROUP BY c`),
    cte('fast', sql`SELECT *, CASE ${join(arms, ' ')} ELSE ${int(steps)} END AS depth FROM fast_agg`, true),
  ];
}

/** The chain of a decided customer: starts at l0 (f0 when depth is 1), then f1, f2, … */
export function fastChain(steps: number): Sql {
  const times = [sql`CASE WHEN depth = 1 THEN f0 ELSE l0 END AS t0`];
  for (let j = 1; j < steps; j++) times.push(sql`CASE WHEN depth > ${int(j)} THEN ${col('f', j)} END AS ${col('t', j)}`);
  return join(times);
}
