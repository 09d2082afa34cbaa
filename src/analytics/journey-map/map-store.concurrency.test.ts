import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TouchEvent } from '../../ingest/event.ts';
import { DuckDBStore } from '../../storage/duckdb/duckdb-store.ts';
import { raw, type Sql } from '../../storage/sql.ts';
import type { Store } from '../../storage/store.ts';
import { at, ev, WS } from '../common/fixtures.ts';
import { SHOP_JOURNEY } from '../common/test-journey.ts';
import { forgetMapFacts } from './map-store.ts';
import { runJourneyMap } from './run-journey-map.ts';

/**
 * The map facts are built and folded on the store's side connection (map-store.ts): ingest commits
 * must not wait for a build, the map after them must include them, and maps asked for together must
 * build once. No test here waits on the clock: the store is observed (`observed`), and a build is
 * held, its work done but not committed, for as long as the test needs.
 */
const CUSTOMERS = 4000;
const KINDS = ['Ad Clicked', 'Product Viewed', 'Product Added', 'Checkout Started', 'Order Completed', 'Newsletter Opened'] as const;

/** Customer i's events: kinds in journey order, one a day; every sixth event is no touchpoint. */
function eventsOf(i: number): TouchEvent[] {
  const out: TouchEvent[] = [];
  for (let j = 0; j < 1 + (i % 11); j++) {
    const kind = KINDS[(i + j) % KINDS.length];
    out.push(ev(`c${i}`, kind, at(j, i % 24, i % 60), kind === 'Ad Clicked' ? { channel: 'social' } : {}));
  }
  return out;
}

type Tx = Pick<Store, 'query' | 'exec'>;

/**
 * `store` as the map store sees it, observed: side transactions are counted (`transactions`, and
 * `writers` for those that wrote), reads in flight are counted, and `hold()` makes the next side
 * transaction wait once its work is done, before it commits, until released.
 */
function observed(store: DuckDBStore) {
  const seen = { transactions: 0, writers: 0, reads: 0 };
  let held: { reached: () => void; open: Promise<void> } | null = null;
  const writes = (q: Sql) => /^\s*(INSERT|UPDATE|DELETE)\b/i.test(q.compile(store.dialect).text);
  const sideTransaction = <T>(fn: (tx: Tx) => Promise<T>): Promise<T> => store.sideTransaction(async (tx) => {
    seen.transactions++;
    let wrote = false;
    const result = await fn({
      query: (q) => { wrote ||= writes(q); return tx.query(q); },
      exec: (q) => { wrote ||= writes(q); return tx.exec(q); },
    });
    if (wrote) seen.writers++;
    const h = held;
    held = null;
    if (h) { h.reached(); await h.open; }
    return result;
  });
  const query = (q: Sql) => { seen.reads++; return store.query(q).finally(() => { seen.reads--; }); };
  const proxy = new Proxy(store, {
    get(target, prop) {
      if (prop === 'sideTransaction') return sideTransaction;
      if (prop === 'query') return query;
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as Store;
  return {
    store: proxy,
    seen,
    hold() {
      let reached!: () => void;
      let release!: () => void;
      const at = new Promise<void>((r) => { reached = r; });
      held = { reached, open: new Promise<void>((r) => { release = r; }) };
      return { reached: at, release };
    },
    /** Once no read is in flight: every chain of reads started has run to its next wait (a lock, a held transaction). */
    async settled() {
      do await new Promise((r) => setImmediate(r)); while (seen.reads > 0);
    },
  };
}

/** Waits for a held build; fails at once when the map ends without one (it did not build on the side connection). */
function reachedBefore(reached: Promise<void>, map: Promise<unknown>): Promise<void> {
  return Promise.race([reached, map.then(() => { throw new Error('the map ended without a held build on the side connection'); })]);
}

describe('stored journey-map facts, built while ingest goes on', () => {
  let store: DuckDBStore;
  let events = 0;
  beforeAll(async () => {
    store = await DuckDBStore.open(':memory:');
    await store.init();
    for (let i = 0; i < CUSTOMERS; i += 2000) {
      const batch = Array.from({ length: 2000 }, (_, k) => eventsOf(i + k)).flat();
      await store.commitIngest(batch, { added: [], merged: [] });
      events += batch.length;
    }
  }, 120_000);
  afterAll(() => store.close());

  it('let ingest commit while the first map builds, and show those events in the next map', async () => {
    const o = observed(store);
    await forgetMapFacts(o.store, WS);
    const held = o.hold();
    let built = false;
    const first = runJourneyMap(o.store, WS, { journey: SHOP_JOURNEY }).then((m) => { built = true; return m; });
    // The build has read the events and written its facts, in a transaction still open.
    await reachedBefore(held.reached, first);
    // These commits resolve while it is open: ingest does not wait for a build.
    await store.commitIngest([ev('late', 'Ad Clicked', at(0), { channel: 'social' }), ev('late', 'Product Viewed', at(0, 1))], { added: [], merged: [] });
    await store.commitIngest([ev('late2', 'Newsletter Opened', at(0))], { added: [], merged: [] });
    const [state] = await store.query<{ n: number }>(raw('SELECT count(*) AS n FROM journey_map_state'));
    expect(Number(state.n)).toBe(0);
    expect(built).toBe(false);
    held.release();

    const before = await first;
    // The build read the events committed when it started: all but the late ones.
    expect(before.totals.events).toBe(events);
    const after = await runJourneyMap(store, WS, { journey: SHOP_JOURNEY });
    expect(after.totals).toEqual({ customers: before.totals.customers + 1, events: events + 3 });
    expect(after.stages[0].reach).toBe(before.stages[0].reach + 1);
    expect(after.stages[0].advanced).toBe(before.stages[0].advanced + 1);
  });

  it('build once when two maps arrive together', async () => {
    const o = observed(store);
    await forgetMapFacts(o.store, WS);
    o.seen.transactions = 0;
    o.seen.writers = 0;
    const held = o.hold();
    const a = runJourneyMap(o.store, WS, { journey: SHOP_JOURNEY });
    await reachedBefore(held.reached, a);
    // The second map finds no facts (the first's are not committed) and waits for the first's build.
    const b = runJourneyMap(o.store, WS, { journey: SHOP_JOURNEY });
    await o.settled();
    held.release();
    const [ma, mb] = await Promise.all([a, b]);
    expect(mb).toEqual(ma);
    // Both opened a transaction; only the first wrote: the second found the facts built.
    expect(o.seen).toMatchObject({ transactions: 2, writers: 1 });
    const [kept] = await store.query<{ n: number }>(raw(`SELECT count(*) AS n FROM journey_map_events`));
    const [touch] = await store.query<{ n: number }>(raw(`SELECT count(*) AS n FROM events WHERE event <> 'Newsletter Opened'`));
    expect(Number(kept.n)).toBe(Number(touch.n));
    const [state] = await store.query<{ n: number }>(raw('SELECT count(*) AS n FROM journey_map_state'));
    expect(Number(state.n)).toBe(1);
  });
});
