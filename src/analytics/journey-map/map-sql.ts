import { CHANNELS } from '../../ingest/event.ts';
import { join, raw, sql, type Sql } from '../../storage/sql.ts';
import { bitOrSql, materializedCte, quantileSql } from '../common/dialect-sql.ts';
import { customerFilterSql } from '../common/persona-filter.ts';
import { rangeFilter, type TimeRange } from '../common/time-range.ts';
import {
  col, customerFirstsSql, customerStagesSql, customerTouchpointsSql, enteredSql, n, placedCtes, scanSql, touchpointFactsSql,
  type MapFacts,
} from './map-facts-sql.ts';

export { FRICTION_CODES } from './map-facts-sql.ts';

/**
 * The journey map in one statement: the per-customer facts (map-facts-sql.ts), then aggregates over
 * them. Three plans give the same rows:
 * - `journeyMapSql`: the facts as CTEs over one scan of the events in range (any range);
 * - `keptEventsMapSql`: the same CTEs over the journey's events as kept in storage (map-store.ts),
 *   narrow and already classified (any range);
 * - `storedMapSql`: the facts as kept in storage (map-store.ts), when the range holds every event.
 *
 * Rows come back long, `kind, k, k2, a … e, m` (see `MapRow`): `S` per stage, `T` per touchpoint,
 * `D` per (stage, last touchpoint) of customers who left, `F` per (touchpoint, friction code) and
 * per touchpoint (k2 NULL), one `N` with totals.
 */
export interface MapScope extends MapFacts {
  workspaceId: string;
  range: TimeRange;
  /** `SELECT customer_id …` restricting the customers (persona filter). */
  customers?: Sql;
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

export function channelsOfMask(mask: number): string[] {
  return CHANNELS.filter((_, i) => (mask & (2 ** i)) !== 0);
}

/**
 * The aggregates over `jm_cs`, `jm_tp` and `placed`. `frictionEvents` counts a `placed` group's
 * friction events; `events` is the total of events in scope.
 */
function branchesSql(f: MapFacts, frictionEvents: Sql, events: Sql): Sql {
  const { layout } = f;
  const S = layout.stages.length;
  const secs = (a: Sql, b: Sql) => sql`(${b} - ${a}) / 1000.0`;
  const branches: Sql[] = [];
  for (const st of layout.stages) {
    const i = st.index;
    const fi = col('f', i), x = col('x', i);
    const goal = f.goals[i] ? sql`count(CASE WHEN ${col('g', i)} >= ${fi} THEN 1 END)` : raw('0');
    branches.push(sql`SELECT 'S' AS kind, ${n(i)} AS k, CAST(NULL AS INTEGER) AS k2, count(*) AS a, count(${x}) AS b, ${goal} AS c,
      CAST(NULL AS BIGINT) AS d, CAST(NULL AS BIGINT) AS e, ${quantileSql(secs(fi, x), 0.5)} AS m
      FROM jm_cs WHERE ${enteredSql(fi, x)}`);
  }
  branches.push(sql`SELECT 'T', tp, NULL, count(*), sum(n), count(CASE WHEN in_stage THEN 1 END),
      count(CASE WHEN in_stage AND x IS NOT NULL THEN 1 END), ${bitOrSql(raw('chans'))},
      ${quantileSql(sql`CASE WHEN in_stage THEN ${secs(raw('t0'), raw('x'))} END`, 0.5)}
    FROM jm_tp GROUP BY tp`);
  // A customer who never moved on left from their highest stage (they entered it: nothing is later).
  branches.push(sql`SELECT 'D', top_stage, last_tp, count(*), NULL, NULL, NULL, NULL, NULL
    FROM jm_cs WHERE top_stage < ${n(S - 1)} GROUP BY top_stage, last_tp`);
  branches.push(sql`SELECT 'F', placed_tp, fr, ${frictionEvents}, count(DISTINCT c), NULL, NULL, NULL, NULL
    FROM placed WHERE placed_tp IS NOT NULL GROUP BY GROUPING SETS ((placed_tp, fr), (placed_tp))`);
  branches.push(sql`SELECT 'N', NULL, NULL, (SELECT count(top_stage) FROM jm_cs), (${events}), NULL, NULL, NULL, NULL`);
  return join(branches, '\n  UNION ALL\n  ');
}

/** The map over one scan of the events in range. */
export function journeyMapSql(s: MapScope): Sql {
  const scope = sql`workspace_id = ${s.workspaceId}${rangeFilter(raw('ts'), s.range)}${s.customers ? sql` AND customer_id IN (${s.customers})` : sql``}`;
  return mapOverEventsSql(s, scanSql(s, scope), raw('SELECT count(*) FROM jm_ev'));
}

/** The facts as CTEs over `events` (rows of `jm_ev`), then the aggregates; `total` counts the events in scope. */
function mapOverEventsSql(f: MapFacts, events: Sql, total: Sql, customers?: Sql): Sql {
  return sql`WITH ${customerFilterSql(customers).withCte}${materializedCte('jm_ev', events)},
  jm_ct AS (${customerTouchpointsSql(f)}),
  jm_cs AS (${customerStagesSql(f, customerFirstsSql(f))}),
  jm_tp AS (${touchpointFactsSql(f)}),
  ${placedCtes()}
  ${branchesSql(f, raw('count(*)'), total)}`;
}

/** Where `keptEventsMapSql` reads the events (map-store.ts, `storedEvents`). */
export interface StoredEvents {
  /** Rows of `jm_ev` in scope, at least those some step reads (touchpoint, goal or friction events). */
  events: Sql;
  /** The number of all events in scope. */
  total: Sql;
  /** The persona's customers (`SELECT customer_id …`), which `events` and `total` read as the CTE `in_customers`. */
  customers?: Sql;
}

/**
 * The map over the events kept for the journey version (any range): the steps of `journeyMapSql`
 * without classifying the events again. They read only touchpoint, goal and friction rows, so
 * the other events matter only to the total.
 */
export function keptEventsMapSql(f: MapFacts, src: StoredEvents): Sql {
  return mapOverEventsSql(f, src.events, src.total, src.customers);
}

/** Where `storedMapSql` reads the facts (map-store.ts). */
export interface StoredFacts {
  /** Rows `c, last_tp, f_i, g_i` (as `customerFirstsSql`). */
  firsts: Sql;
  /** Rows `c, tp, t0, n, chans, x, in_stage` (as `touchpointFactsSql`). */
  touchpoints: Sql;
  /** Rows `c, fr, placed_tp, w`: `w` friction events of the customer placed there. */
  placed: Sql;
  /** The number of events in scope. */
  events: Sql;
  /** The persona's customers (`SELECT customer_id …`), which the other parts read as the CTE `in_customers`. */
  customers?: Sql;
}

/** The map over stored facts: the same aggregates as `journeyMapSql`, without reading the events. */
export function storedMapSql(f: MapFacts, src: StoredFacts): Sql {
  return sql`WITH ${customerFilterSql(src.customers).withCte}jm_cs AS (${customerStagesSql(f, src.firsts)}),
  jm_tp AS (${src.touchpoints}),
  placed AS (${src.placed})
  ${branchesSql(f, raw('CAST(sum(w) AS BIGINT)'), src.events)}`;
}
