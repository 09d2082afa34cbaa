import { raw, sql } from '../../storage/sql.ts';
import type { Store } from '../../storage/store.ts';
import { cohortCte, truncate, type CohortScope } from './cohort-sql.ts';
import { isoWeekLabel, periodIndex, periodStart, ymd } from './periods.ts';
import type { Cohort } from './schema.ts';

/**
 * Cohort retention: per cohort, how many members did `returnEvent` in each later calendar period.
 * Period k is the k-th week/month after the cohort's own (k = 0 is the cohort period and counts
 * every member, by definition 100 %). A member counts once per period however often they return;
 * only events after their first `event` and up to `asOf` count, and periods not begun by `asOf`
 * are left out, so recent cohorts have shorter rows (the usual retention triangle).
 */
export async function cohortRetention(
  store: Store, scope: CohortScope, returnEvent: string, periods: number,
): Promise<Omit<Cohort, 'repeaters' | 'repeatRate'>[]> {
  const rows = await store.query<{ cohort_start: Date; period_start: Date | null; n: number }>(sql`
    WITH ${cohortCte(scope)},
    returns AS (
      SELECT c.cohort_start, ${truncate(scope.unit, raw('e.ts'))} AS period_start, count(DISTINCT e.customer_id) AS n
      FROM cohort c JOIN events e ON e.customer_id = c.customer_id
      WHERE e.workspace_id = ${scope.workspaceId} AND e.event = ${returnEvent} AND e.ts > c.first_ts AND e.ts <= ${scope.asOf}
      GROUP BY c.cohort_start, ${truncate(scope.unit, raw('e.ts'))}
    )
    SELECT cohort_start, NULL AS period_start, count(*) AS n FROM cohort GROUP BY cohort_start
    UNION ALL
    SELECT cohort_start, period_start, n FROM returns`);

  const byCohort = new Map<number, { start: Date; size: number; retained: number[] }>();
  for (const r of rows) {
    if (r.period_start !== null) continue;
    const observed = Math.min(periods, periodIndex(scope.unit, r.cohort_start, periodStart(scope.unit, scope.asOf)) + 1);
    byCohort.set(r.cohort_start.getTime(), { start: r.cohort_start, size: r.n, retained: [r.n, ...Array(Math.max(0, observed - 1)).fill(0)] });
  }
  for (const r of rows) {
    if (r.period_start === null) continue;
    const c = byCohort.get(r.cohort_start.getTime())!;
    const k = periodIndex(scope.unit, r.cohort_start, r.period_start);
    if (k >= 1 && k < c.retained.length) c.retained[k] = r.n;
  }
  return [...byCohort.values()]
    .sort((a, b) => a.start.getTime() - b.start.getTime())
    .map((c) => ({
      cohort: scope.unit === 'week' ? isoWeekLabel(c.start) : ymd(c.start).slice(0, 7),
      start: ymd(c.start),
      size: c.size,
      retained: c.retained,
      rates: c.retained.map((n) => n / c.size),
    }));
}
