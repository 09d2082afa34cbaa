import { dialectFn, join, raw, sql, type Sql } from '../../storage/sql.ts';
import { KEY_CODE_SPACE, sequenceSourceSql, type SequenceSnapshot } from '../../storage/sequences.ts';
import {
  intDiv, listAgg, listAggOrdered, listAt, listFilter, listFilterIndexed, listLen, listMap, listRange, listSort,
} from '../common/list-sql.ts';
import { customerFilterSql } from '../common/persona-filter.ts';
import { excludeEvents, INTERACTION_TYPES, stepNameSql, type TouchpointOptions } from '../common/step.ts';
import { rangeFilter, type TimeRange } from '../common/time-range.ts';

export interface SequenceOptions extends TouchpointOptions {
  workspaceId: string;
  range: TimeRange;
  exclude: readonly string[];
  collapseRepeats: boolean;
  /** Inactivity that starts a new session; undefined: one session per customer. */
  sessionGapMinutes?: number;
  /** Step name expression overriding the event / touchpoint one. */
  stepName?: Sql;
  /** The store's customer sequences (Store.sequences): read instead of events when steps are event names. */
  sequences?: SequenceSnapshot | null;
  /**
   * Event names of which a customer needs one to have a path at all (the anchor); with stored
   * sequences, the others are skipped before their lists are read. Their codes must be in `sequences`.
   */
  needs?: readonly string[];
  /**
   * `SELECT customer_id …`: only these customers' events make steps (the persona filter,
   * `personaFilter`). Computed once as the CTE `in_customers`; the stored sequences, which hold
   * every customer, are not read then.
   */
  customers?: Sql;
}

/**
 * Steps are encoded as `epoch_ms × 2^20 + code` so that one integer sort orders a customer's steps
 * by time, then by name (codes follow the names' order); 2^20 names and dates up to the year 2248
 * fit in a BIGINT. Events carry millisecond timestamps (TouchEvent.timestamp), so nothing is lost.
 * The stored `keys` (storage/sequences.ts) use the same space, so re-keying keeps the time part.
 */
const CODE_SPACE = KEY_CODE_SPACE;

/**
 * CTEs that turn events into one row of lists per customer, in time order:
 * `seq_dict(step_name, code)` numbers the distinct step names from 1 in name order, and
 * `seq(kc, kt, kb, n)` holds per customer the kept steps' codes, times (epoch ms) and whether each
 * starts a session (both NULL without sessions, which need neither), and their count.
 * - steps are interactions (track/page/screen) named by event or touchpoint; rows with no name
 *   (no touchpoint matched) and excluded events are dropped first;
 * - a step starts a session when it is the customer's first or follows the previous event by more
 *   than `sessionGapMinutes`;
 * - with `collapseRepeats`, a step equal to the one just before it in the same session is dropped;
 * - steps at the same millisecond are ordered by name.
 *
 * Why lists: a window sort over the event stream (partition by customer, order by time) costs about
 * three times a hash aggregate of integers plus an integer sort per customer, and every paths query
 * needs the order; measured on 10 M events, the window plan took 2.6× the CPU of this one.
 */
export function sequenceCtes(o: SequenceOptions): Sql {
  const gapMs = o.sessionGapMinutes === undefined ? undefined : Math.round(o.sessionGapMinutes * 60_000);
  const code = sql`${dialectFn((d) => d.epochMs(raw('s.ts')))} * ${CODE_SPACE} + d.code`;
  const lv = raw('lv');
  const decode = listMap(raw('xs'), 'lv', sql`${lv} % ${CODE_SPACE}`);
  const filter = customerFilterSql(o.customers);
  const head = o.sequences && !o.stepName && !o.touchpointSql && !o.customers ? storedHead(o, o.sequences) : sql`
  ${filter.withCte}seq_steps AS (
    SELECT customer_id, ts, ${o.stepName ?? stepNameSql(o)} AS step_name
    FROM events
    WHERE workspace_id = ${o.workspaceId} AND type IN ${INTERACTION_TYPES}${rangeFilter(raw('ts'), o.range)}${excludeEvents(o.exclude)}${filter.where}
  ),
  seq_dict AS (
    SELECT step_name, row_number() OVER (ORDER BY step_name) AS code
    FROM (SELECT DISTINCT step_name FROM seq_steps WHERE step_name IS NOT NULL) names
  ),
  seq_sorted AS (
    SELECT ${listSort(listAgg(code))} AS xs
    FROM seq_steps s JOIN seq_dict d ON d.step_name = s.step_name
    GROUP BY s.customer_id
  ),`;
  if (gapMs === undefined) {
    // No sessions, no times: collapsing compares each code with the one before it, in one pass.
    const kc = o.collapseRepeats ? listFilterIndexed(raw('c'), 'lv', 'li', raw('li = 1 OR lv <> c[li - 1]')) : raw('c');
    return sql`${head}
  seq_decoded AS (SELECT ${decode} AS c FROM seq_sorted),
  seq AS (SELECT kc, NULL AS kt, NULL AS kb, ${listLen(raw('kc'))} AS n FROM (SELECT ${kc} AS kc FROM seq_decoded) collapsed)`;
  }
  const breakAt = (i: Sql) => sql`(${i} = 1 OR t[${i}] - t[${i} - 1] > ${gapMs})`;
  const li = raw('li');
  const keep = o.collapseRepeats ? sql`${breakAt(li)} OR c[li] <> c[li - 1]` : raw('TRUE');
  return sql`${head}
  seq_decoded AS (
    SELECT ${decode} AS c, ${listMap(raw('xs'), 'lv', intDiv(lv, raw(String(CODE_SPACE))))} AS t
    FROM seq_sorted
  ),
  seq_kept AS (
    SELECT c, t, ${listFilter(listRange(raw('1'), listLen(raw('c'))), 'li', keep)} AS k
    FROM seq_decoded
  ),
  seq AS (
    SELECT ${listMap(raw('k'), 'li', raw('c[li]'))} AS kc, ${listMap(raw('k'), 'li', raw('t[li]'))} AS kt,
      ${listMap(raw('k'), 'li', breakAt(li))} AS kb, ${listLen(raw('k'))} AS n
    FROM seq_kept
  )`;
}

/**
 * The same `seq_dict` and `seq_sorted` from the stored customer sequences (storage/sequences.ts):
 * no scan of event rows, no GROUP BY and, unless two events share a millisecond, no sort — each
 * customer's time-sorted `keys` only get their stored event code replaced by the step code (the
 * name's rank; NULL drops bookkeeping calls and excluded events). Same-time steps must be ordered
 * by name, which the stored order (by code) need not be: customers with such ties (`tied`) are
 * sorted again. Customers with no event of `needs` are skipped before any list is read. The
 * dictionary holds every interaction name the store knows (codes still follow name order; a name
 * without steps in range simply occurs in no path).
 */
function storedHead(o: SequenceOptions, snap: SequenceSnapshot): Sql {
  const space = raw(String(CODE_SPACE));
  const excluded = o.exclude.length ? sql` AND event NOT IN (${join(o.exclude.map((e) => sql`${e}`))})` : sql``;
  const lx = raw('lx');
  const bounds = [
    ...(o.range.from ? [sql`${lx} >= ${o.range.from.getTime() * CODE_SPACE}`] : []),
    ...(o.range.to ? [sql`${lx} < ${o.range.to.getTime() * CODE_SPACE}`] : []),
  ];
  const keys = bounds.length ? listFilter(raw('keys'), 'lx', join(bounds, ' AND ')) : raw('keys');
  const rekeyed = listFilter(listMap(keys, 'lx', sql`${lx} - ${lx} % ${space} + ${listAt(raw('rk'), sql`${lx} % ${space}`)}`), 'lx', sql`${lx} IS NOT NULL`);
  const needs = o.needs?.flatMap((n) => snap.codes.get(n) ?? []);
  return sql`
  ${sequenceSourceSql(o.workspaceId, snap.tail > 0, needs)},
  seq_dict AS (
    SELECT step_name, row_number() OVER (ORDER BY step_name) AS code
    FROM (SELECT DISTINCT event AS step_name FROM event_codes WHERE interaction${excluded}) names
  ),
  seq_rank AS (
    SELECT ${listAggOrdered(raw('r'), raw('gc'))} AS rk FROM (SELECT g.gc, d.code AS r FROM range(1, (SELECT coalesce(max(code), 0) FROM event_codes) + 1) g(gc)
      LEFT JOIN event_codes c ON c.code = g.gc AND c.interaction LEFT JOIN seq_dict d ON d.step_name = c.event) ranks
  ),
  seq_sorted AS (
    SELECT xs FROM (SELECT CASE WHEN tied THEN ${listSort(raw('r'))} ELSE r END AS xs FROM (SELECT tied, ${rekeyed} AS r FROM sq, seq_rank) k0) k
    WHERE ${listLen(raw('xs'))} > 0
  ),`;
}

/** The code of a step name, NULL when no step has that name. */
export function codeOf(name: string): Sql {
  return sql`(SELECT code FROM seq_dict WHERE step_name = ${name})`;
}
