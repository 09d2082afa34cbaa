import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TouchEvent } from '../../ingest/event.ts';
import { DuckDBStore } from '../../storage/duckdb/duckdb-store.ts';
import { raw } from '../../storage/sql.ts';
import { at, ev, WS } from '../common/fixtures.ts';
import { SHOP_JOURNEY } from '../common/test-journey.ts';
import { forgetMapFacts } from './map-store.ts';
import { runJourneyMap } from './run-journey-map.ts';

/**
 * The map facts are built and folded on the store's side connection (map-store.ts): ingest commits
 * must not wait for a build, the map after them must include them, and maps asked for together must
 * build once. The build needs to take a while, so the data set is larger than elsewhere.
 */
const CUSTOMERS = 120_000;
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
    await forgetMapFacts(store, WS);
    let built = false;
    const first = runJourneyMap(store, WS, { journey: SHOP_JOURNEY }).then((m) => { built = true; return m; });
    // Give the map time to start its build (a watermark check, then seconds of work here; the tables
    // exist already), then commit two groups.
    await new Promise((r) => setTimeout(r, 250));
    expect(built).toBe(false);
    await store.commitIngest([ev('late', 'Ad Clicked', at(0), { channel: 'social' }), ev('late', 'Product Viewed', at(0, 1))], { added: [], merged: [] });
    await store.commitIngest([ev('late2', 'Newsletter Opened', at(0))], { added: [], merged: [] });
    // The commits resolved while the build was still running: its facts are not committed yet.
    const [state] = await store.query<{ n: number }>(raw('SELECT count(*) AS n FROM journey_map_state'));
    expect(Number(state.n)).toBe(0);
    expect(built).toBe(false);

    const before = await first;
    // The build read the events committed when it started: all but the late ones.
    expect(before.totals.events).toBe(events);
    const after = await runJourneyMap(store, WS, { journey: SHOP_JOURNEY });
    expect(after.totals).toEqual({ customers: before.totals.customers + 1, events: events + 3 });
    expect(after.stages[0].reach).toBe(before.stages[0].reach + 1);
    expect(after.stages[0].advanced).toBe(before.stages[0].advanced + 1);
  }, 120_000);

  it('build once when two maps arrive together', async () => {
    await forgetMapFacts(store, WS);
    const [a, b] = await Promise.all([
      runJourneyMap(store, WS, { journey: SHOP_JOURNEY }),
      runJourneyMap(store, WS, { journey: SHOP_JOURNEY }),
    ]);
    expect(b).toEqual(a);
    const [kept] = await store.query<{ n: number }>(raw(`SELECT count(*) AS n FROM journey_map_events`));
    const [touch] = await store.query<{ n: number }>(raw(`SELECT count(*) AS n FROM events WHERE event <> 'Newsletter Opened'`));
    expect(Number(kept.n)).toBe(Number(touch.n));
    const [state] = await store.query<{ n: number }>(raw('SELECT count(*) AS n FROM journey_map_state'));
    expect(Number(state.n)).toBe(1);
  }, 120_000);
});
