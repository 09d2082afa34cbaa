import { join, raw, sql, type Sql } from '../../storage/sql.ts';
import { customerKeySql } from '../common/dialect-sql.ts';
import { customerFilterSql } from '../common/persona-filter.ts';
import { rangeFilter, type TimeRange } from '../common/time-range.ts';
import { n, type MapFacts } from './map-facts-sql.ts';
import type { StoredEvents, StoredFacts } from './map-sql.ts';
import { KIND, stageColumns } from './map-store-tables.ts';

/**
 * ` AND c IN (…)`: the stored rows of the customers in `customers` (persona), or nothing. Every part
 * reads the set from the CTE `in_customers` that the map's statement computes once (map-sql.ts): as a
 * subquery per part, the persona's aggregate over every event ran once per part (up to four times).
 */
function personaSql(customers?: Sql): Sql {
  return customers ? sql` AND c IN (SELECT ${customerKeySql(raw('customer_id'))} FROM in_customers)` : sql``;
}

/**
 * The number of the workspace's events up to `watermark` that pass `filter`, or NULL when the facts of
 * `key` are no longer at that watermark (dropped, or folded further meanwhile): the caller then scans.
 * `watermark` is a constant, so the count skips row groups above it.
 */
function eventsUpTo(workspaceId: string, key: string, watermark: number, filter: Sql): Sql {
  return sql`SELECT CASE WHEN EXISTS (SELECT 1 FROM journey_map_state s
      WHERE s.workspace_id = ${workspaceId} AND s.journey_key = ${key} AND s.last_rowid = ${watermark})
    THEN (SELECT count(*) FROM events e WHERE e.workspace_id = ${workspaceId} AND e.rowid <= ${watermark}${filter}) END`;
}

/**
 * Where `storedMapSql` reads the facts of `key`, for the customers in `customers` (persona) or all.
 * The event total comes from the state row, or for a persona from a count of its events up to
 * `watermark` (from `refreshMapFacts`, bound as a constant, as in `storedEvents`): NULL when the facts
 * are gone (evicted meanwhile) or moved on, which the caller takes as "use the scan plan".
 */
export function storedFacts(f: MapFacts, workspaceId: string, key: string, watermark: number, customers?: Sql): StoredFacts {
  const scope = (kind: number) => sql`workspace_id = ${workspaceId} AND journey_key = ${key} AND kind = ${n(kind)}${personaSql(customers)}`;
  const firsts = stageColumns(f);
  const state = sql`FROM journey_map_state s WHERE s.workspace_id = ${workspaceId} AND s.journey_key = ${key}`;
  return {
    firsts: sql`SELECT c, k2 AS last_tp, ${join(firsts)} FROM journey_map_facts WHERE ${scope(KIND.customer)}`,
    touchpoints: sql`SELECT c, k AS tp, t0, n, chans, x, in_stage FROM journey_map_facts WHERE ${scope(KIND.touchpoint)}`,
    placed: sql`SELECT c, k2 AS fr, k AS placed_tp, n AS w FROM journey_map_facts WHERE ${scope(KIND.friction)}`,
    events: customers ? eventsUpTo(workspaceId, key, watermark, customerFilterSql(customers).where) : sql`SELECT s.events ${state}`,
    customers,
  };
}

/**
 * Where `keptEventsMapSql` reads the events of `key` in `range` (for the customers in `customers`, or
 * all): the kept touchpoint, goal and friction events, and the count of all events in scope up to
 * `watermark` (from `refreshMapFacts`; a constant, so the count skips row groups above it). The count
 * is NULL when the facts are no longer at that watermark (dropped, or folded further meanwhile), as
 * for `storedFacts`: the caller then scans. Kept times are epoch ms, `ts`
 * truncated (its floor from 1970 on), so `t >= from` and `t < to` hold exactly when they hold for `ts`,
 * the bounds being whole ms (before 1970 an event's sub-millisecond part could differ at a bound).
 */
export function storedEvents(workspaceId: string, key: string, watermark: number, range: TimeRange, customers?: Sql): StoredEvents {
  const persona = personaSql(customers);
  const t = sql`${range.from ? sql` AND t >= ${range.from.getTime()}` : sql``}${range.to ? sql` AND t < ${range.to.getTime()}` : sql``}`;
  return {
    events: sql`SELECT c, t, tp, ch, ge, fr, ptp FROM journey_map_events
      WHERE workspace_id = ${workspaceId} AND journey_key = ${key}${t}${persona}`,
    total: eventsUpTo(workspaceId, key, watermark, sql`${rangeFilter(raw('e.ts'), range)}${customerFilterSql(customers).where}`),
    customers,
  };
}
