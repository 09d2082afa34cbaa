import { sql } from '../../storage/sql.ts';
import type { Store } from '../../storage/store.ts';
import { cohortCte, type CohortScope } from './cohort-sql.ts';

/**
 * Repeaters per cohort: members with at least two `event`s (their first included) up to `asOf`.
 * Keyed by cohort start in epoch ms.
 */
export async function repeatersByCohort(store: Store, scope: CohortScope): Promise<Map<number, number>> {
  const rows = await store.query<{ cohort_start: Date; repeaters: number }>(sql`
    WITH ${cohortCte(scope)},
    counts AS (
      SELECT c.cohort_start, c.customer_id, count(*) AS n
      FROM cohort c JOIN events e ON e.customer_id = c.customer_id
      WHERE e.workspace_id = ${scope.workspaceId} AND e.event = ${scope.event} AND e.ts <= ${scope.asOf}
      GROUP BY c.cohort_start, c.customer_id
    )
    SELECT cohort_start, sum(CASE WHEN n >= 2 THEN 1 ELSE 0 END) AS repeaters
    FROM counts
    GROUP BY cohort_start`);
  return new Map(rows.map((r) => [r.cohort_start.getTime(), Number(r.repeaters)]));
}
