import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TouchEvent } from '../../ingest/event.ts';
import type { DuckDBStore } from '../../storage/duckdb/duckdb-store.ts';
import { AnalyticsInputError } from '../common/errors.ts';
import { at, ev, storeWith, WS } from '../common/fixtures.ts';
import { SHOP_JOURNEY } from '../common/test-journey.ts';
import { JourneyMapQuerySchema, runJourneyMap, type JourneyMapResult } from './index.ts';

const journey = SHOP_JOURNEY;
const page = (c: string, path: string, t: number): TouchEvent => ev(c, 'Page Viewed', t, { properties: { path } });
const identify = (c: string, t: number, traits: Record<string, unknown>): TouchEvent => ({ ...ev(c, 'Identify', t), traits });
const M = 60; // seconds in a minute

/**
 * Six customers (times: day, hour, minute):
 * c1 ad 0:00 → home 0:10 → view 0:20 → add 0:30 → checkout 1:00 → order 1:10 (+ a slow page load on `/` at 0:11)
 * c2 home d0 → view d1 (+ a fast page load; identifies as vip, then basic)
 * c3 view 0:00 → add 0:05 → checkout d2 (+ an error on /checkout and a failed payment after it; identifies basic, then vip)
 * c4 ad, nothing else
 * c5 order d0 in a store, then a product view on d3 (post-purchase browsing: never entered shop)
 * c6 home 0:00 → ad 0:05 → add 2:00 → /about 2:10
 */
const EVENTS: TouchEvent[] = [
  ev('c1', 'Ad Clicked', at(0), { channel: 'social' }), page('c1', '/', at(0, 0, 10)),
  ev('c1', 'Page Load', at(0, 0, 11), { properties: { path: '/', duration_ms: 3000 } }),
  ev('c1', 'Product Viewed', at(0, 0, 20)), ev('c1', 'Product Added', at(0, 0, 30)),
  ev('c1', 'Checkout Started', at(0, 1)), ev('c1', 'Order Completed', at(0, 1, 10)),
  page('c2', '/', at(0)), ev('c2', 'Page Load', at(0, 0, 1), { properties: { path: '/', duration_ms: 500 } }), ev('c2', 'Product Viewed', at(1)),
  identify('c2', at(0, 0, 2), { plan: 'vip' }), identify('c2', at(0, 1), { plan: 'basic' }),
  ev('c3', 'Product Viewed', at(0)), ev('c3', 'Product Added', at(0, 0, 5)), ev('c3', 'Checkout Started', at(2)),
  ev('c3', 'Error', at(2, 0, 1), { properties: { message: 'boom', path: '/checkout' } }),
  ev('c3', 'Payment Failed', at(2, 0, 2), { properties: { reason: 'card_declined' } }),
  identify('c3', at(0, 0, 1), { plan: 'basic' }), identify('c3', at(1), { plan: 'vip' }),
  ev('c4', 'Ad Clicked', at(0), { channel: 'social' }),
  ev('c5', 'Order Completed', at(0), { channel: 'store' }), ev('c5', 'Product Viewed', at(3)),
  page('c6', '/', at(0)), ev('c6', 'Ad Clicked', at(0, 0, 5), { channel: 'social' }), ev('c6', 'Product Added', at(0, 2)), page('c6', '/about', at(0, 2, 10)),
  { ...ev('c1', 'Product Viewed', at(0)), workspaceId: 'other' },
];

let store: DuckDBStore;
let map: JourneyMapResult;
beforeAll(async () => {
  store = await storeWith(EVENTS);
  map = await runJourneyMap(store, WS, { journey, version: 3 });
});
afterAll(() => store.close());

const stage = (r: JourneyMapResult, id: string) => r.stages.find((s) => s.id === id)!;
const tp = (r: JourneyMapResult, id: string) => r.stages.flatMap((s) => s.touchpoints).find((t) => t.id === id)!;

describe('runJourneyMap', () => {
  it('names the journey version and range', () => {
    expect(map.journey).toEqual({ id: 'shop', name: 'Shop', version: 3 });
    expect(map.range).toEqual({ from: null, to: null });
    expect(map.totals).toEqual({ customers: 6, events: 26 });
    expect(map.channels).toEqual(['web', 'social', 'store']);
  });

  it('counts stage reach, conversion to the next stage and median time (first pass, skipped stages not entered)', () => {
    const [discover, shop, buy] = map.stages;
    // discover: c1, c2, c4, c6 entered; c1 (20 min), c2 (1 day), c6 (2 h) moved on.
    expect(discover).toMatchObject({ reach: 4, advanced: 3, conversionToNext: 0.75, medianSecondsToNext: 7200, expectedEmotion: 1, expectedEmotionLabel: 'positive' });
    // shop: c1 (40 min), c3 (2 days) moved on, c2 and c6 did not; c5 was already past it.
    expect(shop).toMatchObject({ reach: 4, advanced: 2, conversionToNext: 0.5, medianSecondsToNext: (2400 + 172800) / 2, expectedEmotion: 0 });
    expect(buy).toMatchObject({ reach: 3, advanced: 0, conversionToNext: null, medianSecondsToNext: null, expectedEmotion: null });
  });

  it('measures each stage goal from entering the stage', () => {
    expect(stage(map, 'discover').goal).toEqual({ description: 'They look at a product.', target: 0.5, reached: 0.5, met: true });
    expect(stage(map, 'shop').goal).toEqual({ description: 'They add to cart.', target: 0.8, reached: 0.75, met: false });
    expect(stage(map, 'buy').goal).toEqual({ description: 'Checkouts end in an order.', target: null, reached: 2 / 3, met: null });
  });

  it('ranks where the customers who left each stage were last', () => {
    expect(stage(map, 'discover').dropOff).toEqual([{ touchpointId: 'ad', name: 'Ad click', customers: 1, share: 1 }]);
    expect(stage(map, 'shop').dropOff).toEqual([
      { touchpointId: 'view', name: 'Product view', customers: 1, share: 0.5 },
      { touchpointId: 'add', name: 'Add to cart', customers: 1, share: 0.5 },
    ]);
    expect(stage(map, 'buy').dropOff).toEqual([]);
  });

  it('measures touchpoints over the customers who met them while in their stage', () => {
    expect(tp(map, 'ad')).toMatchObject({ reach: 3, events: 3, inStage: 3, conversionToNextStage: 2 / 3, medianSecondsToNextStage: (20 * M + 115 * M) / 2, channels: ['social'], declaredChannels: ['social'] });
    expect(tp(map, 'home')).toMatchObject({ reach: 3, events: 3, inStage: 3, conversionToNextStage: 1, medianSecondsToNextStage: 7200, channels: ['web'], declaredChannels: [] });
    expect(tp(map, 'view')).toMatchObject({ reach: 4, events: 4, inStage: 3, conversionToNextStage: 2 / 3, medianSecondsToNextStage: (2400 + 172800) / 2 });
    expect(tp(map, 'add')).toMatchObject({ reach: 3, events: 3, inStage: 3, conversionToNextStage: 2 / 3, medianSecondsToNextStage: (1800 + 172500) / 2 });
    expect(tp(map, 'checkout')).toMatchObject({ reach: 2, events: 2, inStage: 2, conversionToNextStage: null, medianSecondsToNextStage: null });
    expect(tp(map, 'order')).toMatchObject({ reach: 2, events: 2, inStage: 2, channels: ['web', 'store'], voc: null, health: 'good' });
  });

  it('places friction at the page touchpoint, else the most recent touchpoint before it', () => {
    expect(tp(map, 'home').friction).toEqual({ slowPages: 1, errors: 0, paymentFailures: 0, returns: 0, lateDeliveries: 0, customers: 1, share: 1 / 3, rate: 1 / 3 });
    expect(tp(map, 'checkout').friction).toEqual({ slowPages: 0, errors: 1, paymentFailures: 1, returns: 0, lateDeliveries: 0, customers: 1, share: 0.5, rate: 1 });
    expect(tp(map, 'view').friction.customers).toBe(0);
  });

  it('filters customers by persona: latest non-null traits, then behaviour', async () => {
    const vip = await runJourneyMap(store, WS, { journey, persona: 'vip' });
    expect(vip.persona).toBe('vip');
    expect(vip.stages.map((s) => s.reach)).toEqual([0, 1, 1]); // c3 only: c2's latest plan is basic
    const buyers = await runJourneyMap(store, WS, { journey, persona: 'buyer' });
    expect(buyers.stages.map((s) => [s.reach, s.advanced])).toEqual([[1, 1], [1, 1], [2, 0]]); // c1 and c5
    expect(buyers.totals).toEqual({ customers: 2, events: 9 });
  });

  it('only counts events in [from, to)', async () => {
    const r = await runJourneyMap(store, WS, { journey, from: new Date(at(1)).toISOString() });
    // c2's view (d1), c5's view (d3, its order is out of range so it now enters shop), c3's checkout (d2).
    expect(r.stages.map((s) => [s.reach, s.advanced])).toEqual([[0, 0], [2, 0], [1, 0]]);
    expect(r.range.from).toBe(new Date(at(1)).toISOString());
    const none = await runJourneyMap(store, WS, { journey, to: new Date(at(0)).toISOString() });
    expect(none.totals).toEqual({ customers: 0, events: 0 });
    expect(none.stages.map((s) => s.conversionToNext)).toEqual([null, null, null]);
  });

  it('maps a template by id, and rejects unknown personas and bad query strings', async () => {
    const r = await runJourneyMap(store, WS, { template: 'five-stage' });
    expect(r.journey).toEqual({ id: 'five-stage', name: expect.any(String), version: null });
    expect(r.stages.map((s) => s.id)).toEqual(['awareness', 'consideration', 'purchase', 'retention', 'advocacy']);
    await expect(runJourneyMap(store, WS, { journey, persona: 'nobody' })).rejects.toBeInstanceOf(AnalyticsInputError);
    expect(JourneyMapQuerySchema.parse({ version: '2', from: '2026-10-01' })).toEqual({ version: 2, from: new Date('2026-10-01T00:00:00Z') });
    expect(JourneyMapQuerySchema.safeParse({ from: '2026-10-02', to: '2026-10-01' }).success).toBe(false);
  });
});
