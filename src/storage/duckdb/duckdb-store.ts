import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { TouchEvent } from '../../ingest/event.ts';
import { duckdb, raw, Sql } from '../sql.ts';
import type { IdentityChanges, Store, TableRows } from '../store.ts';
import { DUCKDB_SCHEMA } from './schema.ts';
import { Mutex } from './mutex.ts';
import type { SequenceSnapshot } from '../sequences.ts';
import { SequenceCompactor } from './sequence-compactor.ts';
import { IngestThreads } from './ingest-threads.ts';
import { IngestCommit } from './ingest-commit.ts';
import { Upkeep } from './upkeep.ts';
import { runQuery } from './run-query.ts';

export class StoreLockedError extends Error {}

/**
 * The embedded backend: one DuckDB file owned by this process. Writes go through one connection
 * behind a mutex (DuckDB allows one writer); reads use their own connections and see committed data.
 * Ingest groups are committed by ingest-commit.ts; checkpoints, sequence compactions and the thread
 * count after ingest are upkeep.ts.
 */
export class DuckDBStore implements Store {
  readonly dialect = duckdb;
  private readonly writeLock = new Mutex();
  private nextReader = 0;
  /** Customer sequences (storage/sequences.ts), compacted in the foreground on the writer connection. */
  private readonly sequencer: SequenceCompactor;
  /** Taken before the write lock (always in that order) by merging groups and compactions (see upkeep.ts `compactor`). */
  private readonly sequenceLock = new Mutex();
  private readonly ingest: IngestCommit;
  private readonly upkeep: Upkeep;
  /** `sideTransaction`'s connection (opened on first use) and the lock keeping it to one transaction at a time. */
  private side: DuckDBConnection | null = null;
  private readonly sideLock = new Mutex();

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly writer: DuckDBConnection,
    private readonly readers: DuckDBConnection[],
    background: { checkpointer: DuckDBConnection; compactor: DuckDBConnection; compactEveryEvents?: number },
    ingestThreads: IngestThreads,
    spoolFile: string,
  ) {
    this.sequencer = new SequenceCompactor((q) => runQuery(this.writer, q));
    this.ingest = new IngestCommit(writer, this.sequencer, ingestThreads, spoolFile);
    this.upkeep = new Upkeep(background.checkpointer, background.compactor, ingestThreads, this.writeLock, this.sequenceLock, background.compactEveryEvents);
  }

  /** Opens (or creates) the file; `:memory:` for tests. Fails clearly when another process holds it. */
  static async open(path: string, options: { readers?: number; memoryLimit?: string; compactEveryEvents?: number } = {}): Promise<DuckDBStore> {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    let instance: DuckDBInstance;
    try {
      // checkpoint_threshold: only a safety net, checkpoints run in the background (upkeep.ts checkpointInBackground).
      instance = await DuckDBInstance.create(path, { checkpoint_threshold: '1GB', ...(options.memoryLimit ? { memory_limit: options.memoryLimit } : {}) });
    } catch (err) {
      const message = (err as Error).message;
      if (/lock/i.test(message)) {
        throw new StoreLockedError(`The data file ${path} is in use by another process (a running Touchpoint server?). ` +
          'Stop it, or talk to it over HTTP with --url.');
      }
      throw err;
    }
    const writer = await instance.connect();
    const spoolFile = path === ':memory:' ? join(tmpdir(), `touchpoint-spool-${randomUUID()}.csv`) : `${path}.spool.csv`;
    const readers: DuckDBConnection[] = [];
    for (let i = 0; i < (options.readers ?? 2); i++) readers.push(await instance.connect());
    const checkpointer = await instance.connect();
    const compactor = await instance.connect();
    const [threads] = await runQuery(writer, raw("SELECT current_setting('threads')::INTEGER AS n"));
    // A failed SET leaves the thread count as it was: never a reason to fail an ingest group.
    const ingestThreads = new IngestThreads(Number(threads.n), (n) => writer.run(`SET threads = ${Math.floor(n)}`).then(() => undefined, () => undefined));
    return new DuckDBStore(instance, writer, readers, { checkpointer, compactor, compactEveryEvents: options.compactEveryEvents }, ingestThreads, spoolFile);
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
    await this.upkeep.runningCompaction;
    await this.upkeep.runningCheckpoint;
  }

  async close(): Promise<void> {
    await this.upkeep.runningCompaction; // queued on the write lock: awaited before taking it
    this.side?.interrupt(); // a long side transaction (a journey map build) stops; it is derived data
    await this.sideLock.run(async () => undefined);
    this.upkeep.stopTimer();
    await this.writeLock.run(async () => {
      await this.upkeep.runningCheckpoint;
      for (const c of [this.writer, ...this.readers, ...this.upkeep.connections, ...(this.side ? [this.side] : [])]) c.closeSync();
      this.instance.closeSync();
      this.ingest.removeSpoolFile();
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
    const commit = () => this.writeLock.run(async () => {
      await this.ingest.commit(events, identities, also);
      this.upkeep.afterGroup(events.length);
    });
    if (identities.merged.length === 0) return commit();
    // A merge does not wait up to a second for a compaction: that one stops and runs again later.
    this.upkeep.interruptCompaction();
    await this.sequenceLock.run(commit);
  }
}
