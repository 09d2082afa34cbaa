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
  /** Extra boolean columns over raw events columns, e.g. `{ is_start: sql\`event = ${x}\` }`. */
  flags: Record<string, Sql>;
}

/**
 * CTEs turning events into per-customer step sequences, ending in `seq` with columns
 * `customer_id, ts, step_name, rn, session, next_name, next_session` and the requested flags:
 * - steps are interactions (track/page/screen) named by event or touchpoint; rows with no name
 *   (no touchpoint matched) and excluded events are skipped before anything else;
 * - `session` numbers a customer's sessions from 1 (a gap over `sessionGapMinutes` starts one);
 * - with `collapseRepeats`, a step equal to the one before it in the same session is dropped;
 * - `rn` numbers the remaining steps from 1 in time order (ties broken by message id, so stable).
 * One sort per customer stream serves every window; flags are evaluated once on the raw scan.
 */
export function sequenceCtes(o: SequenceOptions): Sql {
  const flagCols = join(Object.entries(o.flags).map(([name, expr]) => sql`, ${expr} AS ${raw(checkedName(name))}`), '');
  const flagNames = join(Object.keys(o.flags).map((n) => raw(`, ${checkedName(n)}`)), '');
  const gap = o.sessionGapMinutes;
  const newSession = gap === undefined
    ? sql`CASE WHEN lag(ts) OVER w IS NULL THEN 1 ELSE 0 END`
    : sql`CASE WHEN lag(ts) OVER w IS NULL THEN 1 WHEN ${dialectFn((d) => d.secondsBetween(sql`lag(ts) OVER w`, raw('ts')))} > ${gap * 60} THEN 1 ELSE 0 END`;
  // Without sessions every row is in session 1, which saves a running sum over the whole stream.
  const session = gap === undefined
    ? raw('1')
    : raw('sum(new_session) OVER (PARTITION BY customer_id ORDER BY ts, message_id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)');
  return sql`
  seq_base AS (
    SELECT customer_id, ts, message_id, ${stepNameSql(o)} AS step_name${flagCols}
    FROM events
    WHERE workspace_id = ${o.workspaceId} AND type IN ${INTERACTION_TYPES}${rangeFilter(raw('ts'), o.range)}${excludeEvents(o.exclude)}
  ),
  seq_flagged AS (
    SELECT customer_id, ts, message_id, step_name${flagNames},
      ${newSession} AS new_session,
      lag(step_name) OVER w AS prev_name
    FROM seq_base
    WHERE step_name IS NOT NULL
    WINDOW w AS (PARTITION BY customer_id ORDER BY ts, message_id)
  ),
  seq_sessions AS (
    SELECT customer_id, ts, message_id, step_name${flagNames}, ${session} AS session
    FROM seq_flagged
    ${o.collapseRepeats ? raw('WHERE NOT (new_session = 0 AND prev_name = step_name)') : sql``}
  ),
  seq AS (
    SELECT customer_id, ts, step_name${flagNames}, session,
      row_number() OVER w AS rn,
      lead(step_name) OVER w AS next_name,
      lead(session) OVER w AS next_session
    FROM seq_sessions
    WINDOW w AS (PARTITION BY customer_id ORDER BY ts, message_id)
  )`;
}

const NAME = /^[a-z_][a-z0-9_]*$/;
function checkedName(n: string): string {
  if (!NAME.test(n)) throw new Error(`invalid flag column: ${n}`);
  return n;
}
