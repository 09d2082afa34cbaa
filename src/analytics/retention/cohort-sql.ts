import { dialectFn, raw, sql, type Sql } from '../../storage/sql.ts';
import { rangeFilter, type TimeRange } from '../common/time-range.ts';
import type { CohortUnit } from './schema.ts';

export interface CohortScope extends TimeRange {
  workspaceId: string;
  unit: CohortUnit;
  event: string;
  asOf: Date;
}

/**
 * `cohort(customer_id, first_ts, cohort_start)`: customers whose first-ever `event` (up to `asOf`)
 * falls in [from, to), with the start of that week or month. First-ever, not first-in-range: a
 * customer who bought before `from` is not new in a later cohort.
 */
export function cohortCte(s: CohortScope): Sql {
  return sql`
  firsts AS (
    SELECT customer_id, min(ts) AS first_ts
    FROM events
    WHERE workspace_id = ${s.workspaceId} AND event = ${s.event} AND ts <= ${s.asOf}
    GROUP BY customer_id
  ),
  cohort AS (
    SELECT customer_id, first_ts, ${truncate(s.unit, raw('first_ts'))} AS cohort_start
    FROM firsts
    WHERE TRUE${rangeFilter(raw('first_ts'), s)}
  )`;
}

export function truncate(unit: CohortUnit, ts: Sql): Sql {
  return dialectFn((d) => d.truncate(unit, ts));
}
