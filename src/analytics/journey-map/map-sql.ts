import { CHANNELS } from '../../ingest/event.ts';
import { dialectFn, join, raw, sql, type Sql } from '../../storage/sql.ts';
import { argMaxIfSql, bitOrSql, quantileSql, secondsSql } from '../common/dialect-sql.ts';
import { pageTouchpointIndexSql, stageOfSql, touchpointIndexSql, type JourneyLayout } from '../common/journey-layout.ts';
import { rangeFilter, type TimeRange } from '../common/time-range.ts';
import { JS_ERROR, PAYMENT_FAILED, RETURN_EVENTS, lateDeliverySql, slowPageSql, DEFAULT_SLOW_PAGE_MS } from '../friction/friction-events.ts';

/**
 * The journey map in one statement over one scan of the events in range:
 *
 * 1. `jm_ev` — every event with its touchpoint number (one CASE, `touchpointIndexSql`) and, for
 *    friction events, a friction code.
 * 2. `jm_ct` — one row per (customer, touchpoint): first and last time, events, channels (a bit
 *    set); touchpoint NULL collects the customer's other events.
 * 3. `jm_cs` — one row per customer: for each stage i, `f_i` (first event in the stage) and `x_i`
 *    (first event in any later stage); the last touchpoint; the highest stage; goal times.
 * 4. `jm_cst` — one row per (customer, stage entered): the customer entered stage i when
 *    `f_i ≤ x_i` (reached it before any later stage; skipped stages are not entered) and moved on
 *    when `x_i` exists. Because every stage's touchpoints are a range of numbers, "later stage" is
 *    `tp ≥ end_i` and all of this is plain min/max aggregation: no per-customer sort.
 *
 * The result is one long table of rows `kind, k, k2, a … e, m` (see `MapRow`) read back by
 * `readMap`: `S` stage rows, `T` touchpoint rows, `D` drop-off rows, `F` friction rows and one `N`
 * totals row.
 */
export interface MapScope {
  workspaceId: string;
  layout: JourneyLayout;
  range: TimeRange;
  /** `SELECT customer_id …` restricting the customers (persona filter). */
  customers?: Sql;
  /** Per stage: the goal to test after entering it, if any. */
  goals: ({ touchpoint: number } | { event: string } | null)[];
}

export interface MapRow {
  kind: 'S' | 'T' | 'D' | 'F' | 'N';
  k: number | null;
  k2: number | null;
  a: number | null;
  b: number | null;
  c: number | null;
  d: number | null;
  e: number | null;
  m: number | null;
}

/** Friction codes of `jm_ev.fr`. */
export const FRICTION_CODES = { slowPage: 1, error: 2, paymentFailure: 3, return: 4, lateDelivery: 5 } as const;

const n = (v: number) => raw(String(v));

export function channelBitSql(): Sql {
  return sql`(CASE channel ${join(CHANNELS.map((c, i) => sql`WHEN ${raw(`'${c}'`)} THEN ${n(2 ** i)}`), ' ')} ELSE 0 END)`;
}

export function journeyMapSql(s: MapScope): Sql {
  const { layout } = s;
  const S = layout.stages.length;
  const K = layout.touchpoints.length;
  const stages = layout.stages;
  const fr = FRICTION_CODES;
  const friction = sql`CASE
      WHEN ${slowPageSql(DEFAULT_SLOW_PAGE_MS)} THEN ${n(fr.slowPage)}
      WHEN event = ${JS_ERROR} THEN ${n(fr.error)}
      WHEN event = ${PAYMENT_FAILED} THEN ${n(fr.paymentFailure)}
      WHEN event IN (${join(RETURN_EVENTS.map((e) => sql`${e}`))}) THEN ${n(fr.return)}
      WHEN ${lateDeliverySql} THEN ${n(fr.lateDelivery)} END`;
  const customers = s.customers ? sql` AND customer_id IN (${s.customers})` : sql``;
  const goalEvent = (i: number) => s.goals[i] && 'event' in s.goals[i]! ? (s.goals[i] as { event: string }).event : null;
  const eventGoals = stages.map((st) => goalEvent(st.index)).map((e, i) => (e === null ? null : sql`max(CASE WHEN event = ${e} THEN ts END) AS ${raw(`g${i}`)}`)).filter((x): x is Sql => x !== null);

  const perCustomer: Sql[] = [];
  for (const st of stages) {
    perCustomer.push(sql`min(CASE WHEN tp >= ${n(st.first)} AND tp < ${n(st.end)} THEN first_ts END) AS ${raw(`f${st.index}`)}`);
    perCustomer.push(st.index < S - 1 ? sql`min(CASE WHEN tp >= ${n(st.end)} THEN first_ts END) AS ${raw(`x${st.index}`)}` : sql`CAST(NULL AS TIMESTAMP) AS ${raw(`x${st.index}`)}`);
    const goal = s.goals[st.index];
    perCustomer.push(goal === null ? sql`CAST(NULL AS TIMESTAMP) AS ${raw(`gt${st.index}`)}`
      : 'touchpoint' in goal ? sql`max(CASE WHEN tp = ${n(goal.touchpoint)} THEN last_ts END) AS ${raw(`gt${st.index}`)}`
      : sql`max(${raw(`g${st.index}`)}) AS ${raw(`gt${st.index}`)}`);
  }
  // Ties on the last time go to the later touchpoint (deterministic).
  const lastKey = sql`${dialectFn((d) => d.epochMs(raw('last_ts')))} * ${n(K + 1)} + tp`;
  const pick = (col: string) => sql`CASE i ${join(stages.map((st) => sql`WHEN ${n(st.index)} THEN ${raw(`${col}${st.index}`)}`), ' ')} END`;
  const stageValues = join(stages.map((st) => sql`(${n(st.index)})`));

  return sql`WITH
  jm_src AS (
    SELECT customer_id, ts, channel, event, ${touchpointIndexSql(layout)} AS tp, ${friction} AS fr, type, name, properties, context
    FROM events
    WHERE workspace_id = ${s.workspaceId}${rangeFilter(raw('ts'), s.range)}${customers}
  ),
  jm_ev AS (
    SELECT customer_id, ts, channel, event, tp, fr,
      CASE WHEN fr IS NOT NULL AND tp IS NULL AND fr IN (${n(fr.slowPage)}, ${n(fr.error)}) THEN ${pageTouchpointIndexSql(layout)} END AS ptp
    FROM jm_src
  ),
  jm_ct AS (
    SELECT customer_id, tp, min(ts) AS first_ts, max(ts) AS last_ts, count(*) AS n,
      ${bitOrSql(sql`CASE WHEN tp IS NULL THEN 0 ELSE ${channelBitSql()} END`)} AS chans${eventGoals.length ? sql`, ${join(eventGoals)}` : sql``}
    FROM jm_ev GROUP BY customer_id, tp
  ),
  jm_cs AS (
    SELECT customer_id, sum(n) AS n_all, count(tp) AS n_tp,
      ${argMaxIfSql(raw('tp'), lastKey, raw('tp IS NOT NULL'))} AS last_tp,
      ${join(perCustomer)}
    FROM jm_ct GROUP BY customer_id
  ),
  jm_cst AS (
    SELECT customer_id, i, f, x, gt, last_tp FROM (
      SELECT customer_id, last_tp, i, ${pick('f')} AS f, ${pick('x')} AS x, ${pick('gt')} AS gt
      FROM jm_cs CROSS JOIN (VALUES ${stageValues}) AS st(i)
    ) q WHERE f IS NOT NULL AND (x IS NULL OR f <= x)
  ),
  jm_tp AS (
    SELECT ct.tp, ct.customer_id, ct.first_ts, ct.n, ct.chans, cst.x, cst.f IS NOT NULL AND (cst.x IS NULL OR ct.first_ts <= cst.x) AS in_stage
    FROM jm_ct ct LEFT JOIN jm_cst cst ON cst.customer_id = ct.customer_id AND cst.i = ${stageOfSql(layout, raw('ct.tp'))}
    WHERE ct.tp IS NOT NULL
  ),
  jm_fr AS (
    SELECT f.customer_id, f.fr, coalesce(f.tp, f.ptp, p.tp) AS tp
    FROM (SELECT customer_id, ts, fr, tp, ptp FROM jm_ev WHERE fr IS NOT NULL) f
    ASOF LEFT JOIN (SELECT customer_id, ts, tp FROM jm_ev WHERE tp IS NOT NULL) p
      ON f.customer_id = p.customer_id AND f.ts >= p.ts
  )
  SELECT 'S' AS kind, i AS k, NULL AS k2, count(*) AS a, count(x) AS b,
    count(CASE WHEN gt >= f THEN 1 END) AS c, NULL AS d, NULL AS e,
    ${quantileSql(sql`CASE WHEN x IS NOT NULL THEN ${secondsSql(raw('f'), raw('x'))} END`, 0.5)} AS m
  FROM jm_cst GROUP BY i
  UNION ALL
  SELECT 'T', tp, NULL, count(*), sum(n), count(CASE WHEN in_stage THEN 1 END), count(CASE WHEN in_stage AND x IS NOT NULL THEN 1 END),
    ${bitOrSql(raw('chans'))},
    ${quantileSql(sql`CASE WHEN in_stage AND x IS NOT NULL THEN ${secondsSql(raw('first_ts'), raw('x'))} END`, 0.5)}
  FROM jm_tp GROUP BY tp
  UNION ALL
  SELECT 'D', i, last_tp, count(*), NULL, NULL, NULL, NULL, NULL
  FROM jm_cst WHERE x IS NULL AND i < ${n(S - 1)} GROUP BY i, last_tp
  UNION ALL
  SELECT 'F', tp, fr, count(*), count(DISTINCT customer_id), NULL, NULL, NULL, NULL
  FROM jm_fr WHERE tp IS NOT NULL GROUP BY GROUPING SETS ((tp, fr), (tp))
  UNION ALL
  SELECT 'N', NULL, NULL, count(*), sum(n_all), count(CASE WHEN n_tp > 0 THEN 1 END), NULL, NULL, NULL
  FROM jm_cs`;
}
