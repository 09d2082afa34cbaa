import { dialectFn, join, raw, sql, type Sql } from '../../storage/sql.ts';
import { argMaxIfSql, argMaxSql, customerKeySql } from '../common/dialect-sql.ts';
import { touchpointIndexSql, type JourneyLayout } from '../common/journey-layout.ts';
import { customerFilterSql } from '../common/persona-filter.ts';
import { INTERACTION_TYPES } from '../common/step.ts';
import { rangeFilter, type TimeRange } from '../common/time-range.ts';
import { PAGE_LOAD } from '../friction/friction-events.ts';

export interface DropoffScope {
  workspaceId: string;
  layout: JourneyLayout;
  range: TimeRange;
  windowMs: number | null;
  customers?: Sql;
  limit: number;
}

const n = (v: number) => raw(String(v));
const col = (p: string, i: number) => raw(`${p}${i}`);

/**
 * Stage transitions and where the customers who dropped off were last, in one statement. With a
 * window (without one, `dropoffOnePassSql` does the same in one scan):
 *
 * - `do_cs`: per customer, the first time `f_i` in each stage (one scan, one CASE per event) and
 *   `x_i`, the first time in any later stage (the least later `f`). As on the map, a customer
 *   entered stage i when `f_i ≤ x_i` (or no `x_i`), reached the next stage when they entered it too,
 *   and moved on when `x_i` exists — within `window` of `f_i` when a window is given.
 * - `do_drop`: the (customer, stage) pairs of customers who entered and did not move on.
 * - `do_last`: for each pair, the customer's last touchpoint event and last interaction (`Page Load`
 *   timings left out) at or after `f_i` (and within the window): a second scan, only over the
 *   events of customers who dropped off somewhere.
 *
 * Rows: `R` (stage i: reached a, reachedNext b, advanced c), `T` (stage i, touchpoint k2: customers a),
 * `E` (stage i, event name: customers a), each ranking cut to `limit`.
 */
export function dropoffSql(s: DropoffScope): Sql {
  return s.windowMs === null ? dropoffOnePassSql(s) : dropoffWindowSql(s);
}

/**
 * The rows in scope (workspace, range, persona's customers) and the event time in ms. The persona's
 * customers are the CTE `in_customers` (`ctes`, first in the WITH), computed once: the window plan
 * scans the events twice, and as a subquery in each scan the persona's aggregate ran twice.
 */
function scopeOf(s: DropoffScope) {
  const filter = customerFilterSql(s.customers);
  return {
    ctes: filter.withCte,
    scope: sql`workspace_id = ${s.workspaceId}${rangeFilter(raw('ts'), s.range)}${filter.where}`,
    epoch: dialectFn((d) => d.epochMs(raw('ts'))),
  };
}

/** `x_i`: when the customer first entered any stage after i (NULL if never), from the `f_j` first entries. */
function laterStageEntries(layout: DropoffScope['layout']): Sql[] {
  const INF = raw('9223372036854775807');
  const S = layout.stages.length;
  return layout.stages.map((st) => {
    if (st.index === S - 1) return sql`CAST(NULL AS BIGINT) AS ${col('x', st.index)}`;
    const fs = layout.stages.slice(st.index + 1).map((l) => sql`coalesce(${col('f', l.index)}, ${INF})`);
    return sql`nullif(${fs.length === 1 ? fs[0] : sql`least(${join(fs)})`}, ${INF}) AS ${col('x', st.index)}`;
  });
}

/**
 * Without a window the second scan is not needed: a customer who did not move on past stage i has
 * no event in a later stage at all, so i is their highest stage and their last touchpoint event and
 * last interaction overall are the ones after entering it. One scan, grouped per (customer,
 * touchpoint) and then per customer, as on the journey map.
 */
function dropoffOnePassSql(s: DropoffScope): Sql {
  const { layout } = s;
  const S = layout.stages.length;
  const K = layout.touchpoints.length;
  const { ctes, scope, epoch } = scopeOf(s);
  const interaction = sql`type IN ${INTERACTION_TYPES} AND event <> ${PAGE_LOAD}`;
  const firsts = layout.stages.map((st) => sql`min(CASE WHEN tp >= ${n(st.first)} AND tp < ${n(st.end)} THEN t0 END) AS ${col('f', st.index)}`);
  const later = laterStageEntries(layout);
  const top = sql`(CASE ${join([...layout.stages].reverse().map((st) => sql`WHEN ${col('f', st.index)} IS NOT NULL THEN ${n(st.index)}`), ' ')} END)`;
  const entered = (i: number) => sql`(${col('f', i)} IS NOT NULL AND (${col('x', i)} IS NULL OR ${col('f', i)} <= ${col('x', i)}))`;
  const counts = layout.stages.slice(0, -1).map((st) => sql`SELECT 'R' AS kind, ${n(st.index)} AS k, CAST(NULL AS INTEGER) AS k2, CAST(NULL AS VARCHAR) AS label,
      count(*) AS a, count(CASE WHEN ${entered(st.index + 1)} THEN 1 END) AS b, count(${col('x', st.index)}) AS c
      FROM do_cs WHERE ${entered(st.index)}`);
  return sql`WITH ${ctes}do_ct AS (
    SELECT c, tp, min(t) AS t0, max(t) AS t1,
      ${argMaxIfSql(raw('event'), raw('t'), interaction, raw('event'))} AS le, max(CASE WHEN ${interaction} THEN t END) AS lt
    FROM (SELECT ${customerKeySql(raw('customer_id'))} AS c, ${epoch} AS t, event, type, ${touchpointIndexSql(layout)} AS tp FROM events WHERE ${scope}) e
    GROUP BY c, tp
  ),
  do_cs AS (
    SELECT *, ${join(later)} FROM (
      SELECT c, ${join(firsts)}, ${argMaxSql(raw('tp'), sql`t1 * ${n(K + 1)} + tp`)} AS last_tp, ${argMaxSql(raw('le'), raw('lt'), raw('le'))} AS last_event
      FROM do_ct GROUP BY c
    ) g
  ),
  do_last AS (SELECT i, last_tp, last_event FROM (SELECT ${top} AS i, last_tp, last_event FROM do_cs) d WHERE i < ${n(S - 1)})
  ${resultRowsSql(counts, s.limit)}`;
}

/** Both plans answer the same rows: the stage counts, then the top last touchpoints and last events. */
function resultRowsSql(counts: Sql[], limit: number): Sql {
  return sql`SELECT kind, k, k2, label, a, b, c FROM (
    ${join(counts, '\n    UNION ALL\n    ')}
  ) counts
  UNION ALL
  SELECT kind, k, k2, label, a, b, c FROM (${ranked('T', 'last_tp', limit)}) t
  UNION ALL
  SELECT kind, k, k2, label, a, b, c FROM (${ranked('E', 'last_event', limit)}) e`;
}

function ranked(kind: 'T' | 'E', key: 'last_tp' | 'last_event', limit: number): Sql {
  return sql`SELECT * FROM (
      SELECT ${kind} AS kind, i AS k, ${raw(kind === 'T' ? 'last_tp' : 'CAST(NULL AS INTEGER)')} AS k2, ${raw(kind === 'E' ? 'last_event' : 'CAST(NULL AS VARCHAR)')} AS label,
        count(*) AS a, CAST(NULL AS BIGINT) AS b, CAST(NULL AS BIGINT) AS c,
        row_number() OVER (PARTITION BY i ORDER BY count(*) DESC, ${raw(key)}) AS rank
      FROM do_last WHERE ${raw(key)} IS NOT NULL GROUP BY i, ${raw(key)}
    ) r WHERE rank <= ${n(limit)}`;
}

/** With a window: moving on only counts within it, so the last place is looked up in a second scan. */
function dropoffWindowSql(s: DropoffScope): Sql {
  const { layout } = s;
  const K = layout.touchpoints.length;
  const { ctes, scope, epoch } = scopeOf(s);
  const firsts = layout.stages.map((st) => sql`min(CASE WHEN tp >= ${n(st.first)} AND tp < ${n(st.end)} THEN t END) AS ${col('f', st.index)}`);
  const later = laterStageEntries(layout);
  const within = (a: Sql, from: Sql) => (s.windowMs === null ? sql`${a} IS NOT NULL` : sql`${a} <= ${from} + ${n(s.windowMs)}`);
  const entered = (i: number) => sql`(${col('f', i)} IS NOT NULL AND (${col('x', i)} IS NULL OR ${col('f', i)} <= ${col('x', i)}))`;

  const counts: Sql[] = [];
  const pairs: Sql[] = [];
  for (const st of layout.stages.slice(0, -1)) {
    const i = st.index;
    const f = col('f', i);
    counts.push(sql`SELECT 'R' AS kind, ${n(i)} AS k, CAST(NULL AS INTEGER) AS k2, CAST(NULL AS VARCHAR) AS label,
      count(*) AS a, count(CASE WHEN ${entered(i + 1)} AND ${within(col('f', i + 1), f)} THEN 1 END) AS b,
      count(CASE WHEN ${within(col('x', i), f)} THEN 1 END) AS c
      FROM do_cs WHERE ${entered(i)}`);
    const lim = s.windowMs === null ? raw('CAST(NULL AS BIGINT)') : sql`${f} + ${n(s.windowMs)}`;
    pairs.push(sql`SELECT customer_id, ${n(i)} AS i, ${f} AS f, ${lim} AS lim FROM do_cs WHERE ${entered(i)} AND NOT coalesce(${within(col('x', i), f)}, FALSE)`);
  }
  if (pairs.length === 0) pairs.push(sql`SELECT CAST(NULL AS VARCHAR) AS customer_id, 0 AS i, CAST(NULL AS BIGINT) AS f, CAST(NULL AS BIGINT) AS lim WHERE FALSE`);

  return sql`WITH ${ctes}do_cs AS (
    SELECT *, ${join(later)} FROM (
      SELECT customer_id, ${join(firsts)}
      FROM (SELECT customer_id, ${epoch} AS t, ${touchpointIndexSql(layout)} AS tp FROM events WHERE ${scope}) e
      GROUP BY customer_id
    ) c
  ),
  do_drop AS (${join(pairs, '\n    UNION ALL\n    ')}),
  do_last AS (
    SELECT d.customer_id, d.i,
      ${argMaxIfSql(raw('e.tp'), sql`e.t * ${n(K + 1)} + e.tp`, raw('e.tp IS NOT NULL'))} AS last_tp,
      ${argMaxIfSql(raw('e.event'), raw('e.t'), sql`e.type IN ${INTERACTION_TYPES} AND e.event <> ${PAGE_LOAD}`, raw('e.event'))} AS last_event
    FROM do_drop d JOIN (
      SELECT customer_id, ${epoch} AS t, event, type, ${touchpointIndexSql(layout)} AS tp
      FROM events WHERE ${scope} AND customer_id IN (SELECT customer_id FROM do_drop)
    ) e ON e.customer_id = d.customer_id AND e.t >= d.f AND (d.lim IS NULL OR e.t <= d.lim)
    GROUP BY d.customer_id, d.i
  )
  ${resultRowsSql(counts, s.limit)}`;
}
