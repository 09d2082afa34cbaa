import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBStore } from '../../storage/duckdb/duckdb-store.ts';
import { at, ev, storeWith, WS } from '../common/fixtures.ts';
import { listEventNames } from './index.ts';

const EVENTS = [
  ev('c1', 'Product Viewed', at(0), { properties: { sku: 'g1', price: 10 } }),
  ev('c1', 'Product Viewed', at(1), { properties: { sku: 'g2' } }),
  ev('c2', 'Product Viewed', at(2), { properties: { sku: 'g1', price: 12, color: 'red' } }),
  ev('c2', 'Order Completed', at(3), { properties: { total: 22 } }),
  ev('c3', 'Page Viewed', at(4), { properties: { path: '/' } }),
  // Not interactions: never offered as steps.
  { ...ev('c3', 'Identify', at(4)), traits: { plan: 'vip' } },
  // Another workspace's events never show.
  ev('x1', 'Secret Event', at(0), { workspaceId: 'ws_other' }),
];

let store: DuckDBStore;
beforeAll(async () => { store = await storeWith(EVENTS); });
afterAll(() => store.close());

describe('listEventNames', () => {
  it('counts events and customers per name, most events first, with property keys by how often they appear', async () => {
    const { events } = await listEventNames(store, WS);
    expect(events.map((e) => [e.name, e.type, e.events, e.customers])).toEqual([
      ['Product Viewed', 'track', 3, 2],
      ['Order Completed', 'track', 1, 1],
      ['Page Viewed', 'page', 1, 1],
    ]);
    expect(events[0].lastSeen).toBe(new Date(at(2)).toISOString());
    // sku on 3 of 3 views, price on 2, color on 1.
    expect(events[0].properties).toEqual([
      { key: 'sku', share: 1 }, { key: 'price', share: 2 / 3 }, { key: 'color', share: 1 / 3 },
    ]);
    expect(events[1].properties).toEqual([{ key: 'total', share: 1 }]);
  });

  it('keeps to the time range and the limit, and reads keys from the latest events only', async () => {
    const ranged = await listEventNames(store, WS, { from: new Date(at(1)), to: new Date(at(3)) });
    expect(ranged.events.map((e) => [e.name, e.events])).toEqual([['Product Viewed', 2]]);
    const limited = await listEventNames(store, WS, { limit: 1, sample: 1 });
    // The latest view (c2's) alone decides the keys.
    expect(limited.events).toHaveLength(1);
    expect(limited.events[0].properties.map((p) => p.key)).toEqual(['color', 'price', 'sku']);
  });

  it('answers an empty list for a workspace without events', async () => {
    expect(await listEventNames(store, 'ws_empty')).toEqual({ events: [] });
  });
});
