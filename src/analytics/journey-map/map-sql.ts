import { CHANNELS } from '../../ingest/event.ts';
import { dialectFn, join, raw, sql, type Sql } from '../../storage/sql.ts';
import { argMaxSql, bitOrSql, customerKeySql, materializedCte, quantileSql } from '../common/dialect-sql.ts';
import { pageTouchpointIndexSql, stageOfSql, touchpointIndexSql, type JourneyLayout } from '../common/journey-layout.ts';
import { rangeFilter, type TimeRange } from '../common/time-range.ts';
import {
  DEFAULT_SLOW_PAGE_MS, JS_ERROR, PAYMENT_FAILED, RETURN_EVENTS, lateDeliverySql, slowPageSql,
} from '../friction/friction-events.ts';
import { placementCtes } from '../friction/placement-sql.ts';

/**
 * The journey map in one statement over one scan of the events in range:
 *
 * 1. `jm_ev` (materialised, narrow): every event with its customer key, time (epoch ms), touchpoint
 *    number (one CASE, `touchpointIndexSql`), channel number, goal-event number and friction code;
 *    for `Page Load`/`Error` friction without a touchpoint, the page's touchpoint.
 * 2. `jm_ct` — one row per (customer, touchpoint): first and last time, events, channels (a bit
 *    set); touchpoint NULL holds goal events that are no touchpoint.
 * 3. `jm_cs` — one row per customer: for each stage i the first time `f_i` in the stage and `x_i`,
 *    the first time in any later stage (stages own consecutive touchpoint numbers, so a plain
 *    min/max aggregation does it: no per-customer sort), the last touchpoint, goal times.
 * 4. A customer entered stage i ⇔ `f_i ≤ x_i` or no `x_i` (they reached it before any later
 *    stage); moved on ⇔ `x_i` exists; met touchpoint k of stage s in its stage ⇔ entered s and
 *    first time at k ≤ `x_s` (`jm_tp`: (customer, touchpoint) rows joined to their customer).
 * 5. Friction events are placed as the friction report places them (placement-sql.ts), the ASOF
 *    fallback reading touchpoint events from `jm_ev`, not from `events` again.
 *
 * Rows come back long, `kind, k, k2, a … e, m` (see `MapRow`): `S` per stage, `T` per touchpoint,
 * `D` per (stage, last touchpoint) of customers who left, `F` per (touchpoint, friction code) and
 * per touchpoint (k2 NULL), one `N` with totals.
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
const col = (name: string, i: number) => raw(`${name}${i}`);
const list = (xs: readonly string[]) => join(xs.map((x) => sql`${x}`));

export function channelsOfMask(mask: number): string[] {
  return CHANNELS.filter((_, i) => (mask & (2 ** i)) !== 0);
}

/** `CASE <stage> WHEN 0 THEN <prefix>0 … END`: a per-stage column picked by a stage number. */
function byStage(layout: JourneyLayout, stage: Sql, prefix: string): Sql {
  return sql`(CASE ${stage} ${join(layout.stages.map((st) => sql`WHEN ${n(st.index)} THEN ${col(prefix, st.index)}`), ' ')} END)`;
}

function scanSql(s: MapScope, goalEvents: string[]): Sql {
  const c = FRICTION_CODES;
  const scope = sql`workspace_id = ${s.workspaceId}${rangeFilter(raw('ts'), s.range)}${s.customers ? sql` AND customer_id IN (${s.customers})` : sql``}`;
  const friction = sql`CASE
      WHEN ${slowPageSql(DEFAULT_SLOW_PAGE_MS)} THEN ${n(c.slowPage)}
      WHEN event = ${JS_ERROR} THEN ${n(c.error)}
      WHEN event = ${PAYMENT_FAILED} THEN ${n(c.paymentFailure)}
      WHEN event IN (${list(RETURN_EVENTS)}) THEN ${n(c.return)}
      WHEN ${lateDeliverySql} THEN ${n(c.lateDelivery)} END`;
  // The channel as one bit (CHANNELS order), so a bitwise OR collects the channels used.
  const channel = sql`CASE channel ${join(CHANNELS.map((ch, i) => sql`WHEN ${raw(`'${ch}'`)} THEN ${n(2 ** i)}`), ' ')} END`;
  const goal = goalEvents.length ? sql`CASE ${join(goalEvents.map((e, j) => sql`WHEN event = ${e} THEN ${n(j)}`), ' ')} END` : raw('NULL');
  // Narrow types keep the materialised rows small (touchpoints < 1000, channel bits < 512, codes < 100).
  return sql`SELECT c, t, CAST(tp AS SMALLINT) AS tp, CAST(CASE WHEN tp IS NOT NULL THEN ${channel} END AS SMALLINT) AS ch,
      CAST(${goal} AS TINYINT) AS ge, CAST(fr AS TINYINT) AS fr,
      CAST(CASE WHEN tp IS NULL AND fr IN (${n(c.slowPage)}, ${n(c.error)}) THEN ${pageTouchpointIndexSql(s.layout)} END AS SMALLINT) AS ptp
    FROM (
      SELECT ${customerKeySql(raw('customer_id'))} AS c, ${dialectFn((d) => d.epochMs(raw('ts')))} AS t, ${touchpointIndexSql(s.layout)} AS tp,
        ${friction} AS fr, channel, event, type, name, device, source, properties, context
      FROM events WHERE ${scope}
    ) jm_scan`;
}

export function journeyMapSql(s: MapScope): Sql {
  const { layout } = s;
  const S = layout.stages.length;
  const K = layout.touchpoints.length;
  const goalEvents = [...new Set(s.goals.flatMap((g) => (g && 'event' in g ? [g.event] : [])))];

  const perTouchpoint: Sql[] = [sql`min(t) AS t0`, sql`max(t) AS t1`, sql`count(*) AS n`,
    sql`${bitOrSql(raw('CAST(ch AS INTEGER)'))} AS chans`];
  goalEvents.forEach((_, j) => perTouchpoint.push(sql`max(CASE WHEN ge = ${n(j)} THEN t END) AS ${col('ge', j)}`));

  const perCustomer: Sql[] = [sql`${argMaxSql(raw('tp'), sql`t1 * ${n(K + 1)} + CAST(tp AS BIGINT)`)} AS last_tp`];
  for (const st of layout.stages) {
    perCustomer.push(sql`min(CASE WHEN tp >= ${n(st.first)} AND tp < ${n(st.end)} THEN t0 END) AS ${col('f', st.index)}`);
    const goal = s.goals[st.index];
    if (goal) {
      perCustomer.push('touchpoint' in goal
        ? sql`max(CASE WHEN tp = ${n(goal.touchpoint)} THEN t1 END) AS ${col('g', st.index)}`
        : sql`max(${col('ge', goalEvents.indexOf(goal.event))}) AS ${col('g', st.index)}`);
    }
  }
  // x_i = min over later stages of f_j, NULL-skipping and portable: NULLs count as +∞.
  const INF = raw('9223372036854775807');
  const later = layout.stages.map((st) => {
    if (st.index === S - 1) return sql`CAST(NULL AS BIGINT) AS ${col('x', st.index)}`;
    const fs = layout.stages.slice(st.index + 1).map((l) => sql`coalesce(${col('f', l.index)}, ${INF})`);
    return sql`nullif(${fs.length === 1 ? fs[0] : sql`least(${join(fs)})`}, ${INF}) AS ${col('x', st.index)}`;
  });
  const top = sql`(CASE ${join([...layout.stages].reverse().map((st) => sql`WHEN ${col('f', st.index)} IS NOT NULL THEN ${n(st.index)}`), ' ')} END) AS top_stage`;

  const entered = (f: Sql, x: Sql) => sql`(${f} IS NOT NULL AND (${x} IS NULL OR ${f} <= ${x}))`;
  const secs = (a: Sql, b: Sql) => sql`(${b} - ${a}) / 1000.0`;
  const branches: Sql[] = [];
  for (const st of layout.stages) {
    const i = st.index;
    const f = col('f', i), x = col('x', i);
    const goal = s.goals[i] ? sql`count(CASE WHEN ${col('g', i)} >= ${f} THEN 1 END)` : raw('0');
    branches.push(sql`SELECT 'S' AS kind, ${n(i)} AS k, CAST(NULL AS INTEGER) AS k2, count(*) AS a, count(${x}) AS b, ${goal} AS c,
      CAST(NULL AS BIGINT) AS d, CAST(NULL AS BIGINT) AS e, ${quantileSql(secs(f, x), 0.5)} AS m
      FROM jm_cs WHERE ${entered(f, x)}`);
  }
  branches.push(sql`SELECT 'T', tp, NULL, count(*), sum(n), count(CASE WHEN in_stage THEN 1 END),
      count(CASE WHEN in_stage AND x IS NOT NULL THEN 1 END), ${bitOrSql(raw('chans'))},
      ${quantileSql(sql`CASE WHEN in_stage THEN ${secs(raw('t0'), raw('x'))} END`, 0.5)}
    FROM jm_tp GROUP BY tp`);
  // A customer who never moved on left from their highest stage (they entered it: nothing is later).
  branches.push(sql`SELECT 'D', top_stage, last_tp, count(*), NULL, NULL, NULL, NULL, NULL
    FROM jm_cs WHERE top_stage < ${n(S - 1)} GROUP BY top_stage, last_tp`);
  branches.push(sql`SELECT 'F', placed_tp, fr, count(*), count(DISTINCT c), NULL, NULL, NULL, NULL
    FROM placed WHERE placed_tp IS NOT NULL GROUP BY GROUPING SETS ((placed_tp, fr), (placed_tp))`);
  branches.push(sql`SELECT 'N', NULL, NULL, (SELECT count(top_stage) FROM jm_cs), count(*), NULL, NULL, NULL, NULL FROM jm_ev`);

  return sql`WITH ${materializedCte('jm_ev', scanSql(s, goalEvents))},
  jm_ct AS (
    SELECT c, tp, ${join(perTouchpoint)}
    FROM jm_ev WHERE tp IS NOT NULL${goalEvents.length ? raw(' OR ge IS NOT NULL') : raw('')}
    GROUP BY c, tp
  ),
  jm_cs AS (
    SELECT *, ${join(later)}, ${top} FROM (
      SELECT c, ${join(perCustomer, ',\n        ')}
      FROM jm_ct GROUP BY c
    ) jm_c
  ),
  jm_tp AS (
    SELECT tp, t0, n, chans, x, ${entered(raw('f'), raw('x'))} AND (x IS NULL OR t0 <= x) AS in_stage
    FROM (
      SELECT ct.tp, ct.t0, ct.n, ct.chans, ${byStage(layout, raw('ct.st'), 'cs.f')} AS f, ${byStage(layout, raw('ct.st'), 'cs.x')} AS x
      FROM (SELECT *, ${stageOfSql(layout, raw('tp'))} AS st FROM jm_ct WHERE tp IS NOT NULL) ct JOIN jm_cs cs ON cs.c = ct.c
    ) j
  ),
  jm_fr AS (SELECT c, t AS src_t, fr, tp, ptp FROM jm_ev WHERE fr IS NOT NULL),${placementCtes('jm_fr', 'c',
    sql`SELECT c, t, tp FROM jm_ev WHERE tp IS NOT NULL AND c IN (SELECT c FROM pl_need)`)}
  ${join(branches, '\n  UNION ALL\n  ')}`;
}
