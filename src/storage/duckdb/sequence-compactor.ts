import type { DuckDBConnection } from '@duckdb/node-api';
import type { TouchEvent } from '../../ingest/event.ts';
import { raw, sql, type Sql } from '../sql.ts';
import {
  encodedTimeSql, eventCodeJoin, groupSequencesSql, SEQUENCE_COLUMNS, ungroupSequencesSql, type SequenceSnapshot,
} from '../sequences.ts';

type Run = (q: Sql) => Promise<Record<string, unknown>[]>;

/** Column list of an INSERT into `customer_sequences` (explicit: files from before `keys` have it added at the end). */
const INSERT = raw(`INSERT INTO customer_sequences (workspace_id, customer_id, ${SEQUENCE_COLUMNS})`);
const COLUMNS = raw(`workspace_id, customer_id, ${SEQUENCE_COLUMNS}`);

/** Events per partition of a full rebuild: each is grouped in memory on its own (768 MB limit). */
const REBUILD_PARTITION_EVENTS = 1_000_000;
/** A tail larger than this is folded in by rebuilding every sequence instead of merging. */
const FULL_REBUILD_TAIL = 2_000_000;

const INTERACTION = (type: string) => type === 'track' || type === 'page' || type === 'screen';
const pairKey = (event: string, interaction: boolean) => `${interaction ? 1 : 0}\u0000${event}`;

/**
 * Keeps `customer_sequences` (storage/sequences.ts) up to date with the `events` table. Every method
 * runs on the store's writer connection, inside its write lock:
 *
 * - `assignCodes`: new event names get their code in the ingest transaction that brings them, so the
 *   tail read at query time never holds an event without a code.
 * - `merge`: when customers merge, their stored sequences are merged in the same transaction as
 *   their events.
 * - `compact`: folds the events appended since `sequence_state.last_rowid` into the stored
 *   sequences and moves the watermark, in one transaction. Events are never deleted and an UPDATE
 *   keeps row ids, so "appended after the watermark" is `rowid > last_rowid`.
 */
export class SequenceCompactor {
  /** (event, interaction) pairs known to have a code (committed). */
  private known: Set<string> | null = null;

  constructor(private readonly run: Run) {}

  /** Codes for the batch's new event names; call inside the ingest transaction, then `committed`. */
  async assignCodes(events: readonly TouchEvent[]): Promise<string[]> {
    if (!this.known) {
      const rows = await this.run(raw('SELECT event, interaction FROM event_codes'));
      this.known = new Set(rows.map((r) => pairKey(String(r.event), Boolean(r.interaction))));
    }
    const fresh = new Map<string, { event: string; interaction: boolean }>();
    for (const e of events) {
      const interaction = INTERACTION(e.type);
      const key = pairKey(e.event, interaction);
      if (!this.known.has(key)) fresh.set(key, { event: e.event, interaction });
    }
    if (fresh.size === 0) return [];
    const list = [...fresh.values()];
    await this.insertCodes(sql`SELECT unnest(${list.map((p) => p.event)}) AS event, unnest(${list.map((p) => (p.interaction ? 1 : 0))}) = 1 AS interaction`);
    return [...fresh.keys()];
  }

  /** Marks codes from `assignCodes` as committed. */
  committed(keys: readonly string[]): void {
    for (const k of keys) this.known?.add(k);
  }

  /** Merges the stored sequences of customers folded into others (`from` → `to`), as their events. */
  async merge(workspaceId: string, mapping: Sql): Promise<void> {
    const involved = sql`SELECT from_id FROM ${mapping} m0 UNION SELECT to_id FROM ${mapping} m1`;
    const stored = sql`SELECT workspace_id, customer_id, codes, times FROM customer_sequences
      WHERE workspace_id = ${workspaceId} AND customer_id IN (${involved})`;
    const rows = sql`SELECT u.workspace_id, coalesce(m.to_id, u.customer_id) AS customer_id, u.code, u.x
      FROM (${ungroupSequencesSql(stored, true)}) u LEFT JOIN ${mapping} AS m ON m.from_id = u.customer_id`;
    await this.run(sql`CREATE OR REPLACE TEMP TABLE sq_merged AS ${groupSequencesSql(rows, true)}`);
    await this.run(sql`DELETE FROM customer_sequences WHERE workspace_id = ${workspaceId} AND customer_id IN (${involved})`);
    await this.run(sql`${INSERT} SELECT ${COLUMNS} FROM sq_merged`);
    await this.run(raw('DROP TABLE sq_merged'));
  }

  /** Events not yet compacted (all workspaces). */
  async pending(): Promise<{ from: number; to: number }> {
    const [r] = await this.run(raw('SELECT (SELECT last_rowid FROM sequence_state) AS w, (SELECT max(rowid) FROM events) AS hi'));
    return { from: Number(r?.w ?? -1), to: r?.hi === null || r?.hi === undefined ? -1 : Number(r.hi) };
  }

  /** Folds the tail into the stored sequences; the caller holds the write lock. */
  async compact(conn: DuckDBConnection): Promise<void> {
    const { from, to } = await this.pending();
    if (to <= from) return;
    await conn.run('BEGIN TRANSACTION');
    try {
      const tail = sql`rowid > ${from} AND rowid <= ${to}`;
      await this.insertCodes(sql`SELECT DISTINCT event, type IN ('track', 'page', 'screen') AS interaction FROM events WHERE ${tail}`);
      const rowsOf = (where: Sql) => sql`SELECT e.workspace_id, e.customer_id, c.code, ${encodedTimeSql('e')} AS x
        FROM events e JOIN event_codes c ON ${eventCodeJoin('e', 'c')} WHERE ${where}`;
      if (to - from > FULL_REBUILD_TAIL) {
        // Everything again: the coded rows once, then a slice of the customers at a time so that each
        // grouping fits in memory.
        const parts = Math.max(1, Math.ceil((to + 1) / REBUILD_PARTITION_EVENTS));
        await this.run(sql`CREATE OR REPLACE TEMP TABLE sq_rows AS SELECT *, hash(customer_id) % ${parts} AS part
          FROM (${rowsOf(sql`e.rowid <= ${to}`)}) r ORDER BY part`);
        await this.run(raw('DELETE FROM customer_sequences'));
        for (let p = 0; p < parts; p++) {
          await this.run(sql`${INSERT} SELECT ${COLUMNS} FROM (${groupSequencesSql(
            sql`SELECT workspace_id, customer_id, code, x FROM sq_rows WHERE part = ${p}`, true)}) g`);
        }
        await this.run(raw('DROP TABLE sq_rows'));
      } else {
        await this.run(sql`CREATE OR REPLACE TEMP TABLE sq_touched AS SELECT DISTINCT workspace_id, customer_id FROM events WHERE ${tail}`);
        const stored = raw(`SELECT s.workspace_id, s.customer_id, s.codes, s.times FROM customer_sequences s
          SEMI JOIN sq_touched t ON t.workspace_id = s.workspace_id AND t.customer_id = s.customer_id`);
        const rows = sql`${ungroupSequencesSql(stored, true)} UNION ALL ${rowsOf(sql`e.rowid > ${from} AND e.rowid <= ${to}`)}`;
        await this.run(sql`CREATE OR REPLACE TEMP TABLE sq_new AS ${groupSequencesSql(rows, true)}`);
        await this.run(raw(`DELETE FROM customer_sequences s USING sq_touched t
          WHERE s.workspace_id = t.workspace_id AND s.customer_id = t.customer_id`));
        await this.run(sql`${INSERT} SELECT ${COLUMNS} FROM sq_new`);
        await this.run(raw('DROP TABLE sq_new'));
        await this.run(raw('DROP TABLE sq_touched'));
      }
      await this.run(sql`UPDATE sequence_state SET last_rowid = ${to}`);
      await conn.run('COMMIT');
    } catch (err) {
      await conn.run('ROLLBACK').catch(() => undefined);
      this.known = null;
      throw err;
    }
    this.known = null;
  }

  /**
   * What a query over a workspace's sequences needs, or null when they cannot answer it (a tail
   * event without a code: data written around the ingest path).
   */
  async snapshot(query: Run, workspaceId: string, names: readonly string[]): Promise<SequenceSnapshot | null> {
    const [st] = await query(raw('SELECT last_rowid FROM sequence_state'));
    if (!st) return null;
    // A constant bound, so the scan skips compacted row groups (a correlated one reads them all).
    const after = Number(st.last_rowid);
    const [s] = await query(sql`SELECT
      (SELECT count(*) FROM events WHERE rowid > ${after} AND workspace_id = ${workspaceId}) AS tail,
      (SELECT count(*) FROM events e WHERE e.rowid > ${after}
        AND NOT EXISTS (SELECT 1 FROM event_codes c WHERE ${eventCodeJoin('e', 'c')})) AS unknown`);
    if (Number(s.unknown) > 0) return null;
    const codes = new Map<string, number[]>();
    if (names.length > 0) {
      for (const r of await query(sql`SELECT event, code FROM event_codes WHERE event IN (SELECT unnest(${[...names]})) ORDER BY code`)) {
        const name = String(r.event);
        codes.set(name, [...(codes.get(name) ?? []), Number(r.code)]);
      }
    }
    return { tail: Number(s.tail), codes };
  }

  private async insertCodes(pairs: Sql): Promise<void> {
    await this.run(sql`INSERT INTO event_codes
      SELECT coalesce((SELECT max(code) FROM event_codes), 0) + row_number() OVER (ORDER BY event, interaction), event, interaction
      FROM (${pairs}) n WHERE NOT EXISTS (SELECT 1 FROM event_codes c WHERE c.event = n.event AND c.interaction = n.interaction)`);
  }
}
