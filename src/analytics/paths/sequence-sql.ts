import { dialectFn, join, raw, sql, type Sql } from '../../storage/sql.ts';
import { excludeEvents, INTERACTION_TYPES, stepNameSql, type TouchpointOptions } from '../common/step.ts';
import { rangeFilter, type TimeRange } from '../common/time-range.ts';

export interface SequenceOptions extends TouchpointOptions {
  workspaceId: string;
  range: TimeRange;
  exclude: readonly string[];
  collapseRepeats: boolean;
  /** Inactivity that starts a new session; undefined: one session per customer. */
  sessionGapMinutes?: number;
  /** Extra columns over raw events columns, e.g. `{ is_start: sql\`CASE WHEN event = ${x} THEN 1 ELSE 0 END\` }`. */
  flags: Record<string, Sql>;
  /** Extra window columns over the raw step stream, computed in the same sort (`OVER w` / `OVER (w ROWS …)`). */
  windowColumns?: Record<string, Sql>;
  /** Extra condition on `seq_base` rows (e.g. a semi-join that drops customers who cannot match). */
  where?: Sql;
  /** Condition on `seq_l1` columns for the rows kept besides collapsing. */
  keep?: Sql;
}

/**
 * The first level of every paths query: CTEs `seq_base` → `seq_l1` → `seq_kept`.
 * - steps are interactions (track/page/screen) named by event or touchpoint; rows with no name
 *   (no touchpoint matched) and excluded events are dropped before anything else;
 * - `new_session` is 1 on a customer's first step and after a gap over `sessionGapMinutes`;
 * - with `collapseRepeats`, a step equal to the one before it in the same session is dropped.
 * One window sort over the raw stream (partition customer, order time then message id, so ties
 * are stable) computes `lag` and the caller's `windowColumns`; callers number the kept rows with a
 * second window. Window passes dominate the cost at scale, so there are exactly two.
 */
export function sequenceCtes(o: SequenceOptions): Sql {
  const names = (cols: Record<string, Sql> | undefined) => Object.keys(cols ?? {}).map((n) => raw(checkedName(n)));
  const defs = (cols: Record<string, Sql> | undefined) =>
    join(Object.entries(cols ?? {}).map(([n, e]) => sql`, ${e} AS ${raw(checkedName(n))}`), '');
  const gap = o.sessionGapMinutes;
  const newSession = gap === undefined
    ? sql`CASE WHEN lag(ts) OVER w IS NULL THEN 1 ELSE 0 END`
    : sql`CASE WHEN lag(ts) OVER w IS NULL THEN 1 WHEN ${dialectFn((d) => d.secondsBetween(sql`lag(ts) OVER w`, raw('ts')))} > ${gap * 60} THEN 1 ELSE 0 END`;
  const flagList = join(names(o.flags).map((n) => sql`, ${n}`), '');
  const kept = o.collapseRepeats ? raw('NOT (new_session = 0 AND prev_name = step_name)') : raw('TRUE');
  return sql`
  seq_base AS (
    SELECT customer_id, ts, message_id, ${stepNameSql(o)} AS step_name${defs(o.flags)}
    FROM events
    WHERE workspace_id = ${o.workspaceId} AND type IN ${INTERACTION_TYPES}${rangeFilter(raw('ts'), o.range)}${excludeEvents(o.exclude)}${o.where ? sql` AND ${o.where}` : sql``}
  ),
  seq_l1 AS (
    SELECT customer_id, ts, message_id, step_name${flagList},
      ${newSession} AS new_session,
      lag(step_name) OVER w AS prev_name${defs(o.windowColumns)}
    FROM seq_base
    WHERE step_name IS NOT NULL
    WINDOW w AS (PARTITION BY customer_id ORDER BY ts, message_id)
  ),
  seq_kept AS (
    SELECT * FROM seq_l1 WHERE ${kept}${o.keep ? sql` AND ${o.keep}` : sql``}
  )`;
}

const NAME = /^[a-z_][a-z0-9_]*$/;
function checkedName(n: string): string {
  if (!NAME.test(n)) throw new Error(`invalid column name: ${n}`);
  return n;
}
