import { dialectFn, join, raw, sql } from '../../storage/sql.ts';
import type { Store } from '../../storage/store.ts';
import { quantileSql } from '../common/dialect-sql.ts';
import { cohortCte, type CohortScope } from './cohort-sql.ts';
import type { TimeBetween } from './schema.ts';

/** Bucket edges in days; the last bucket is open-ended. */
export const GAP_BUCKETS: readonly { label: string; fromDays: number; toDays: number | null }[] = [
  { label: '< 1 day', fromDays: 0, toDays: 1 },
  { label: '1–7 days', fromDays: 1, toDays: 7 },
  { label: '7–14 days', fromDays: 7, toDays: 14 },
  { label: '14–30 days', fromDays: 14, toDays: 30 },
  { label: '30–60 days', fromDays: 30, toDays: 60 },
  { label: '60–90 days', fromDays: 60, toDays: 90 },
  { label: '90–180 days', fromDays: 90, toDays: 180 },
  { label: '180–365 days', fromDays: 180, toDays: 365 },
  { label: '≥ 365 days', fromDays: 365, toDays: null },
];

/**
 * Days between consecutive `event`s of the same cohort member (up to `asOf`): count, mean, median
 * and 75th percentile (linear interpolation between closest ranks, as `quantile_cont`), and a
 * histogram with `fromDays` ≤ gap < `toDays`. One aggregate over the gaps.
 */
export async function timeBetween(store: Store, scope: CohortScope): Promise<TimeBetween> {
  const days = raw('days');
  const buckets = join(GAP_BUCKETS.map((b, i) => {
    const cond = b.toDays === null ? sql`days >= ${b.fromDays}` : sql`days >= ${b.fromDays} AND days < ${b.toDays}`;
    return sql`sum(CASE WHEN ${cond} THEN 1 ELSE 0 END) AS ${raw(`b${i}`)}`;
  }));
  const [row] = await store.query<Record<string, number | null>>(sql`
    WITH ${cohortCte(scope)},
    purchases AS (
      SELECT e.ts, lag(e.ts) OVER (PARTITION BY e.customer_id ORDER BY e.ts) AS prev_ts
      FROM cohort c JOIN events e ON e.customer_id = c.customer_id
      WHERE e.workspace_id = ${scope.workspaceId} AND e.event = ${scope.event} AND e.ts <= ${scope.asOf}
    ),
    gaps AS (
      SELECT ${dialectFn((d) => d.secondsBetween(raw('prev_ts'), raw('ts')))} / 86400.0 AS days
      FROM purchases WHERE prev_ts IS NOT NULL
    )
    SELECT count(*) AS n, avg(days) AS mean, ${quantileSql(days, 0.5)} AS median, ${quantileSql(days, 0.75)} AS p75, ${buckets}
    FROM gaps`);
  const intervals = Number(row?.n ?? 0);
  const num = (v: number | null | undefined) => (intervals === 0 || v === null || v === undefined ? null : Number(v));
  return {
    intervals,
    meanDays: num(row?.mean),
    medianDays: num(row?.median),
    p75Days: num(row?.p75),
    buckets: GAP_BUCKETS.map((b, i) => {
      const count = Number(row?.[`b${i}`] ?? 0);
      return { ...b, count, share: intervals === 0 ? 0 : count / intervals };
    }),
  };
}
