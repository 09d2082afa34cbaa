import { dialectFn, join, raw, sql } from '../../storage/sql.ts';
import type { Store } from '../../storage/store.ts';
import type { TouchpointOptions } from '../common/step.ts';
import { DAY_MS, rangeFilter } from '../common/time-range.ts';
import { TopPathsRequestSchema, type TopPath, type TopPathsRequestInput, type TopPathsResult } from './schema.ts';
import { sequenceCtes } from './sequence-sql.ts';

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
 * one matches and event names elsewhere, so purchases and cart events are never lost. `share` is the
 * path's customers over all customers with the outcome. Ties in count are ordered by the steps.
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
  const stepName = options.touchpointSql ? sql`coalesce(${options.touchpointSql}, event)` : undefined;
  const inRangeIf = (col: string) => (abandonment && req.to ? sql`${raw(col)} < ${req.to}` : raw('TRUE'));
  const outcomeEvents = abandonment ? req.abandonEvents : [req.purchaseEvent];
  // Only customers with the outcome's event in range can have a path: keep the rest out of the sorts.
  const having = sql`customer_id IN (SELECT customer_id FROM events WHERE workspace_id = ${workspaceId}${rangeFilter(raw('ts'), req)}
    AND event IN (${join(outcomeEvents.map((e) => sql`${e}`))}))`;
  const ctes = sequenceCtes({
    workspaceId, range: { from: req.from, to: scanTo }, exclude: req.exclude, collapseRepeats: req.collapseRepeats,
    sessionGapMinutes: req.sessionGapMinutes, touchpointSql: stepName, where: having,
    flags: {
      is_purchase: sql`CASE WHEN event = ${req.purchaseEvent} THEN 1 ELSE 0 END`,
      is_abandon: sql`CASE WHEN event IN (${join(req.abandonEvents.map((e) => sql`${e}`))}) THEN 1 ELSE 0 END`,
    },
    windowColumns: abandonment
      ? { next_purchase: raw('min(CASE WHEN is_purchase = 1 THEN ts END) OVER (w ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING)') }
      : {},
  });

  // A session's target row: its first purchase, or its first cart step not followed by a purchase
  // within the window; the path ends there (purchase) or at the session's last step in range (abandonment).
  const withinSeconds = req.abandonWithinDays * 86_400;
  const gap = dialectFn((d) => d.secondsBetween(raw('ts'), raw('next_purchase')));
  const target = abandonment
    ? sql`min(CASE WHEN is_abandon = 1 AND ${inRangeIf('ts')} AND (next_purchase IS NULL OR ${gap} > ${withinSeconds}) THEN rn END) AS t_rn,
      max(CASE WHEN ${inRangeIf('ts')} THEN rn END) AS end_rn`
    : raw('min(CASE WHEN is_purchase = 1 THEN rn END) AS t_rn, min(CASE WHEN is_purchase = 1 THEN rn END) AS end_rn');
  const cols = Array.from({ length: req.depth }, (_, k) => raw(`s${k}`));
  const pivot = join(cols.map((c, k) => sql`max(CASE WHEN t.end_rn - m.rn = ${k} THEN m.step_name END) AS ${c}`));

  const rows = await store.query<Record<string, string | number | null>>(sql`
    WITH ${ctes},
    numbered AS (
      SELECT customer_id, ts, step_name, is_purchase, is_abandon${abandonment ? raw(', next_purchase') : sql``},
        sum(new_session) OVER (v ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS session,
        row_number() OVER v AS rn
      FROM seq_kept
      WINDOW v AS (PARTITION BY customer_id ORDER BY ts, message_id)
    ),
    sessions AS (
      SELECT customer_id, session, ${target}
      FROM numbered
      GROUP BY customer_id, session
    ),
    targets AS (
      SELECT customer_id, session, end_rn
      FROM (SELECT customer_id, session, end_rn, row_number() OVER (PARTITION BY customer_id ORDER BY t_rn) AS k
            FROM sessions WHERE t_rn IS NOT NULL) ranked
      WHERE k = 1
    ),
    paths AS (
      SELECT m.customer_id, ${pivot}
      FROM numbered m JOIN targets t ON m.customer_id = t.customer_id AND m.session = t.session
      WHERE m.rn > t.end_rn - ${req.depth} AND m.rn <= t.end_rn
      GROUP BY m.customer_id
    )
    SELECT ${join(cols)}, count(*) AS n, sum(count(*)) OVER () AS total
    FROM paths
    GROUP BY ${join(cols)}
    ORDER BY n DESC, ${join(cols)}
    LIMIT ${req.limit}`);

  const customers = rows.length > 0 ? Number(rows[0].total) : 0;
  const paths: TopPath[] = rows.map((r) => {
    const steps: string[] = [];
    for (let k = req.depth - 1; k >= 0; k--) {
      const s = r[`s${k}`];
      if (typeof s === 'string') steps.push(s);
    }
    const n = Number(r.n);
    return { steps, customers: n, share: n / customers };
  });
  return { outcome: req.outcome, customers, paths };
}
