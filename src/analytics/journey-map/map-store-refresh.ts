import { raw, sql } from '../../storage/sql.ts';
import { Mutex } from '../../storage/duckdb/mutex.ts';
import type { Store } from '../../storage/store.ts';
import { customerKeySql } from '../common/dialect-sql.ts';
import { scanSql, type MapFacts } from './map-facts-sql.ts';
import { buildFacts } from './map-store-build.ts';
import { createTables, KEYED_TABLES, type Run, type Tx } from './map-store-tables.ts';

/** Keys kept per workspace (least recently refreshed go). */
const KEEP_KEYS = 4;
/** New events above this share of the workspace's events (and above REBUILD_MIN) are folded in by rebuilding all facts. */
const REBUILD_SHARE = 0.25;
const REBUILD_MIN = 50_000;

const created = new WeakSet<Store>();
const locks = new WeakMap<Store, Mutex>();

/** Runs `fn` alone among the map-store work of `store`, in a transaction off the write lock when the store has one. */
function write<T>(store: Store, fn: (tx: Tx) => Promise<T>): Promise<T> {
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
    if (ch.rebuild) await rebuild(run, workspaceId, f, key);
    else await foldIn(run, workspaceId, f, key, ch);
    const extent = await saveState(run, workspaceId, key, ch);
    if (ch.rebuild) await evict(run, workspaceId);
    return extent;
  });
}

/** `workspace_id = … AND journey_key = …` and more. */
const keyed = (workspaceId: string, key: string, more = '') => sql`workspace_id = ${workspaceId} AND journey_key = ${key}${raw(more)}`;

/** Classifies every event of the workspace again and computes every customer's facts. */
async function rebuild(run: Run, workspaceId: string, f: MapFacts, key: string): Promise<void> {
  for (const t of ['journey_map_events', 'journey_map_facts']) await run(sql`DELETE FROM ${raw(t)} WHERE ${keyed(workspaceId, key)}`);
  await run(sql`INSERT INTO journey_map_events SELECT ${workspaceId}, ${key}, * FROM (${scanSql(f, sql`workspace_id = ${workspaceId}`, true)}) e`);
  await buildFacts(run, workspaceId, f, key, sql``);
}

/** Folds in the merges and events since the watermark, and recomputes the facts of the customers concerned. */
async function foldIn(run: Run, workspaceId: string, f: MapFacts, key: string, ch: Changes): Promise<void> {
  const scope = (c: string) => keyed(workspaceId, key, c);
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
  await run(sql`INSERT INTO journey_map_events SELECT ${workspaceId}, ${key}, * FROM jm_new`);
  const involved = [...new Set(merges.flatMap((m) => [String(m.a), String(m.b)]))];
  await run(sql`CREATE OR REPLACE TEMP TABLE jm_touched AS SELECT DISTINCT c AS h FROM jm_new${involved.length > 0
    ? sql` UNION SELECT ${h(involved)} AS h` : sql``}`);
  await run(sql`DELETE FROM journey_map_facts WHERE ${scope(' AND c IN (SELECT h FROM jm_touched)')}`);
  await buildFacts(run, workspaceId, f, key, sql` AND c IN (SELECT h FROM jm_touched)`);
  for (const t of ['jm_new', 'jm_touched']) await run(raw(`DROP TABLE ${t}`));
}

/**
 * Moves the watermarks on, with the event count and time span: the span grows by the new events'
 * (a rebuild reads them all), so ranged maps compare it with their range instead of asking the events
 * for their first and last time.
 */
async function saveState(run: Run, workspaceId: string, key: string, ch: Changes): Promise<MapFactsExtent> {
  await run(sql`DELETE FROM journey_map_state WHERE ${keyed(workspaceId, key)}`);
  const [span] = await run(sql`INSERT INTO journey_map_state
    SELECT ${workspaceId}, ${key}, ${ch.hi}, ${ch.mergeHi}, ${ch.events}, now(), least(min(ts), ${ch.rebuild ? null : ch.firstTs}), greatest(max(ts), ${ch.rebuild ? null : ch.lastTs})
    FROM events WHERE workspace_id = ${workspaceId} AND rowid > ${ch.rebuild ? -1 : ch.lastRowid}
    RETURNING first_ts, last_ts`);
  return { watermark: ch.hi, firstTs: (span.first_ts as Date | null) ?? null, lastTs: (span.last_ts as Date | null) ?? null };
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
    for (const t of KEYED_TABLES) await run(sql`DELETE FROM ${raw(t)} WHERE ${keyed(workspaceId, String(k))}`);
  }
}
