import { dialectFn, join, raw, sql } from '../../storage/sql.ts';
import type { Store } from '../../storage/store.ts';
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

const QUANTILES = [0.5, 0.75] as const;

/**
 * Days between consecutive `event`s of the same cohort members (up to `asOf`): count, mean,
 * median and 75th percentile (linear interpolation between closest ranks, as `quantile_cont` and
 * numpy's default), and a histogram. The quantiles are read as the one or two ranked gaps they
 * fall between, which every SQL engine can do with `row_number`, rather than with a dialect's
 * quantile function.
 */
export async function timeBetween(store: Store, scope: CohortScope): Promise<TimeBetween> {
  const gapsCte = sql`
    WITH ${cohortCte(scope)},
    purchases AS (
      SELECT e.customer_id, e.ts, lag(e.ts) OVER (PARTITION BY e.customer_id ORDER BY e.ts) AS prev_ts
      FROM cohort c JOIN events e ON e.customer_id = c.customer_id
      WHERE e.workspace_id = ${scope.workspaceId} AND e.event = ${scope.event} AND e.ts <= ${scope.asOf}
    ),
    gaps AS (
      SELECT ${dialectFn((d) => d.secondsBetween(raw('prev_ts'), raw('ts')))} / 86400.0 AS days
      FROM purchases WHERE prev_ts IS NOT NULL
    )`;
  const bucketOf = sql`CASE ${join(GAP_BUCKETS.map((b, i) => (b.toDays === null ? sql`ELSE ${i}` : sql`WHEN days < ${b.toDays} THEN ${i}`)), ' ')} END`;
  const buckets = await store.query<{ bucket: number; n: number; total_days: number }>(sql`
    ${gapsCte}
    SELECT ${bucketOf} AS bucket, count(*) AS n, sum(days) AS total_days FROM gaps GROUP BY 1`);
  const positions = join(QUANTILES.flatMap((q) => [sql`i = floor(${q} * (n - 1))`, sql`i = ceil(${q} * (n - 1))`]), ' OR ');
  const ranked = await store.query<{ i: number; n: number; days: number }>(sql`
    ${gapsCte},
    ranked AS (SELECT days, row_number() OVER (ORDER BY days) - 1 AS i, count(*) OVER () AS n FROM gaps)
    SELECT i, n, days FROM ranked WHERE ${positions} ORDER BY i`);

  const counts = GAP_BUCKETS.map((_, i) => buckets.find((b) => Number(b.bucket) === i)?.n ?? 0);
  const intervals = counts.reduce((s, n) => s + n, 0);
  const totalDays = buckets.reduce((s, b) => s + Number(b.total_days), 0);
  const at = new Map(ranked.map((r) => [Number(r.i), Number(r.days)]));
  const quantile = (q: number) => {
    if (intervals === 0) return null;
    const pos = q * (intervals - 1);
    const lo = at.get(Math.floor(pos))!, hi = at.get(Math.ceil(pos))!;
    return lo + (hi - lo) * (pos - Math.floor(pos));
  };
  return {
    intervals,
    meanDays: intervals === 0 ? null : totalDays / intervals,
    medianDays: quantile(0.5),
    p75Days: quantile(0.75),
    buckets: GAP_BUCKETS.map((b, i) => ({ ...b, count: counts[i], share: intervals === 0 ? 0 : counts[i] / intervals })),
  };
}
