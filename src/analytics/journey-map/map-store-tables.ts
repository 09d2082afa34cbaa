import { createHash } from 'node:crypto';
import { MAX_STAGES, type Journey } from '../../journeys/definition.ts';
import { raw, type Sql } from '../../storage/sql.ts';
import type { Store } from '../../storage/store.ts';
import { col, type MapFacts } from './map-facts-sql.ts';

/**
 * Part of every key: bumped when what the facts mean changes, so that they are built again.
 * 4: friction among touchpoint events of the same millisecond is placed by touchpoint number (placement-sql.ts).
 */
const FACTS_VERSION = 4;

/** Per (workspace, journey key): the state (watermarks, event count, time span), the kept events and their facts. */
const TABLES = [
  `CREATE TABLE IF NOT EXISTS journey_map_state (
     workspace_id VARCHAR NOT NULL, journey_key VARCHAR NOT NULL, last_rowid BIGINT NOT NULL,
     last_merge_rowid BIGINT NOT NULL, events BIGINT NOT NULL, refreshed_at TIMESTAMP NOT NULL,
     first_ts TIMESTAMP, last_ts TIMESTAMP)`,
  // The journey's events, narrow (`jm_ev` of map-facts-sql.ts): touchpoint, goal and friction events
  // only, with their touchpoint, channel bit, goal and friction codes. A customer's facts are
  // recomputed from these rows, so new events are read once and the JSON never again.
  `CREATE TABLE IF NOT EXISTS journey_map_events (
     workspace_id VARCHAR NOT NULL, journey_key VARCHAR NOT NULL, c UBIGINT NOT NULL, t BIGINT NOT NULL,
     tp SMALLINT, ch SMALLINT, ge TINYINT, fr TINYINT, ptp SMALLINT)`,
  // One table for the three kinds of fact, so that one statement (one pass of the steps) writes them:
  // CUSTOMER rows `c, k2 = last_tp, f<i>, g<i>` (first time in stage i, goal time; columns, not lists:
  // reading two lists of a million rows was ~0.4 of the map's ~1 CPU-s);
  // TOUCHPOINT rows `c, k = tp, t0, n, chans, x, in_stage` (jm_tp);
  // FRICTION rows `c, k = placed_tp, k2 = friction code, n = friction events`.
  `CREATE TABLE IF NOT EXISTS journey_map_facts (
     workspace_id VARCHAR NOT NULL, journey_key VARCHAR NOT NULL, kind TINYINT NOT NULL, c UBIGINT NOT NULL,
     k SMALLINT, k2 SMALLINT, t0 BIGINT, n INTEGER, chans INTEGER, x BIGINT, in_stage BOOLEAN,
     ${Array.from({ length: MAX_STAGES }, (_, i) => `f${i} BIGINT, g${i} BIGINT`).join(', ')})`,
];
/** `journey_map_facts.kind`. */
export const KIND = { customer: 0, touchpoint: 1, friction: 2 } as const;
export const KEYED_TABLES = ['journey_map_events', 'journey_map_facts', 'journey_map_state'] as const;

/** What the map store runs its statements on: a transaction, or the store itself. */
export type Tx = Pick<Store, 'query' | 'exec'>;
/** Runs one statement (of a transaction, or on a reader). */
export type Run = (q: Sql) => Promise<Record<string, unknown>[]>;

/** Whether this store keeps map facts (it needs row ids: embedded DuckDB). */
export function keepsMapFacts(store: Store): boolean {
  return store.dialect.name === 'duckdb';
}

/** The facts' key for a journey definition: a hash of its stages (touchpoints, matchers, goals) and FACTS_VERSION. */
export function mapFactsKey(journey: Journey): string {
  return createHash('sha256').update(JSON.stringify({ v: FACTS_VERSION, stages: journey.stages })).digest('hex').slice(0, 32);
}

/** The per-stage columns of a CUSTOMER fact: `f<i>` per stage, `g<i>` per stage with a goal. */
export function stageColumns(f: MapFacts): Sql[] {
  const { stages } = f.layout;
  return [...stages.map((st) => col('f', st.index)), ...stages.filter((st) => f.goals[st.index]).map((st) => col('g', st.index))];
}

/**
 * Creates the tables; those of an older layout (facts as lists, or a state without the time span) are
 * dropped first: they are derived data.
 */
export async function createTables(tx: Tx): Promise<void> {
  const [old] = await tx.query(raw(`SELECT
      count(*) FILTER (WHERE table_name = 'journey_map_facts' AND column_name = 'f') AS lists,
      count(*) FILTER (WHERE table_name = 'journey_map_state') > 0 AND count(*) FILTER (WHERE table_name = 'journey_map_state' AND column_name = 'first_ts') = 0 AS no_span
    FROM information_schema.columns`));
  if (Number(old?.lists) > 0 || old?.no_span === true) for (const t of KEYED_TABLES) await tx.exec(raw(`DROP TABLE IF EXISTS ${t}`));
  for (const ddl of TABLES) await tx.exec(raw(ddl));
}
