import { rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { TouchEvent } from '../../ingest/event.ts';
import { Sql, sql } from '../sql.ts';
import type { IdentityChanges, TableRows } from '../store.ts';
import { timestampMs } from './values.ts';
import { groupBy } from '../../common/collections.ts';
import type { SequenceCompactor } from './sequence-compactor.ts';
import type { IngestThreads } from './ingest-threads.ts';
import { runQuery } from './run-query.ts';
import { SPOOL_COLUMNS, SPOOL_READ_OPTIONS, SPOOL_SELECT, spoolHead, spoolTail } from './spool.ts';

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
 * The ingest group commit (DuckDBStore.commitIngest): a group's events, identity changes and the
 * rows and statements committed with them, in one transaction on the writer connection. The caller
 * holds the store's write lock, which also keeps the reused spool buffer to one group at a time.
 */
export class IngestCommit {
  /** Reused for every group (the write lock keeps appends one at a time); grows to the largest group. */
  private spoolBuffer = Buffer.allocUnsafe(1 << 20);

  constructor(
    private readonly writer: DuckDBConnection,
    private readonly sequencer: SequenceCompactor,
    private readonly ingestThreads: IngestThreads,
    private readonly spoolFile: string,
  ) {}

  /** Commits one group; once this resolves the group is durable. */
  async commit(events: readonly TouchEvent[], identities: IdentityChanges, also: readonly (Sql | TableRows)[]): Promise<void> {
    await this.ingestThreads.beforeGroup();
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
  }

  /** Deletes the spool file (on close). */
  removeSpoolFile(): void {
    rmSync(this.spoolFile, { force: true });
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
