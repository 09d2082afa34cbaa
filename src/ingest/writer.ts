import { dialectFn, raw, sql, type Sql } from '../storage/sql.ts';
import type { Store, TableRows } from '../storage/store.ts';
import { IdentityResolver } from '../identity/resolver.ts';
import type { TouchEvent } from './event.ts';

/** Client libraries retry for minutes to hours; Segment dedups on messageId within about a day. */
export const DEDUP_WINDOW_MS = 24 * 3600 * 1000;
/** ~165 MB of ids at most: within 24 h, the last million messages are recognised when retried. */
const DEDUP_MAX_ENTRIES = 1_000_000;
/** Upper bound of events per commit: larger groups amortise the fsync, smaller ones keep latency low. */
const MAX_GROUP_EVENTS = 50_000;

/** Statements and rows to commit with a request's events, built once its events have their customers. */
export type AlsoStore = (events: readonly TouchEvent[]) => (Sql | TableRows)[];

interface Pending {
  events: TouchEvent[];
  also?: AlsoStore;
  resolve: (r: WriteResult) => void;
  reject: (err: unknown) => void;
}

export interface WriteResult {
  stored: number;
  duplicates: number;
}

/**
 * The single ingest writer with group commit: requests that arrive while a commit runs are written
 * together in the next transaction, and every request is acknowledged only after the commit that holds
 * its events returned (DuckDB has synced the WAL). One writer also makes identity stitching and
 * messageId de-duplication race-free.
 */
export class IngestWriter {
  private queue: Pending[] = [];
  private running = false;
  private readonly seen = new Map<string, number>();
  private readonly identities: IdentityResolver;
  private closed = false;
  private readonly listeners: ((events: readonly TouchEvent[]) => void)[] = [];

  /** Called with every committed batch of new events (not duplicates), after it was acknowledged. */
  onCommitted(listener: (events: readonly TouchEvent[]) => void): void {
    this.listeners.push(listener);
  }

  constructor(private readonly store: Store) {
    this.identities = new IdentityResolver(store);
  }

  /** Loads recent messageIds so retries after a restart are still recognised, and the identities. */
  async init(now = Date.now()): Promise<void> {
    const rows = await this.store.query<{ workspace_id: string; message_id: string; r: number }>(
      sql`SELECT workspace_id, message_id, ${dialectFn((d) => d.epochMs(raw('received_at')))} AS r FROM events WHERE received_at > ${new Date(now - DEDUP_WINDOW_MS)} ORDER BY received_at`);
    for (const row of rows) this.seen.set(row.workspace_id + '\u0000' + row.message_id, row.r);
    await this.identities.init();
  }

  /** The customer stored for an identity key, from the resolver's memory (IdentityResolver.storedCustomer). */
  storedCustomer(workspaceId: string, key: string): string | null | undefined {
    return this.identities.storedCustomer(workspaceId, key);
  }

  /**
   * `also`: rows that belong with these events (a survey response) go into the same transaction, so
   * both are durable at the acknowledgement; its events' `customerId` is set unless they are duplicates.
   * A statement that fails rolls back the whole group, so callers check their rows beforehand.
   */
  write(events: TouchEvent[], also?: AlsoStore): Promise<WriteResult> {
    if (this.closed) return Promise.reject(new Error('ingest writer is closed'));
    if (events.length === 0) return Promise.resolve({ stored: 0, duplicates: 0 });
    return new Promise((resolve, reject) => {
      this.queue.push({ events, also, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  /** Waits for queued writes, then refuses new ones. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.running || this.queue.length) await new Promise((r) => setTimeout(r, 5));
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0) {
        const group: Pending[] = [];
        let size = 0;
        while (this.queue.length > 0 && (group.length === 0 || size + this.queue[0].events.length <= MAX_GROUP_EVENTS)) {
          const p = this.queue.shift()!;
          group.push(p);
          size += p.events.length;
        }
        await this.commitGroup(group);
      }
    } finally {
      this.running = false;
    }
  }

  private async commitGroup(group: Pending[]): Promise<void> {
    const batchSeen = new Set<string>();
    const results: WriteResult[] = [];
    const fresh: TouchEvent[] = [];
    for (const p of group) {
      const r = { stored: 0, duplicates: 0 };
      for (const e of p.events) {
        const k = e.workspaceId + '\u0000' + e.messageId;
        if (this.seen.has(k) || batchSeen.has(k)) { r.duplicates++; continue; }
        batchSeen.add(k);
        fresh.push(e);
        r.stored++;
      }
      results.push(r);
    }
    try {
      const changes = await this.identities.resolve(fresh);
      await this.store.commitIngest(fresh, changes, group.flatMap((p) => p.also?.(p.events) ?? []));
      this.identities.committed();
    } catch (err) {
      this.identities.rolledBack();
      for (const p of group) p.reject(err);
      return;
    }
    const now = Date.now();
    for (const k of batchSeen) this.seen.set(k, now);
    this.trimSeen(now);
    group.forEach((p, i) => p.resolve(results[i]));
    // After the acknowledgement: listeners (rules) never delay or fail ingestion.
    for (const listener of this.listeners) {
      try { listener(fresh); } catch { /* a listener reports its own errors */ }
    }
  }

  private trimSeen(now: number): void {
    for (const [k, t] of this.seen) {
      if (this.seen.size <= DEDUP_MAX_ENTRIES && t > now - DEDUP_WINDOW_MS) break;
      this.seen.delete(k);
    }
  }
}
