import { mkdirSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { dirname } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { TouchEvent } from '../../ingest/event.ts';
import { duckdb, raw, Sql, sql } from '../sql.ts';
import type { IdentityChanges, Store, TableRows } from '../store.ts';
import { DUCKDB_SCHEMA } from './schema.ts';
import { plainRows, timestampMs, toDuckDB } from './values.ts';
import { Mutex } from './mutex.ts';
import { groupBy } from '../../common/collections.ts';
import type { SequenceSnapshot } from '../sequences.ts';
import { SequenceCompactor } from './sequence-compactor.ts';
import { IngestThreads } from './ingest-threads.ts';
import { SPOOL_COLUMNS, SPOOL_READ_OPTIONS, SPOOL_SELECT, spoolHead, spoolTail } from './spool.ts';

export class StoreLockedError extends Error {}

/** The spool buffer is kept between groups up to this size (~20,000 typical events). */
const SPOOL_BUFFER_KEEP = 16 << 20;
/**
 * Groups of up to this many events go through the appender instead of the spool file. Rewriting the
 * file is real disk work whatever its size: ext4 flushes a truncated-and-rewritten file's data at the
 * next journal commit (auto_da_alloc), and open/write/close are three trips through libuv's thread
 * pool. At 500 survey submissions/s (groups of ~7 events) that write took 0.9 ms at the median and
 * 20–160 ms when other processes were writing to the disk: the stalls of the submit benchmark. The
 * appender's ~11 µs a row on the event loop is less than that up to a few hundred rows.
 */
const APPENDER_MAX_EVENTS = 256;
/**
 * ~180 MB of write-ahead log with typical web events (replayed in seconds after a crash). A checkpoint
 * took ~0.7 s of CPU at 300,000 events, not much less when it had less to write (it also rewrites what
 * the last compaction replaced): every 128,000 events that was ~2 µs of CPU per ingested event.
 */
const CHECKPOINT_EVERY_EVENTS = 256_000;
/** When ingest has paused this long, at least this many events in the WAL are checkpointed (no writer is waiting then). */
const IDLE_CHECKPOINT_MS = 2000;
const IDLE_CHECKPOINT_MIN_EVENTS = 20_000;
/** New events folded into the customer sequences at a time (a query merges fewer than this in). */
const COMPACT_EVERY_EVENTS = 100_000;
/**
 * While ingest is sustained, compactions are this many times rarer: each one rewrites the sequences
 * of nearly every active customer, so its cost grows with the data, not with the tail it folds in.
 */
const SUSTAINED_COMPACT_FACTOR = 3;

/**
 * The embedded backend: one DuckDB file owned by this process. Writes go through one connection
 * behind a mutex (DuckDB allows one writer); reads use their own connections and see committed data.
 */
export class DuckDBStore implements Store {
  readonly dialect = duckdb;
  private readonly writeLock = new Mutex();
  private readers: DuckDBConnection[] = [];
  private nextReader = 0;
  /** Events committed since the last checkpoint, and the checkpoint running in the background. */
  private uncheckpointed = 0;
  private checkpointing: Promise<void> | null = null;
  /** Its own connection: a CHECKPOINT must not queue behind (or in front of) read queries. */
  private checkpointer: DuckDBConnection | null = null;

  private spoolFile = '';
  /** Reused for every group (the write lock keeps appends one at a time); grows to the largest group. */
  private spoolBuffer = Buffer.allocUnsafe(1 << 20);
  /** Customer sequences (storage/sequences.ts): events since the last compaction, and the one running. */
  private readonly sequencer: SequenceCompactor;
  private uncompacted = 0;
  private compactEvery = COMPACT_EVERY_EVENTS;
  private compacting: Promise<void> | null = null;
  /**
   * Background compaction runs on its own connection, not behind the write lock: it takes up to a
   * second on a million events, and single tracks waited behind it (p99 255 ms instead of 20 ms).
   * Ingest groups only append to the tables it rewrites, except when customers merge: a merge
   * rewrites the same sequences, so merging groups and compactions take `sequenceLock` (before the
   * write lock, always in that order) and never overlap.
   */
  private compactor: DuckDBConnection | null = null;
  private backgroundSequencer: SequenceCompactor | null = null;
  private readonly sequenceLock = new Mutex();
  /** `sideTransaction`'s connection (opened on first use) and the lock keeping it to one transaction at a time. */
  private side: DuckDBConnection | null = null;
  private readonly sideLock = new Mutex();
  /** One DuckDB thread during sustained ingest (ingest-threads.ts), and the timer that gives threads back. */
  private ingestThreads: IngestThreads | null = null;
  private restoreTimer: NodeJS.Timeout | null = null;

  private constructor(private readonly instance: DuckDBInstance, private readonly writer: DuckDBConnection) {
    this.sequencer = new SequenceCompactor((q) => runQuery(this.writer, q));
  }

  /** Opens (or creates) the file; `:memory:` for tests. Fails clearly when another process holds it. */
  static async open(path: string, options: { readers?: number; memoryLimit?: string; compactEveryEvents?: number } = {}): Promise<DuckDBStore> {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path, { checkpoint_threshold: '1GB', ...(options.memoryLimit ? { memory_limit: options.memoryLimit } : {}) });
    } catch (err) {
      const message = (err as Error).message;
      if (/lock/i.test(message)) {
        throw new StoreLockedError(`The data file ${path} is in use by another process (a running Touchpoint server?). ` +
          'Stop it, or talk to it over HTTP with --url.');
      }
      throw err;
    }
    const store = new DuckDBStore(instance, await instance.connect());
    store.compactEvery = options.compactEveryEvents ?? COMPACT_EVERY_EVENTS;
    store.spoolFile = path === ':memory:' ? join(tmpdir(), `touchpoint-spool-${randomUUID()}.csv`) : `${path}.spool.csv`;
    for (let i = 0; i < (options.readers ?? 2); i++) store.readers.push(await instance.connect());
    store.checkpointer = await instance.connect();
    const compactor = await instance.connect();
    store.compactor = compactor;
    store.backgroundSequencer = new SequenceCompactor((q) => runQuery(compactor, q));
    const [threads] = await runQuery(store.writer, raw("SELECT current_setting('threads')::INTEGER AS n"));
    // A failed SET leaves the thread count as it was: never a reason to fail an ingest group.
    store.ingestThreads = new IngestThreads(Number(threads.n), (n) => store.writer.run(`SET threads = ${Math.floor(n)}`).then(() => undefined, () => undefined));
    store.restoreTimer = setInterval(() => {
      if (store.ingestThreads?.reduced) void store.writeLock.run(() => store.ingestThreads!.restore()).catch(() => undefined);
      if (store.uncheckpointed >= IDLE_CHECKPOINT_MIN_EVENTS && !store.checkpointing && (store.ingestThreads?.idleMs ?? 0) >= IDLE_CHECKPOINT_MS) store.checkpointInBackground();
    }, 500).unref();
    return store;
  }

  /** Creates missing tables and brings the customer sequences up to date (a one-off on old data). */
  async init(): Promise<void> {
    for (const ddl of DUCKDB_SCHEMA) await this.writer.run(ddl);
    await this.compactSequences();
  }

  /** Folds the events appended since the last compaction into the customer sequences. */
  async compactSequences(): Promise<void> {
    await this.sequenceLock.run(() => this.writeLock.run(() => this.sequencer.compact(this.writer)));
  }

  /** The workspace's sequences as a query sees them now, or null when they cannot answer (Store.sequences). */
  async sequences(workspaceId: string, names: readonly string[] = []): Promise<SequenceSnapshot | null> {
    const conn = this.readers[this.nextReader++ % this.readers.length];
    try {
      return await this.sequencer.snapshot((q) => runQuery(conn, q), workspaceId, names);
    } catch {
      return null; // a data file from before sequences existed, opened without init()
    }
  }

  /** Resolves when the background compaction and checkpoint that are running have finished. */
  async backgroundDone(): Promise<void> {
    await this.compacting;
    await this.checkpointing;
  }

  async close(): Promise<void> {
    await this.compacting; // queued on the write lock: awaited before taking it
    this.side?.interrupt(); // a long side transaction (a journey map build) stops; it is derived data
    await this.sideLock.run(async () => undefined);
    if (this.restoreTimer) clearInterval(this.restoreTimer);
    await this.writeLock.run(async () => {
      await this.checkpointing;
      for (const c of [this.writer, ...this.readers, ...(this.checkpointer ? [this.checkpointer] : []), ...(this.compactor ? [this.compactor] : []), ...(this.side ? [this.side] : [])]) c.closeSync();
      this.instance.closeSync();
      rmSync(this.spoolFile, { force: true });
    });
  }

  async query<T = Record<string, unknown>>(q: Sql): Promise<T[]> {
    const conn = this.readers[this.nextReader++ % this.readers.length];
    return (await runQuery(conn, q)) as T[];
  }

  async exec(q: Sql): Promise<void> {
    await this.writeLock.run(() => runQuery(this.writer, q));
  }

  async transaction<T>(fn: (tx: Pick<Store, 'query' | 'exec'>) => Promise<T>): Promise<T> {
    return this.writeLock.run(async () => {
      const tx = {
        query: async <R>(q: Sql) => (await runQuery(this.writer, q)) as R[],
        exec: async (q: Sql) => { await runQuery(this.writer, q); },
      };
      await this.writer.run('BEGIN TRANSACTION');
      try {
        const result = await fn(tx);
        await this.writer.run('COMMIT');
        return result;
      } catch (err) {
        await this.writer.run('ROLLBACK');
        throw err;
      }
    });
  }

  /** Store.sideTransaction: on its own connection, so it neither waits for nor holds up the write lock. */
  async sideTransaction<T>(fn: (tx: Pick<Store, 'query' | 'exec'>) => Promise<T>): Promise<T> {
    return this.sideLock.run(async () => {
      const conn = this.side ??= await this.instance.connect();
      const tx = {
        query: async <R>(q: Sql) => (await runQuery(conn, q)) as R[],
        exec: async (q: Sql) => { await runQuery(conn, q); },
      };
      await conn.run('BEGIN TRANSACTION');
      try {
        const result = await fn(tx);
        await conn.run('COMMIT');
        return result;
      } catch (err) {
        await conn.run('ROLLBACK').catch(() => undefined);
        throw err;
      }
    });
  }

  async commitIngest(events: readonly TouchEvent[], identities: IdentityChanges, also: readonly (Sql | TableRows)[] = []): Promise<void> {
    const commit = () => this.writeLock.run(() => this.commitGroup(events, identities, also));
    if (identities.merged.length === 0) return commit();
    // A merge does not wait up to a second for a compaction: that one stops and runs again later.
    if (this.compacting) this.compactor?.interrupt();
    await this.sequenceLock.run(commit);
  }

  private async commitGroup(events: readonly TouchEvent[], identities: IdentityChanges, also: readonly (Sql | TableRows)[]): Promise<void> {
    await this.ingestThreads?.beforeGroup();
    await this.writer.run('BEGIN TRANSACTION');
    let codes: string[] = [];
    try {
      if (events.length > 0) {
        await this.appendEvents(events);
        codes = await this.sequencer.assignCodes(events);
      }
      // One pass over each table per workspace, however many customers merged in this batch.
      for (const [ws, merges] of groupBy(identities.merged, (m) => m.workspaceId)) {
        const mapping = sql`(SELECT unnest(${merges.map((m) => m.from)}) AS from_id, unnest(${merges.map((m) => m.to)}) AS to_id)`;
        await runQuery(this.writer, sql`UPDATE identities SET customer_id = m.to_id FROM ${mapping} AS m WHERE identities.workspace_id = ${ws} AND identities.customer_id = m.from_id`);
        await runQuery(this.writer, sql`UPDATE events SET customer_id = m.to_id FROM ${mapping} AS m WHERE events.workspace_id = ${ws} AND events.customer_id = m.from_id`);
        await runQuery(this.writer, sql`INSERT INTO customer_merges SELECT ${ws}, from_id, to_id, ${new Date()} FROM ${mapping}`);
        await this.sequencer.merge(ws, mapping);
      }
      if (identities.added.length > 0) {
        const appender = await this.writer.createAppender('identities');
        for (const a of identities.added) {
          appender.appendVarchar(a.workspaceId);
          appender.appendVarchar(a.identity);
          appender.appendVarchar(a.customerId);
          appender.appendTimestamp(timestampMs(a.at));
          appender.endRow();
        }
        appender.closeSync();
      }
      await this.applyAlso(also);
      // DuckDB writes and syncs its write-ahead log on COMMIT: once this resolves the batch is durable.
      await this.writer.run('COMMIT');
    } catch (err) {
      await this.writer.run('ROLLBACK').catch(() => undefined);
      throw err;
    }
    this.sequencer.committed(codes);
    this.uncompacted += events.length;
    const compactEvery = this.ingestThreads?.sustained ? SUSTAINED_COMPACT_FACTOR * this.compactEvery : this.compactEvery;
    if (this.uncompacted >= compactEvery && !this.compacting) this.compactInBackground();
    this.uncheckpointed += events.length;
    if (this.uncheckpointed >= CHECKPOINT_EVERY_EVENTS && !this.checkpointing) this.checkpointInBackground();
  }

  /**
   * DuckDB's automatic checkpoint (WAL over 16 MB: ~23,000 events) runs inside the COMMIT that crosses
   * the threshold, stalling that group for 0.4–2.7 s, and at that frequency costs ~8 µs CPU per event.
   * So the threshold (1 GB) is only a safety net: a CHECKPOINT runs on its own connection every
   * CHECKPOINT_EVERY_EVENTS and when ingest pauses, and DuckDB lets the writer keep committing meanwhile
   * (a commit waits while the checkpoint writes, up to ~1 s). A failed checkpoint is retried after the
   * next CHECKPOINT_EVERY_EVENTS or pause; close() waits for a running one.
   */
  private checkpointInBackground(): void {
    this.uncheckpointed = 0;
    const conn = this.checkpointer;
    if (!conn) return;
    this.checkpointing = conn.run('CHECKPOINT').then(() => undefined, () => undefined).finally(() => { this.checkpointing = null; });
  }

  /**
   * On its own connection while ingest goes on (see `compactor`). It folds the events committed
   * before it started; later ones get row ids after its watermark and wait for the next compaction.
   * A failed or interrupted one is retried after half of COMPACT_EVERY_EVENTS (queries merge the tail
   * in meanwhile, so answers stay exact).
   */
  private compactInBackground(): void {
    this.uncompacted = 0;
    const [conn, sequencer] = [this.compactor, this.backgroundSequencer];
    if (!conn || !sequencer) return;
    this.compacting = this.sequenceLock.run(() => sequencer.compact(conn))
      .then(() => undefined, () => { this.uncompacted += this.compactEvery / 2; }).finally(() => { this.compacting = null; });
  }

  /**
   * The statements and rows committed with a group, in their order, except that rows for the same
   * table from consecutive entries (several survey batches in one group) go in one appender: DuckDB
   * spends ~1 ms of CPU per appender flush inside a transaction, whatever the number of rows. A
   * statement is a barrier: rows before it are appended before it runs (a DELETE of a response being
   * completed must not see its new row).
   */
  private async applyAlso(also: readonly (Sql | TableRows)[]): Promise<void> {
    const pending = new Map<string, TableRows['rows'][]>();
    const flush = async () => {
      for (const [table, parts] of pending) await this.appendRows(table, parts);
      pending.clear();
    };
    for (const q of also) {
      if (q instanceof Sql) {
        await flush();
        await runQuery(this.writer, q);
      } else {
        const parts = pending.get(q.table) ?? [];
        parts.push(q.rows);
        pending.set(q.table, parts);
      }
    }
    await flush();
  }

  /**
   * Rows through the appender, inside the open transaction: a 21-column INSERT … SELECT unnest(…)
   * took ~10 ms to prepare and run per survey batch (measured under load), the appender ~1 ms.
   * Values in column order: text, integer, boolean, time or null.
   */
  private async appendRows(table: string, parts: readonly TableRows['rows'][]): Promise<void> {
    const appender = await this.writer.createAppender(table);
    for (const rows of parts) for (const row of rows) {
      for (const v of row) {
        if (v === null) appender.appendNull();
        else if (typeof v === 'string') appender.appendVarchar(v);
        else if (typeof v === 'number') appender.appendInteger(v);
        else if (typeof v === 'boolean') appender.appendBoolean(v);
        else appender.appendTimestamp(timestampMs(v.getTime()));
      }
      appender.endRow();
    }
    appender.closeSync();
  }

  /**
   * A large group is appended through DuckDB's CSV reader over a spool file (spool.ts) instead of the
   * appender: the appender's per-value calls run on the JavaScript thread (~11 µs a row), while DuckDB
   * reads the file on its own threads, leaving the event loop to the HTTP side. The file only carries
   * the rows into this transaction; durability comes from the COMMIT. A small group (up to
   * APPENDER_MAX_EVENTS) goes through the appender: writing the file costs more than that (see there).
   */
  private async appendEvents(events: readonly TouchEvent[]): Promise<void> {
    if (events.length <= APPENDER_MAX_EVENTS) {
      // The `events` columns in table order (schema.ts), as the spool's SPOOL_SELECT makes them.
      await this.appendRows('events', [events.map((e) => [e.workspaceId, e.messageId, e.type, e.event, e.name, e.customerId, e.anonymousId,
        e.userId, e.previousId, e.groupId, e.channel, e.device, e.source, new Date(Math.round(e.timestamp)), new Date(Math.round(e.receivedAt)),
        JSON.stringify(e.properties), e.traits === null ? null : JSON.stringify(e.traits), JSON.stringify(e.context)])]);
      return;
    }
    // Rows are encoded straight into one reused buffer: joining them into one string first, then
    // encoding that, cost ~2.5 µs more per event on the event loop.
    // Events from a batch worker (ingest/batch-pool.ts) bring the tail of their row already encoded.
    let end = 0;
    for (const e of events) {
      const head = spoolHead(e.workspaceId, e.customerId);
      const tail = e.spoolTail ?? spoolTail(e);
      const need = 3 * head.length + (typeof tail === 'string' ? 3 * tail.length : tail.length);
      if (end + need > this.spoolBuffer.length) {
        const larger = Buffer.allocUnsafe(Math.max(2 * this.spoolBuffer.length, end + need));
        this.spoolBuffer.copy(larger, 0, 0, end);
        this.spoolBuffer = larger;
      }
      end += this.spoolBuffer.write(head, end);
      if (typeof tail === 'string') end += this.spoolBuffer.write(tail, end);
      else { this.spoolBuffer.set(tail, end); end += tail.length; }
    }
    await writeFile(this.spoolFile, this.spoolBuffer.subarray(0, end));
    if (this.spoolBuffer.length > SPOOL_BUFFER_KEEP) this.spoolBuffer = Buffer.allocUnsafe(1 << 20); // a rare huge group (import)
    await this.writer.run(`INSERT INTO events SELECT ${SPOOL_SELECT}
      FROM read_csv('${this.spoolFile.replace(/'/g, "''")}', ${SPOOL_READ_OPTIONS}, columns = ${SPOOL_COLUMNS})`);
  }
}

async function runQuery(conn: DuckDBConnection, q: Sql): Promise<Record<string, unknown>[]> {
  const { text, values } = q.compile(duckdb);
  const bound = values.map(toDuckDB);
  const reader = await conn.runAndReadAll(text, bound.map((b) => b.value), bound.map((b) => b.type));
  return plainRows(reader.getRowObjectsJS() as Record<string, unknown>[]);
}
