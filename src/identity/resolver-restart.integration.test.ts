import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TouchEvent } from '../ingest/event.ts';
import { normalizeMessage } from '../ingest/normalize.ts';
import { DuckDBStore } from '../storage/duckdb/duckdb-store.ts';
import { IdentityResolver } from './resolver.ts';

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

let n = 0;
function events(...messages: Record<string, unknown>[]): TouchEvent[] {
  return messages.map((m) => {
    const o = normalizeMessage({ messageId: `r${n++}`, ...m }, { workspaceId: 'ws', receivedAt: Date.now() });
    if (!o.ok) throw new Error(JSON.stringify(o.details));
    return o.event;
  });
}

async function stitch(store: DuckDBStore, resolver: IdentityResolver, batch: TouchEvent[]): Promise<string[]> {
  const changes = await resolver.resolve(batch);
  await store.commitIngest(batch, changes);
  resolver.committed();
  return batch.map((e) => e.customerId);
}

/**
 * After a restart the resolver knows the stored identities: all of them loaded at start when they fit
 * its cache (no look-up per batch), else looked up per batch. Both give the same customers.
 */
describe.each([['loaded at start', 1_000_000], ['looked up per batch', 1]])('identities after a restart (%s)', (_, cacheLimit) => {
  it('keeps stitching to the customers stored before', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'touchpoint-ids-'));
    dirs.push(dir);
    const file = join(dir, 'db.duckdb');
    let store = await DuckDBStore.open(file);
    await store.init();
    let resolver = new IdentityResolver(store, cacheLimit);
    await resolver.init();
    const [ann] = await stitch(store, resolver, events({ type: 'identify', anonymousId: 'anon-A', userId: 'user-1', traits: { email: 'ann@example.com' } }));
    const [bob] = await stitch(store, resolver, events({ type: 'identify', anonymousId: 'anon-B', userId: 'user-2' }));
    const [carl] = await stitch(store, resolver, events({ type: 'page', anonymousId: 'anon-C' }));
    await store.close();

    store = await DuckDBStore.open(file);
    await store.init();
    resolver = new IdentityResolver(store, cacheLimit);
    await resolver.init();
    try {
      const ids = await stitch(store, resolver, events(
        { type: 'track', event: 'E', anonymousId: 'anon-A' },
        { type: 'identify', userId: 'user-9', traits: { email: 'ANN@example.com' } }, // another user on Ann's e-mail: not merged
        { type: 'identify', anonymousId: 'anon-B', userId: 'user-1' }, // Bob's device signs in as Ann: both have user ids, no merge
        { type: 'identify', anonymousId: 'anon-C', userId: 'user-3' }, // Carl signs up
        { type: 'page', anonymousId: 'anon-D' },
      ));
      expect(ids[0]).toBe(ann);
      expect(ids[1]).not.toBe(ann);
      expect(ids[2]).toBe(ann);
      expect(ids[3]).toBe(carl);
      expect(new Set([ann, bob, carl, ids[1], ids[4]]).size).toBe(5);
      const [again] = await stitch(store, resolver, events({ type: 'track', event: 'E', userId: 'user-2' }));
      expect(again).toBe(bob);
    } finally {
      await store.close();
    }
  });
});
