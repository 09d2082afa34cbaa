import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { TouchEvent } from '../../ingest/event.ts';
import { duckdb, sql, type Sql } from '../sql.ts';
import type { IdentityChanges, Store } from '../store.ts';
import { DUCKDB_SCHEMA } from './schema.ts';
import { plainRows, timestampMs, toDuckDB } from './values.ts';
import { Mutex } from './mutex.ts';

export class StoreLockedError extends Error {}

/**
 * The embedded backend: one DuckDB file owned by this process. Writes go through one connection
 * behind a mutex (DuckDB allows one writer); reads use their own connections and see committed data.
 */
export class DuckDBStore implements Store {
  readonly dialect = duckdb;
  private readonly writeLock = new Mutex();
  private readers: DuckDBConnection[] = [];
  private nextReader = 0;

  private constructor(private readonly instance: DuckDBInstance, private readonly writer: DuckDBConnection) {}

  /** Opens (or creates) the file; `:memory:` for tests. Fails clearly when another process holds it. */
  static async open(path: string, options: { readers?: number; memoryLimit?: string } = {}): Promise<DuckDBStore> {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path, options.memoryLimit ? { memory_limit: options.memoryLimit } : {});
    } catch (err) {
      const message = (err as Error).message;
      if (/lock/i.test(message)) {
        throw new StoreLockedError(`The data file ${path} is in use by another process (a running Touchpoint server?). ` +
          'Stop it, or talk to it over HTTP with --url.');
      }
      throw err;
    }
    const store = new DuckDBStore(instance, await instance.connect());
    for (let i = 0; i < (options.readers ?? 2); i++) store.readers.push(await instance.connect());
    return store;
  }

  async init(): Promise<void> {
    for (const ddl of DUCKDB_SCHEMA) await this.writer.run(ddl);
  }

  async close(): Promise<void> {
    await this.writeLock.run(async () => {
      for (const c of [this.writer, ...this.readers]) c.closeSync();
      this.instance.closeSync();
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

  async commitIngest(events: readonly TouchEvent[], identities: IdentityChanges): Promise<void> {
    await this.writeLock.run(async () => {
      await this.writer.run('BEGIN TRANSACTION');
      try {
        if (events.length > 0) await this.appendEvents(events);
        // One pass over each table per workspace, however many customers merged in this batch.
        for (const [ws, merges] of groupBy(identities.merged, (m) => m.workspaceId)) {
          const mapping = sql`(SELECT unnest(${merges.map((m) => m.from)}) AS from_id, unnest(${merges.map((m) => m.to)}) AS to_id)`;
          await runQuery(this.writer, sql`UPDATE identities SET customer_id = m.to_id FROM ${mapping} AS m WHERE identities.workspace_id = ${ws} AND identities.customer_id = m.from_id`);
          await runQuery(this.writer, sql`UPDATE events SET customer_id = m.to_id FROM ${mapping} AS m WHERE events.workspace_id = ${ws} AND events.customer_id = m.from_id`);
          await runQuery(this.writer, sql`INSERT INTO customer_merges SELECT ${ws}, from_id, to_id, ${new Date()} FROM ${mapping}`);
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
        // DuckDB writes and syncs its write-ahead log on COMMIT: once this resolves the batch is durable.
        await this.writer.run('COMMIT');
      } catch (err) {
        await this.writer.run('ROLLBACK').catch(() => undefined);
        throw err;
      }
    });
  }

  private async appendEvents(events: readonly TouchEvent[]): Promise<void> {
    const a = await this.writer.createAppender('events');
    const str = (v: string | null) => (v === null ? a.appendNull() : a.appendVarchar(v));
    for (const e of events) {
      a.appendVarchar(e.workspaceId);
      a.appendVarchar(e.messageId);
      a.appendVarchar(e.type);
      a.appendVarchar(e.event);
      str(e.name);
      a.appendVarchar(e.customerId);
      str(e.anonymousId);
      str(e.userId);
      str(e.previousId);
      str(e.groupId);
      a.appendVarchar(e.channel);
      str(e.device);
      str(e.source);
      a.appendTimestamp(timestampMs(e.timestamp));
      a.appendTimestamp(timestampMs(e.receivedAt));
      a.appendVarchar(JSON.stringify(e.properties));
      str(e.traits === null ? null : JSON.stringify(e.traits));
      a.appendVarchar(JSON.stringify(e.context));
      a.endRow();
    }
    a.closeSync();
  }
}

async function runQuery(conn: DuckDBConnection, q: Sql): Promise<Record<string, unknown>[]> {
  const { text, values } = q.compile(duckdb);
  const bound = values.map(toDuckDB);
  const reader = await conn.runAndReadAll(text, bound.map((b) => b.value), bound.map((b) => b.type));
  return plainRows(reader.getRowObjectsJS() as Record<string, unknown>[]);
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
