import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TouchEvent } from '../../ingest/event.ts';
import type { DuckDBStore } from '../../storage/duckdb/duckdb-store.ts';
import { at, ev, storeWith, WS } from '../common/fixtures.ts';
import { SHOP_JOURNEY, testJourney } from '../common/test-journey.ts';
import { DropoffRequestSchema, runDropoff } from './index.ts';

const journey = SHOP_JOURNEY;
const page = (c: string, path: string, t: number): TouchEvent => ev(c, 'Page Viewed', t, { properties: { path } });

/** The journey-map fixture (see run-journey-map.test.ts), without the friction events. */
const EVENTS: TouchEvent[] = [
  ev('c1', 'Ad Clicked', at(0), { channel: 'social' }), page('c1', '/', at(0, 0, 10)),
  ev('c1', 'Product Viewed', at(0, 0, 20)), ev('c1', 'Product Added', at(0, 0, 30)),
  ev('c1', 'Checkout Started', at(0, 1)), ev('c1', 'Order Completed', at(0, 1, 10)),
  page('c2', '/', at(0)), ev('c2', 'Page Load', at(0, 0, 1), { properties: { path: '/', duration_ms: 500 } }), ev('c2', 'Product Viewed', at(1)),
  { ...ev('c2', 'Identify', at(1, 0, 1)), traits: { plan: 'vip' } },
  ev('c3', 'Product Viewed', at(0)), ev('c3', 'Product Added', at(0, 0, 5)), ev('c3', 'Checkout Started', at(2)),
  ev('c4', 'Ad Clicked', at(0), { channel: 'social' }),
  ev('c5', 'Order Completed', at(0), { channel: 'store' }), ev('c5', 'Product Viewed', at(3)),
  page('c6', '/', at(0)), ev('c6', 'Ad Clicked', at(0, 0, 5), { channel: 'social' }), ev('c6', 'Product Added', at(0, 2)), page('c6', '/about', at(0, 2, 10)),
];

let store: DuckDBStore;
beforeAll(async () => { store = await storeWith(EVENTS); });
afterAll(() => store.close());

describe('runDropoff', () => {
  it('counts each transition and ranks the last touchpoint and event of those who left', async () => {
    const r = await runDropoff(store, WS, { journey, version: 1 });
    expect(r.journey).toEqual({ id: 'shop', name: 'Shop', version: 1 });
    expect(r.window).toBeNull();
    expect(r.transitions).toEqual([
      {
        from: { id: 'discover', name: 'Discover' }, to: { id: 'shop', name: 'Shop' },
        reached: 4, reachedNext: 3, advanced: 3, dropped: 1, dropOffRate: 0.25,
        lastTouchpoints: [{ touchpointId: 'ad', name: 'Ad click', stageId: 'discover', customers: 1, share: 1 }],
        lastEvents: [{ event: 'Ad Clicked', customers: 1, share: 1 }],
      },
      {
        from: { id: 'shop', name: 'Shop' }, to: { id: 'buy', name: 'Buy' },
        reached: 4, reachedNext: 2, advanced: 2, dropped: 2, dropOffRate: 0.5,
        // c2 was last at a product view (its identify is no interaction); c6 at add to cart, then a page no touchpoint covers.
        lastTouchpoints: [
          { touchpointId: 'view', name: 'Product view', stageId: 'shop', customers: 1, share: 0.5 },
          { touchpointId: 'add', name: 'Add to cart', stageId: 'shop', customers: 1, share: 0.5 },
        ],
        lastEvents: [{ event: 'Page Viewed', customers: 1, share: 0.5 }, { event: 'Product Viewed', customers: 1, share: 0.5 }],
      },
    ]);
  });

  it('of two last events in the same millisecond, names the same one for every customer and run, with and without a window', async () => {
    // 20 customers leave after an ad click followed, in one millisecond, by two other interactions in either order.
    const tied = await storeWith(Array.from({ length: 20 }, (_, i) => {
      const c = `t${i}`;
      const [a, b] = i % 2 ? ['Zebra Clicked', 'Apple Clicked'] : ['Apple Clicked', 'Zebra Clicked'];
      return [ev(c, 'Ad Clicked', at(0), { channel: 'social' }), ev(c, a, at(0, 0, 5)), ev(c, b, at(0, 0, 5))];
    }).flat());
    try {
      const answers = new Set<string>();
      for (let run = 0; run < 3; run++) {
        for (const window of [undefined, '1h'] as const) {
          const [discover] = (await runDropoff(tied, WS, { journey, ...(window ? { window } : {}) })).transitions;
          expect(discover.lastEvents).toHaveLength(1);
          expect(discover.lastEvents[0]).toMatchObject({ customers: 20, share: 1 });
          answers.add(discover.lastEvents[0].event);
        }
      }
      // Both plans (with and without a window) and every run pick the same one of the two.
      expect(answers.size).toBe(1);
      expect(['Apple Clicked', 'Zebra Clicked']).toContain([...answers][0]);
    } finally {
      await tied.close();
    }
  });

  it('with a window, moving on later counts as dropping off, ranked by the last place within the window', async () => {
    const r = await runDropoff(store, WS, { journey, window: '1h' });
    expect(r.window).toBe('1h');
    const [discover, shop] = r.transitions;
    // Only c1 moves on within the hour (20 min); c2 (1 day) and c6 (2 h) count as dropped.
    expect(discover).toMatchObject({ reached: 4, reachedNext: 1, advanced: 1, dropped: 3 });
    expect(discover.lastTouchpoints.map((t) => [t.touchpointId, t.customers])).toEqual([['ad', 2], ['home', 1]]);
    expect(discover.lastEvents.map((t) => [t.event, t.customers])).toEqual([['Ad Clicked', 2], ['Page Viewed', 1]]);
    // c1 in 40 min; c3 (2 days), c2 and c6 drop: c3 was last at add to cart within its hour.
    expect(shop).toMatchObject({ reached: 4, reachedNext: 1, advanced: 1, dropped: 3 });
    expect(shop.lastTouchpoints.map((t) => [t.touchpointId, t.customers])).toEqual([['add', 2], ['view', 1]]);
    expect(shop.lastEvents.map((t) => [t.event, t.customers])).toEqual([['Page Viewed', 1], ['Product Added', 1], ['Product Viewed', 1]]);
  });

  it('counts a skipped next stage as moving on, but not as reaching it', async () => {
    // c7 goes from the ad straight to an order: advanced past discover, never entered shop.
    const s = await storeWith([ev('c7', 'Ad Clicked', at(0), { channel: 'social' }), ev('c7', 'Order Completed', at(0, 1))]);
    try {
      const [discover, shop] = (await runDropoff(s, WS, { journey })).transitions;
      expect(discover).toMatchObject({ reached: 1, reachedNext: 0, advanced: 1, dropped: 0, lastTouchpoints: [], lastEvents: [] });
      expect(shop).toMatchObject({ reached: 0, advanced: 0, dropped: 0, dropOffRate: 0 });
    } finally {
      await s.close();
    }
  });

  it('filters by persona and range, cuts rankings to the limit, and has no transitions for one stage', async () => {
    const vip = await runDropoff(store, WS, { journey, persona: 'vip' });
    expect(vip.transitions.map((t) => t.reached)).toEqual([1, 1]); // c2 only
    const later = await runDropoff(store, WS, { journey, from: new Date(at(1)).toISOString() });
    expect(later.transitions[1]).toMatchObject({ reached: 2, advanced: 0, dropped: 2 }); // c2 and c5 (its order is out of range)
    const one = await runDropoff(store, WS, { journey, window: '1h', limit: 1 });
    expect(one.transitions[0].lastTouchpoints).toHaveLength(1);
    const single = testJourney({ id: 'one', name: 'One', stages: [{ id: 's', name: 'S', touchpoints: [{ id: 't', name: 'T', match: { event: 'Ad Clicked' } }] }] });
    expect((await runDropoff(store, WS, { journey: single })).transitions).toEqual([]);
    expect(DropoffRequestSchema.safeParse({ window: '3 days' }).success).toBe(false);
    expect(DropoffRequestSchema.parse({ window: '7d' })).toEqual({ window: '7d', limit: 10 });
    await expect(runDropoff(store, WS, { journey, windw: '7d' } as never)).rejects.toThrow();
  });
});
