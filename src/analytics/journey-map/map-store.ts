import { createHash } from 'node:crypto';
import { MAX_STAGES, type Journey } from '../../journeys/definition.ts';
import { join, raw, sql, type Sql } from '../../storage/sql.ts';
import { Mutex } from '../../storage/duckdb/mutex.ts';
import type { Store } from '../../storage/store.ts';
import { rangeFilter, type TimeRange } from '../common/time-range.ts';
import { customerKeySql, materializedCte } from '../common/dialect-sql.ts';
import {
  col, n, customerFirstsSql, customerStagesSql, customerTouchpointsSql, placedCtes, scanSql, touchpointFactsSql, type MapFacts,
} from './map-facts-sql.ts';
import type { StoredEvents, StoredFacts } from './map-sql.ts';

/**
 * The journey map's per-customer facts (map-facts-sql.ts) kept per journey version, so that a map
 * over all of a workspace's events aggregates ~1 M small rows instead of running every touchpoint
 * matcher over every event (BENCHMARKS.md, "Funnel": the CASE, the JSON and the 10 M-row
 * aggregations were ~6 of the map's ~8 CPU-seconds).
 *
 * Two tables per key: `journey_map_events`, the journey's events, narrow (`jm_ev`: touchpoint, goal
 * and friction events with their codes), and `journey_map_facts`, computed from them. A customer's
 * facts follow from that customer's events alone. So the first map of a journey version builds both
 * from every event; each later map first folds in what changed since the watermark: events appended
 * after `last_rowid` (events are never deleted and an UPDATE keeps row ids, as for the customer
 * sequences) are classified once and appended, customers merged after `last_merge_rowid` get their
 * stored events moved, and the facts of just the customers concerned are recomputed from all their
 * stored events. Late events (older timestamps) and merges are therefore exact, and every map sees
 * every event committed before it started.
 *
 * The key is a hash of the stages (touchpoints, matchers, goals) and FACTS_VERSION: a new journey
 * version with other stages gets other facts; the same definition (a template, or an unchanged
 * version) shares them. At most KEEP_KEYS keys per workspace are kept (least recently refreshed go).
 *
 * A map over a time range that leaves events out reads the kept events in range (`storedEvents`)
 * instead of classifying every event again: the same rows the scan plan's `jm_ev` would give, less
 * the ones no step reads.
 *
 * Embedded DuckDB only (row ids); other stores use the scan plan. Every change runs in one
 * transaction, so a crash leaves the previous facts and watermark. That transaction runs on the
 * store's side connection (Store.sideTransaction), not behind its write lock: a first build takes
 * 10–25 s on 10 M events, and ingest commits go on meanwhile. Ingest never writes these tables, so
 * the two never conflict; the fold reads the events as committed when it started (its watermark is
 * that snapshot's highest row id, so later events are the next map's tail). Map-store work of one
 * store is serialised (`lock`): two maps arriving together build once, the second finds it done.
 */
const FACTS_VERSION = 3;
const KEEP_KEYS = 4;
/** New events above this share of the workspace's events (and above REBUILD_MIN) are folded in by rebuilding all facts. */
const REBUILD_SHARE = 0.25;
const REBUILD_MIN = 50_000;

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
const KIND = { customer: 0, touchpoint: 1, friction: 2 } as const;
const KEYED_TABLES = ['journey_map_events', 'journey_map_facts', 'journey_map_state'] as const;

type Run = (q: Sql) => Promise<Record<string, unknown>[]>;

/** Whether this store keeps map facts. */
export function keepsMapFacts(store: Store): boolean {
  return store.dialect.name === 'duckdb';
}

/** The facts' key for a journey definition. */
export function mapFactsKey(journey: Journey): string {
  return createHash('sha256').update(JSON.stringify({ v: FACTS_VERSION, stages: journey.stages })).digest('hex').slice(0, 32);
}

const created = new WeakSet<Store>();
const locks = new WeakMap<Store, Mutex>();

/** Runs `fn` alone among the map-store work of `store`, in a transaction off the write lock when the store has one. */
function write<T>(store: Store, fn: (tx: Pick<Store, 'query' | 'exec'>) => Promise<T>): Promise<T> {
  let lock = locks.get(store);
  if (!lock) locks.set(store, lock = new Mutex());
  return lock.run(() => (store.sideTransaction ? store.sideTransaction(fn) : store.transaction(fn)));
}

/** The events that stored facts include: the workspace's events up to a row id. */
export interface MapFactsExtent {
  /** The highest row id of `events` included. */
  watermark: number;
  /** The earliest and latest `ts` of those events; null when there are none. */
  firstTs: Date | null;
  lastTs: Date | null;
}

/**
 * Brings the facts of `key` up to date with the events committed now; builds them on first use.
 * Resolves to the events they include.
 */
export async function refreshMapFacts(store: Store, workspaceId: string, f: MapFacts, key: string): Promise<MapFactsExtent> {
  if (!created.has(store)) {
    await write(store, createTables);
    created.add(store);
  }
  // Checked on a reader first, so that maps of an unchanged key never queue behind another's build.
  const seen = await changes((q) => store.query(q), workspaceId, key);
  if ('upToDate' in seen) return seen.upToDate;
  return write(store, async (tx) => {
    const run: Run = (q) => tx.query(q);
    const ch = await changes(run, workspaceId, key);
    if ('upToDate' in ch) return ch.upToDate;
    const scope = (c: string) => sql`workspace_id = ${workspaceId} AND journey_key = ${key}${raw(c)}`;
    const ids = sql`${workspaceId}, ${key}`;
    if (ch.rebuild) {
      for (const t of ['journey_map_events', 'journey_map_facts']) await run(sql`DELETE FROM ${raw(t)} WHERE ${scope('')}`);
      await run(sql`INSERT INTO journey_map_events SELECT ${ids}, * FROM (${scanSql(f, sql`workspace_id = ${workspaceId}`, true)}) e`);
      await build(run, workspaceId, f, key, sql``);
    } else {
      // Merged customers first: their stored events move to the customer they ended in (a chain
      // a → b → c within the tail moves a's to c), as `commitIngest` moved the rows of `events`.
      const merges = await run(sql`SELECT from_customer AS a, to_customer AS b FROM customer_merges
        WHERE workspace_id = ${workspaceId} AND rowid > ${ch.lastMergeRowid} ORDER BY rowid`);
      // `into`: stored customer id → the id its rows carry now. A merge moves the rows labelled `a`
      // at that moment: those moved there earlier, and a's own unless they had already moved away.
      const into = new Map<string, string>();
      for (const { a, b } of merges as { a: string; b: string }[]) {
        for (const [k, v] of into) if (v === a) into.set(k, b);
        if (!into.has(a)) into.set(a, b);
      }
      const moved = [...into].filter(([a, b]) => a !== b);
      const h = (ids: string[]) => sql`${customerKeySql(sql`unnest(${ids})`)}`;
      if (moved.length > 0) {
        await run(sql`UPDATE journey_map_events SET c = m.to_c
          FROM (SELECT ${h(moved.map(([a]) => a))} AS from_c, ${h(moved.map(([, b]) => b))} AS to_c) m
          WHERE ${scope(' AND journey_map_events.c = m.from_c')}`);
      }
      await run(sql`CREATE OR REPLACE TEMP TABLE jm_new AS ${scanSql(f, sql`workspace_id = ${workspaceId} AND rowid > ${ch.lastRowid}`, true)}`);
      await run(sql`INSERT INTO journey_map_events SELECT ${ids}, * FROM jm_new`);
      const involved = [...new Set(merges.flatMap((m) => [String(m.a), String(m.b)]))];
      await run(sql`CREATE OR REPLACE TEMP TABLE jm_touched AS SELECT DISTINCT c AS h FROM jm_new${involved.length > 0
        ? sql` UNION SELECT ${h(involved)} AS h` : sql``}`);
      await run(sql`DELETE FROM journey_map_facts WHERE ${scope(' AND c IN (SELECT h FROM jm_touched)')}`);
      await build(run, workspaceId, f, key, sql` AND c IN (SELECT h FROM jm_touched)`);
      for (const t of ['jm_new', 'jm_touched']) await run(raw(`DROP TABLE ${t}`));
    }
    await run(sql`DELETE FROM journey_map_state WHERE ${scope('')}`);
    // The time span grows by the new events' (a rebuild reads them all): ranged maps compare it with
    // their range instead of asking the events for their first and last time.
    const [span] = await run(sql`INSERT INTO journey_map_state
      SELECT ${ids}, ${ch.hi}, ${ch.mergeHi}, ${ch.events}, now(), least(min(ts), ${ch.rebuild ? null : ch.firstTs}), greatest(max(ts), ${ch.rebuild ? null : ch.lastTs})
      FROM events WHERE workspace_id = ${workspaceId} AND rowid > ${ch.rebuild ? -1 : ch.lastRowid}
      RETURNING first_ts, last_ts`);
    if (ch.rebuild) await evict(run, workspaceId);
    return { watermark: ch.hi, firstTs: (span.first_ts as Date | null) ?? null, lastTs: (span.last_ts as Date | null) ?? null };
  });
}

interface Changes {
  rebuild: boolean;
  lastRowid: number;
  lastMergeRowid: number;
  /** The time span of the events folded in so far (null: none, or no facts yet). */
  firstTs: Date | null;
  lastTs: Date | null;
  /** The watermarks and event count once folded in. */
  hi: number;
  mergeHi: number;
  events: number;
}

/** What to fold in, or the watermark when the facts are up to date. */
async function changes(run: Run, workspaceId: string, key: string): Promise<Changes | { upToDate: MapFactsExtent }> {
  const [st] = await run(sql`SELECT last_rowid, last_merge_rowid, events, first_ts, last_ts FROM journey_map_state WHERE workspace_id = ${workspaceId} AND journey_key = ${key}`);
  const lastRowid = st ? Number(st.last_rowid) : -1;
  const lastMergeRowid = st ? Number(st.last_merge_rowid) : -1;
  const firstTs = (st?.first_ts as Date | null | undefined) ?? null;
  const lastTs = (st?.last_ts as Date | null | undefined) ?? null;
  // Constant bounds, so the tail counts skip the row groups below the watermark.
  const [r] = await run(sql`SELECT
      (SELECT count(*) FROM events WHERE workspace_id = ${workspaceId} AND rowid > ${lastRowid}) AS tail,
      (SELECT count(*) FROM events WHERE workspace_id = ${workspaceId} AND rowid <= ${lastRowid}) AS kept,
      (SELECT count(*) FROM customer_merges WHERE workspace_id = ${workspaceId} AND rowid > ${lastMergeRowid}) AS merges,
      (SELECT coalesce(max(rowid), -1) FROM events) AS hi,
      (SELECT coalesce(max(rowid), -1) FROM customer_merges) AS merge_hi`);
  const tail = Number(r.tail), kept = Number(r.kept);
  // Events are never deleted; if some were (a test, a manual clean-up), the facts are rebuilt.
  const intact = st !== undefined && kept === Number(st.events);
  if (intact && tail === 0 && Number(r.merges) === 0) return { upToDate: { watermark: lastRowid, firstTs, lastTs } };
  return {
    rebuild: !intact || (tail > REBUILD_MIN && tail > REBUILD_SHARE * (kept + tail)),
    lastRowid, lastMergeRowid, firstTs, lastTs, hi: Number(r.hi), mergeHi: Number(r.merge_hi), events: kept + tail,
  };
}

/**
 * Computes the facts of the customers of the stored events (those matching `customers`, a condition
 * on `c`) and appends them, in one statement: the steps as CTEs, as the scan plan runs them (as
 * temporary tables, each step written out, the same work took 2–3× the CPU).
 */
async function build(run: Run, workspaceId: string, f: MapFacts, key: string, customers: Sql): Promise<void> {
  // Rows written in this transaction have no statistics yet: DuckDB then estimates ~1 row and plans
  // the placement's ASOF join as a nested loop (asof_loop_join_threshold, default 64), which took
  // minutes on 10 M events. The setting is instance-wide, so it is put back right after.
  await run(raw('SET asof_loop_join_threshold = 0'));
  try {
    await insertFacts(run, workspaceId, f, key, customers);
  } finally {
    await run(raw('RESET asof_loop_join_threshold'));
  }
}

/** The per-stage columns of a CUSTOMER fact: `f<i>` per stage, `g<i>` per stage with a goal. */
function stageColumns(f: MapFacts): Sql[] {
  const { stages } = f.layout;
  return [...stages.map((st) => col('f', st.index)), ...stages.filter((st) => f.goals[st.index]).map((st) => col('g', st.index))];
}

/** ` AND c IN (…)`: the stored rows of the customers in `customers` (persona), or nothing. */
function personaSql(customers?: Sql): Sql {
  return customers ? sql` AND c IN (SELECT ${customerKeySql(raw('customer_id'))} FROM (${customers}) pc_ids)` : sql``;
}

async function insertFacts(run: Run, workspaceId: string, f: MapFacts, key: string, customers: Sql): Promise<void> {
  const ids = sql`${workspaceId}, ${key}`;
  const perStage = stageColumns(f);
  const none = (k: number) => raw(Array(k).fill('NULL').join(', '));
  await run(sql`INSERT INTO journey_map_facts (workspace_id, journey_key, kind, c, k, k2, t0, n, chans, x, in_stage, ${join(perStage)})
    WITH ${materializedCte('jm_ev', sql`SELECT c, t, tp, ch, ge, fr, ptp FROM journey_map_events
      WHERE workspace_id = ${workspaceId} AND journey_key = ${key}${customers}`)},
    jm_ct AS (${customerTouchpointsSql(f)}),
    jm_cs AS (${customerStagesSql(f, customerFirstsSql(f))}),
    jm_tp AS (${touchpointFactsSql(f)}),
    ${placedCtes()}
    SELECT ${ids}, ${n(KIND.customer)}, c, NULL, last_tp, ${none(5)}, ${join(perStage)} FROM jm_cs
    UNION ALL
    SELECT ${ids}, ${n(KIND.touchpoint)}, c, tp, NULL, t0, n, chans, x, in_stage, ${none(perStage.length)} FROM jm_tp
    UNION ALL
    SELECT ${ids}, ${n(KIND.friction)}, c, placed_tp, fr, NULL, count(*), NULL, NULL, NULL, ${none(perStage.length)}
    FROM placed WHERE placed_tp IS NOT NULL GROUP BY c, placed_tp, fr`);
}

/**
 * Creates the tables; those of an older layout (facts as lists, or a state without the time span) are
 * dropped first: they are derived data.
 */
async function createTables(tx: Pick<Store, 'query' | 'exec'>): Promise<void> {
  const [old] = await tx.query(raw(`SELECT
      count(*) FILTER (WHERE table_name = 'journey_map_facts' AND column_name = 'f') AS lists,
      count(*) FILTER (WHERE table_name = 'journey_map_state') > 0 AND count(*) FILTER (WHERE table_name = 'journey_map_state' AND column_name = 'first_ts') = 0 AS no_span
    FROM information_schema.columns`));
  if (Number(old?.lists) > 0 || old?.no_span === true) for (const t of KEYED_TABLES) await tx.exec(raw(`DROP TABLE IF EXISTS ${t}`));
  for (const ddl of TABLES) await tx.exec(raw(ddl));
}

/** Drops every stored map fact of the workspace (the next map builds them again): for benchmarks. */
export async function forgetMapFacts(store: Store, workspaceId: string): Promise<void> {
  await write(store, async (tx) => {
    await createTables(tx);
    for (const t of KEYED_TABLES) await tx.exec(sql`DELETE FROM ${raw(t)} WHERE workspace_id = ${workspaceId}`);
  });
  created.add(store);
}

/** Drops the facts of the workspace's keys beyond the KEEP_KEYS most recently refreshed. */
async function evict(run: Run, workspaceId: string): Promise<void> {
  const old = await run(sql`SELECT journey_key FROM journey_map_state WHERE workspace_id = ${workspaceId}
    ORDER BY refreshed_at DESC, journey_key OFFSET ${KEEP_KEYS}`);
  for (const { journey_key: k } of old) {
    for (const t of KEYED_TABLES) await run(sql`DELETE FROM ${raw(t)} WHERE workspace_id = ${workspaceId} AND journey_key = ${String(k)}`);
  }
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
    events: customers
      ? sql`SELECT CASE WHEN EXISTS (SELECT 1 ${state} AND s.last_rowid = ${watermark}) THEN (SELECT count(*) FROM events e
          WHERE e.workspace_id = ${workspaceId} AND e.rowid <= ${watermark} AND e.customer_id IN (${customers})) END`
      : sql`SELECT s.events ${state}`,
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
    total: sql`SELECT CASE WHEN EXISTS (SELECT 1 FROM journey_map_state s
        WHERE s.workspace_id = ${workspaceId} AND s.journey_key = ${key} AND s.last_rowid = ${watermark})
      THEN (SELECT count(*) FROM events e WHERE e.workspace_id = ${workspaceId} AND e.rowid <= ${watermark}${rangeFilter(raw('e.ts'), range)}${
        customers ? sql` AND e.customer_id IN (${customers})` : sql``}) END`,
  };
}
