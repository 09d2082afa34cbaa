import { join, raw, sql, type Sql } from '../../storage/sql.ts';
import {
  listAgg, listAggOrdered, listContains, listFilter, listFirstOr0, listIndexOf, listLen, listMap, listMaxOr0, listRange, listSlice,
} from '../common/list-sql.ts';
import type { Store } from '../../storage/store.ts';
import type { TouchpointOptions } from '../common/step.ts';
import { DAY_MS } from '../common/time-range.ts';
import { TopPathsRequestSchema, type TopPath, type TopPathsRequestInput, type TopPathsResult } from './schema.ts';
import { codeOf, sequenceCtes } from './sequence-sql.ts';

/**
 * The most common paths to purchase and to abandonment, one path per customer.
 *
 * - `purchase`: the customer's first `purchaseEvent` in the range; the path is the last `depth`
 *   steps of its session up to and including the purchase.
 * - `abandonment`: the customer's first `abandonEvents` step (default Product Added, Checkout
 *   Started) in the range with no purchase in the following `abandonWithinDays` (purchases after
 *   `to` count, up to that many days after it); the path is the last `depth` steps of that
 *   session — where the customer was when they left.
 *
 * Steps are as in `runPaths` (interactions, repeats collapsed by default) and sessions break after
 * `sessionGapMinutes` of inactivity (default 30). With `touchpointSql`, steps are touchpoint ids where
 * one matches and event names elsewhere; the events the outcome is decided on (the purchase, and for
 * abandonment the cart events) keep their event names, so no touchpoint run can hide them. `share`
 * is the path's customers over all customers with the outcome. Ties in count are ordered by their
 * steps' names, compared step by step from the first.
 *
 * @example
 * await topPaths(store, ws, { outcome: 'abandonment', limit: 5 });
 * // { outcome: 'abandonment', customers: 420,
 * //   paths: [{ steps: ['Product Viewed', 'Product Added'], customers: 97, share: 0.23 }, …] }
 */
export async function topPaths(
  store: Store, workspaceId: string, input: TopPathsRequestInput, options: TouchpointOptions = {},
): Promise<TopPathsResult> {
  const req = TopPathsRequestSchema.parse(input);
  const abandonment = req.outcome === 'abandonment';
  // Abandonment looks past `to` for a purchase that would cancel it.
  const scanTo = abandonment && req.to ? new Date(req.to.getTime() + req.abandonWithinDays * DAY_MS) : req.to;
  // With touchpoints, the events the outcome is decided on keep their own names, so that a
  // touchpoint spanning, say, Checkout Started and Order Completed cannot hide the purchase.
  const outcomeEvents = abandonment ? [req.purchaseEvent, ...req.abandonEvents] : [req.purchaseEvent];
  const names = (list: readonly string[]) => join(list.map((e) => sql`${e}`));
  const stepName = options.touchpointSql
    ? sql`CASE WHEN event IN (${names(outcomeEvents)}) THEN event ELSE coalesce(${options.touchpointSql}, event) END`
    : undefined;
  // Only customers with the outcome's events can have a path: a purchase, or a cart step.
  const needs = abandonment ? req.abandonEvents : [req.purchaseEvent];
  const sequences = await store.sequences?.(workspaceId, needs) ?? null;
  const ctes = sequenceCtes({
    sequences, needs,
    workspaceId, range: { from: req.from, to: scanTo }, exclude: req.exclude, collapseRepeats: req.collapseRepeats,
    sessionGapMinutes: req.sessionGapMinutes, touchpointSql: options.touchpointSql, stepName,
  });
  const kbAt = raw('kb[li]');
  // The session around position `p` starts at the last session start at or before it.
  const sessionStart = (p: string) => listMaxOr0(listFilter(listRange(raw('1'), raw(p)), 'li', kbAt));

  // Per customer the path's last position `hi` (0: no path) and its session's first position `s`.
  let target: Sql;
  if (abandonment) {
    // Positions in range; purchase positions; the first cart step in range with no purchase within
    // the window after it; the end of its session (in range).
    const inRange = req.to ? listLen(listFilter(raw('kt'), 'lv', sql`lv < ${req.to.getTime()}`)) : raw('n');
    const nextPurchase = listFirstOr0(listFilter(raw('pp'), 'lj', raw('lj > li')));
    const abandoned = listFirstOr0(listFilter(listRange(raw('1'), raw('r')), 'li',
      sql`${listContains(raw('ac'), raw('kc[li]'))} AND (${nextPurchase} = 0 OR kt[${nextPurchase}] - kt[li] > ${Math.round(req.abandonWithinDays * DAY_MS)})`));
    const nextBreak = listFirstOr0(listFilter(listRange(raw('t + 1'), raw('n')), 'li', kbAt));
    target = sql`
    codes AS (
      SELECT kc, kt, kb, n, ${inRange} AS r, ${listFilter(listRange(raw('1'), raw('n')), 'li', raw('kc[li] = pc'))} AS pp, ac
      FROM seq, (SELECT ${codeOf(req.purchaseEvent)} AS pc, (SELECT ${listAgg(raw('code'))} FROM seq_dict WHERE step_name IN (${names(req.abandonEvents)})) AS ac) consts
    ),
    found AS (SELECT kc, kb, n, r, ${abandoned} AS t FROM codes),
    targets AS (
      SELECT kc, least(CASE WHEN b > 0 THEN b - 1 ELSE n END, r) AS hi, ${sessionStart('t')} AS s
      FROM (SELECT kc, kb, n, r, t, ${nextBreak} AS b FROM found WHERE t > 0) cut
    )`;
  } else {
    target = sql`
    found AS (SELECT kc, kb, ${listIndexOf(raw('kc'), codeOf(req.purchaseEvent))} AS hi FROM seq),
    targets AS (SELECT kc, hi, ${sessionStart('hi')} AS s FROM found WHERE hi > 0)`;
  }
  const rows = await store.query<{ steps: string[]; n: number; total: number }>(sql`
    WITH ${ctes},
    ${target},
    paths AS (
      SELECT ${listSlice(raw('kc'), sql`greatest(s, hi - ${req.depth - 1})`, raw('hi'))} AS path, count(*) AS n
      FROM targets
      GROUP BY 1
    ),
    ranked AS (SELECT path, n, sum(n) OVER () AS total FROM paths ORDER BY n DESC, path LIMIT ${req.limit})
    SELECT ${listMap(raw('path'), 'lv', raw('names[lv]'))} AS steps, n, total
    FROM ranked, (SELECT ${listAggOrdered(raw('step_name'), raw('code'))} AS names FROM seq_dict) dict
    ORDER BY n DESC, path`);

  const customers = rows.length > 0 ? Number(rows[0].total) : 0;
  const paths: TopPath[] = rows.map((r) => ({ steps: [...r.steps], customers: r.n, share: r.n / customers }));
  return { outcome: req.outcome, customers, paths };
}
