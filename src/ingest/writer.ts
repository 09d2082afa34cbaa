import { dialectFn, raw, sql, type Sql } from '../storage/sql.ts';
import type { Store, TableRows } from '../storage/store.ts';
import { IdentityResolver } from '../identity/resolver.ts';
import type { TouchEvent } from './event.ts';
import { DedupIndex, hashId } from './dedup-index.ts';

/** Client libraries retry for minutes to hours; Segment dedups on messageId within about a day. */
export const DEDUP_WINDOW_MS = 24 * 3600 * 1000;
/** Within 24 h, the last million messages are recognised when retried (~24 MB of hashes, dedup-index.ts). */
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
  private readonly seen = new DedupIndex(DEDUP_MAX_ENTRIES);
  private readonly hash = new Int32Array(2);
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
    const h = this.hash;
    for (const row of rows) {
      hashId(row.workspace_id, row.message_id, h);
      if (this.seen.find(h[0], h[1]) < 0) this.seen.add(h[0], h[1], row.r);
    }
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

  /**
   * Rows that come without events (cases a rule opens) ride in the next group commit instead of a
   * transaction of their own: one fewer fsync, and one fewer hold of the single writer that survey
   * submissions would queue behind. Resolves once they are durable.
   */
  commitRows(rows: readonly (Sql | TableRows)[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error('ingest writer is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ events: [], also: () => [...rows], resolve: () => resolve(), reject });
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
    const results: WriteResult[] = [];
    const all: TouchEvent[] = [];
    for (const p of group) for (const e of p.events) all.push(e);
    // 0: fresh, 1: duplicate, 2: its hash was stored before this group (confirmed below).
    const status = new Uint8Array(all.length);
    const h = this.hash;
    const seen = this.seen;
    const added: TouchEvent[] = [];
    let first = -1;
    let suspects = 0;
    for (let i = 0; i < all.length; i++) {
      const e = all[i];
      hashId(e.workspaceId, e.messageId, h);
      const at = seen.find(h[0], h[1]);
      if (at < 0) {
        const p = seen.add(h[0], h[1], 0);
        if (first < 0) first = p;
        added.push(e);
        continue;
      }
      const inGroup = first < 0 ? -1 : (at - first + seen.capacity) % seen.capacity;
      if (inGroup >= 0 && inGroup < added.length) {
        const o = added[inGroup];
        // Same hash, different id (a collision): stored, but left out of the index.
        status[i] = o.messageId === e.messageId && o.workspaceId === e.workspaceId ? 1 : 0;
      } else {
        status[i] = 2;
        suspects++;
      }
    }
    const fresh: TouchEvent[] = [];
    try {
      if (suspects > 0) await this.confirmSeen(all, status);
      let k = 0;
      for (const p of group) {
        const r = { stored: 0, duplicates: 0 };
        for (const e of p.events) {
          if (status[k++] === 0) { fresh.push(e); r.stored++; } else r.duplicates++;
        }
        results.push(r);
      }
      await this.commitFresh(group, fresh);
    } catch (err) {
      seen.dropNewest(added.length);
      for (const p of group) p.reject(err);
      return;
    }
    const now = Date.now();
    seen.stampNewest(added.length, now);
    seen.trim(DEDUP_MAX_ENTRIES, now - DEDUP_WINDOW_MS);
    group.forEach((p, i) => p.resolve(results[i]));
    // After the acknowledgement: listeners (rules) never delay or fail ingestion.
    if (fresh.length > 0) for (const listener of this.listeners) {
      try { listener(fresh); } catch { /* a listener reports its own errors */ }
    }
  }

  private async commitFresh(group: Pending[], fresh: TouchEvent[]): Promise<void> {
    try {
      const changes = await this.identities.resolve(fresh);
      await this.store.commitIngest(fresh, changes, group.flatMap((p) => p.also?.(p.events) ?? []));
      this.identities.committed();
    } catch (err) {
      this.identities.rolledBack();
      throw err;
    }
  }

  /**
   * Events whose hash matched one stored before this group (status 2): duplicates if the events table
   * holds their messageId, otherwise (a hash collision) fresh. Retries are the only common case, so
   * this query runs rarely. Sets their status to 1 or 0; a second copy within the group is a duplicate.
   */
  private async confirmSeen(all: TouchEvent[], status: Uint8Array): Promise<void> {
    const byWorkspace = new Map<string, string[]>();
    for (let i = 0; i < all.length; i++) {
      if (status[i] !== 2) continue;
      const ids = byWorkspace.get(all[i].workspaceId) ?? [];
      ids.push(all[i].messageId);
      byWorkspace.set(all[i].workspaceId, ids);
    }
    const stored = new Set<string>();
    for (const [workspaceId, ids] of byWorkspace) {
      const rows = await this.store.query<{ message_id: string }>(
        sql`SELECT DISTINCT message_id FROM events WHERE workspace_id = ${workspaceId} AND message_id IN (SELECT unnest(${ids}))`);
      for (const row of rows) stored.add(workspaceId + '\u0000' + row.message_id);
    }
    for (let i = 0; i < all.length; i++) {
      if (status[i] !== 2) continue;
      const k = all[i].workspaceId + '\u0000' + all[i].messageId;
      if (stored.has(k)) { status[i] = 1; continue; }
      status[i] = 0;
      stored.add(k);
    }
  }
}
