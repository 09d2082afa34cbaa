import { CHANNELS } from '../../ingest/event.ts';
import { dialectFn, join, raw, sql, type Sql } from '../../storage/sql.ts';
import { argMaxSql, bitOrSql, customerKeySql } from '../common/dialect-sql.ts';
import { pageTouchpointIndexSql, stageOfSql, touchpointIndexSql, type JourneyLayout } from '../common/journey-layout.ts';
import {
  DEFAULT_SLOW_PAGE_MS, JS_ERROR, PAYMENT_FAILED, RETURN_EVENTS, lateDeliverySql, slowPageSql,
} from '../friction/friction-events.ts';
import { placementCtes } from '../friction/placement-sql.ts';

/**
 * The per-customer facts behind the journey map, as steps that each read the ones before by name.
 * Every fact of a customer follows from that customer's events alone, so the same steps serve both
 * plans (map-sql.ts): run as CTEs over the events in range, or run for some customers into the
 * stored facts (map-store.ts). The steps:
 *
 * 1. `jm_ev` (`scanSql`, narrow): events with customer key `c`, time `t` (epoch ms), touchpoint
 *    number `tp` (one CASE, `touchpointIndexSql`), channel bit `ch`, goal-event number `ge`, friction
 *    code `fr`; for `Page Load`/`Error` friction without a touchpoint, the page's touchpoint `ptp`.
 * 2. `jm_ct` — one row per (customer, touchpoint): first and last time, events, channels (a bit
 *    set); touchpoint NULL holds goal events that are no touchpoint.
 * 3. `jm_cs` — one row per customer: for each stage i the first time `f_i` in the stage, goal times
 *    `g_i`, the last touchpoint; then (`customerStagesSql`) `x_i`, the first time in any later stage
 *    (stages own consecutive touchpoint numbers, so a plain min/max aggregation does it), and the
 *    highest stage reached.
 * 4. A customer entered stage i ⇔ `f_i ≤ x_i` or no `x_i` (they reached it before any later stage);
 *    moved on ⇔ `x_i` exists; met touchpoint k of stage s in its stage ⇔ entered s and first time
 *    at k ≤ `x_s` (`jm_tp`: (customer, touchpoint) rows joined to their customer).
 * 5. Friction events are placed as the friction report places them (placement-sql.ts), the ASOF
 *    fallback reading touchpoint events from `jm_ev`, not from `events` again (`placed`).
 */
export interface MapFacts {
  layout: JourneyLayout;
  /** Per stage: the goal to test after entering it, if any. */
  goals: ({ touchpoint: number } | { event: string } | null)[];
}

/** Friction codes of `jm_ev.fr`. */
export const FRICTION_CODES = { slowPage: 1, error: 2, paymentFailure: 3, return: 4, lateDelivery: 5 } as const;

export const n = (v: number) => raw(String(v));
export const col = (name: string, i: number) => raw(`${name}${i}`);
const list = (xs: readonly string[]) => join(xs.map((x) => sql`${x}`));

/** The distinct goal events, numbered by position (`jm_ev.ge`). */
function goalEvents(f: MapFacts): string[] {
  return [...new Set(f.goals.flatMap((g) => (g && 'event' in g ? [g.event] : [])))];
}

/**
 * `jm_ev` over the events matching `where` (a condition on `events`). `relevantOnly` keeps only rows
 * some later step reads (touchpoint, goal or friction events); the map's event total counts all.
 */
export function scanSql(f: MapFacts, where: Sql, relevantOnly = false): Sql {
  const c = FRICTION_CODES;
  const ge = goalEvents(f);
  const friction = sql`CASE
      WHEN ${slowPageSql(DEFAULT_SLOW_PAGE_MS)} THEN ${n(c.slowPage)}
      WHEN event = ${JS_ERROR} THEN ${n(c.error)}
      WHEN event = ${PAYMENT_FAILED} THEN ${n(c.paymentFailure)}
      WHEN event IN (${list(RETURN_EVENTS)}) THEN ${n(c.return)}
      WHEN ${lateDeliverySql} THEN ${n(c.lateDelivery)} END`;
  // The channel as one bit (CHANNELS order), so a bitwise OR collects the channels used.
  const channel = sql`CASE channel ${join(CHANNELS.map((ch, i) => sql`WHEN ${raw(`'${ch}'`)} THEN ${n(2 ** i)}`), ' ')} END`;
  const goal = ge.length ? sql`CASE ${join(ge.map((e, j) => sql`WHEN event = ${e} THEN ${n(j)}`), ' ')} END` : raw('NULL');
  // Narrow types keep the materialised rows small (touchpoints < 1000, channel bits < 512, codes < 100).
  return sql`SELECT c, t, CAST(tp AS SMALLINT) AS tp, CAST(CASE WHEN tp IS NOT NULL THEN ${channel} END AS SMALLINT) AS ch,
      CAST(${goal} AS TINYINT) AS ge, CAST(fr AS TINYINT) AS fr,
      CAST(CASE WHEN tp IS NULL AND fr IN (${n(c.slowPage)}, ${n(c.error)}) THEN ${pageTouchpointIndexSql(f.layout)} END AS SMALLINT) AS ptp
    FROM (
      SELECT ${customerKeySql(raw('customer_id'))} AS c, ${dialectFn((d) => d.epochMs(raw('ts')))} AS t, ${touchpointIndexSql(f.layout)} AS tp,
        ${friction} AS fr, channel, event, type, name, device, source, properties, context
      FROM events WHERE ${where}
    ) jm_scan${relevantOnly ? sql` WHERE tp IS NOT NULL OR fr IS NOT NULL${ge.length ? raw(' OR ge IS NOT NULL') : raw('')}` : sql``}`;
}

/** `jm_ct` from `jm_ev`. */
export function customerTouchpointsSql(f: MapFacts): Sql {
  const ge = goalEvents(f);
  const cols: Sql[] = [sql`min(t) AS t0`, sql`max(t) AS t1`, sql`count(*) AS n`, sql`${bitOrSql(raw('CAST(ch AS INTEGER)'))} AS chans`];
  ge.forEach((_, j) => cols.push(sql`max(CASE WHEN ge = ${n(j)} THEN t END) AS ${col('ge', j)}`));
  return sql`SELECT c, tp, ${join(cols)}
    FROM jm_ev WHERE tp IS NOT NULL${ge.length ? raw(' OR ge IS NOT NULL') : raw('')}
    GROUP BY c, tp`;
}

/** Step 3's aggregation from `jm_ct`: `c, last_tp, f_i, g_i` (goal columns only for stages with a goal). */
export function customerFirstsSql(f: MapFacts): Sql {
  const { layout } = f;
  const K = layout.touchpoints.length;
  const ge = goalEvents(f);
  const cols: Sql[] = [sql`${argMaxSql(raw('tp'), sql`t1 * ${n(K + 1)} + CAST(tp AS BIGINT)`)} AS last_tp`];
  for (const st of layout.stages) {
    cols.push(sql`min(CASE WHEN tp >= ${n(st.first)} AND tp < ${n(st.end)} THEN t0 END) AS ${col('f', st.index)}`);
    const goal = f.goals[st.index];
    if (goal) {
      cols.push('touchpoint' in goal
        ? sql`max(CASE WHEN tp = ${n(goal.touchpoint)} THEN t1 END) AS ${col('g', st.index)}`
        : sql`max(${col('ge', ge.indexOf(goal.event))}) AS ${col('g', st.index)}`);
    }
  }
  return sql`SELECT c, ${join(cols, ',\n        ')} FROM jm_ct GROUP BY c`;
}

/** `jm_cs`: rows `c, last_tp, f_i, g_i` from `firsts`, with `x_i` and `top_stage` added. */
export function customerStagesSql(f: MapFacts, firsts: Sql): Sql {
  const { layout } = f;
  const S = layout.stages.length;
  // x_i = min over later stages of f_j, NULL-skipping and portable: NULLs count as +∞.
  const INF = raw('9223372036854775807');
  const later = layout.stages.map((st) => {
    if (st.index === S - 1) return sql`CAST(NULL AS BIGINT) AS ${col('x', st.index)}`;
    const fs = layout.stages.slice(st.index + 1).map((l) => sql`coalesce(${col('f', l.index)}, ${INF})`);
    return sql`nullif(${fs.length === 1 ? fs[0] : sql`least(${join(fs)})`}, ${INF}) AS ${col('x', st.index)}`;
  });
  const top = sql`(CASE ${join([...layout.stages].reverse().map((st) => sql`WHEN ${col('f', st.index)} IS NOT NULL THEN ${n(st.index)}`), ' ')} END) AS top_stage`;
  return sql`SELECT *, ${join(later)}, ${top} FROM (${firsts}) jm_c`;
}

export const enteredSql = (f: Sql, x: Sql) => sql`(${f} IS NOT NULL AND (${x} IS NULL OR ${f} <= ${x}))`;

/** `CASE <stage> WHEN 0 THEN <prefix>0 … END`: a per-stage column picked by a stage number. */
function byStage(layout: JourneyLayout, stage: Sql, prefix: string): Sql {
  return sql`(CASE ${stage} ${join(layout.stages.map((st) => sql`WHEN ${n(st.index)} THEN ${col(prefix, st.index)}`), ' ')} END)`;
}

/** `jm_tp` from `jm_ct` and `jm_cs`: `c, tp, t0, n, chans, x` (of its stage), `in_stage`. */
export function touchpointFactsSql(f: MapFacts): Sql {
  const { layout } = f;
  return sql`SELECT c, tp, t0, n, chans, x, ${enteredSql(raw('f'), raw('x'))} AND (x IS NULL OR t0 <= x) AS in_stage
    FROM (
      SELECT ct.c, ct.tp, ct.t0, ct.n, ct.chans, ${byStage(layout, raw('ct.st'), 'cs.f')} AS f, ${byStage(layout, raw('ct.st'), 'cs.x')} AS x
      FROM (SELECT *, ${stageOfSql(layout, raw('tp'))} AS st FROM jm_ct WHERE tp IS NOT NULL) ct JOIN jm_cs cs ON cs.c = ct.c
    ) j`;
}

/** CTEs `jm_fr`, then `pl_need`, `pl_tp`, `placed` (`c, fr, placed_tp`, …: one row per friction event) from `jm_ev`. */
export function placedCtes(): Sql {
  return sql`jm_fr AS (SELECT c, t AS src_t, fr, tp, ptp FROM jm_ev WHERE fr IS NOT NULL),${placementCtes('jm_fr', 'c',
    sql`SELECT c, t, tp FROM jm_ev WHERE tp IS NOT NULL AND c IN (SELECT c FROM pl_need)`)}`;
}
