import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TouchEvent } from '../../ingest/event.ts';
import type { DuckDBStore } from '../../storage/duckdb/duckdb-store.ts';
import { at, ev, storeWith } from '../common/fixtures.ts';
import { testJourney } from '../common/test-journey.ts';
import { FrictionRequestSchema, runFriction, type FrictionRequestInput, type FrictionSignal, type SignalResult } from './index.ts';

/**
 * One workspace per signal, so each signal's numbers can be computed by hand from a few customers.
 * Every run judges outcomes as of day 60 (`to`).
 */
const TO = new Date(at(60)).toISOString();
const H = 3_600_000;
const iso = (t: number) => new Date(t).toISOString();
const on = (workspaceId: string) => (c: string, e: string, t: number, properties: Record<string, unknown> = {}, extra: Partial<TouchEvent> = {}): TouchEvent =>
  ({ ...ev(c, e, t, { workspaceId, properties }), ...extra });

const page = on('ws_page');
const err = on('ws_err');
const pay = on('ws_pay');
const chk = on('ws_chk');
const cart = on('ws_cart');
const del = on('ws_del');
const ret = on('ws_ret');
const ORDER = 'Order Completed';

const EVENTS: TouchEvent[] = [
  // Slow pages: f1 slow then buys on d3; f2 slow, never buys; f3/f4 fast and buy (d10, d1); f5 slow too late to judge.
  page('f1', 'Page Load', at(0), { path: '/p/a', duration_ms: 2500 }), page('f1', 'Page Load', at(0, 0, 1), { path: '/p/a', duration_ms: 1000 }), page('f1', ORDER, at(3)),
  page('f2', 'Page Load', at(1), { path: '/p/a', duration_ms: 3000 }),
  page('f3', 'Page Load', at(0), { path: '/', duration_ms: 800 }), page('f3', ORDER, at(10)),
  page('f4', 'Page Load', at(0), { path: '/', duration_ms: 900 }), page('f4', ORDER, at(1)),
  page('f5', 'Page Load', at(50), { path: '/p/b', duration_ms: 2100 }),
  // JS errors: e1 errs and buys; e2 errs twice and does not; e3, e4 view pages and buy, e5 views a page too late to judge.
  err('e1', 'Page Viewed', at(2), { path: '/checkout' }, { type: 'page' }), err('e1', 'Error', at(2, 0, 1), { message: 'TypeError: x', path: '/checkout' }), err('e1', ORDER, at(5)),
  err('e2', 'Error', at(1), { message: 'TypeError: x', path: '/p/a' }), err('e2', 'Error', at(1, 0, 1), { message: 'ChunkLoadError', path: '/checkout' }),
  err('e3', 'Page Viewed', at(0), { path: '/' }, { type: 'page' }), err('e3', ORDER, at(0, 1)),
  err('e4', 'Screen Viewed', at(0), {}, { type: 'screen', channel: 'app' }), err('e4', ORDER, at(14)),
  err('e5', 'Page Viewed', at(55), { path: '/' }, { type: 'page' }),
  // Payments: p1 fails then pays; p2 fails; p3 pays.
  pay('p1', 'Payment Info Entered', at(0)), pay('p1', 'Payment Failed', at(0, 0, 1), { reason: 'card_declined' }),
  pay('p1', 'Payment Info Entered', at(0, 0, 2)), pay('p1', ORDER, at(0, 0, 3)),
  pay('p2', 'Payment Info Entered', at(0)), pay('p2', 'Payment Failed', at(0, 0, 1), { reason: 'card_declined' }),
  pay('p3', 'Payment Info Entered', at(1)), pay('p3', ORDER, at(1, 0, 1)),
  // Checkouts: k1 takes 10 min and buys again on d20; k2 takes 2 min; k3 restarts and takes 3 min, buys again on d40.
  chk('k1', 'Checkout Started', at(0)), chk('k1', ORDER, at(0, 0, 10)), chk('k1', ORDER, at(20)),
  chk('k2', 'Checkout Started', at(0)), chk('k2', ORDER, at(0, 0, 2)),
  chk('k3', 'Checkout Started', at(1)), chk('k3', 'Checkout Started', at(2)), chk('k3', ORDER, at(2, 0, 3)), chk('k3', ORDER, at(40)),
  // Carts (14 d): a1 buys; a2 adds twice within 14 d, gives up, buys on d30; a3 adds too late to judge;
  // a4's first cart (d0) is abandoned, the second (d20) bought on d21.
  cart('a1', 'Product Added', at(0)), cart('a1', ORDER, at(1)),
  cart('a2', 'Product Added', at(0)), cart('a2', 'Product Added', at(3)), cart('a2', ORDER, at(30)),
  cart('a3', 'Product Added', at(55)),
  cart('a4', 'Product Added', at(0)), cart('a4', 'Product Added', at(20)), cart('a4', ORDER, at(21)),
  // Deliveries: l1 11 h late, buys again on d10; l2 on time, buys again only on d50; l3 24 h late; l4 has no promise.
  del('l1', ORDER, at(0)), del('l1', 'Order Delivered', at(3, 10), { promised_at: iso(at(2, 23)), delivered_at: iso(at(3, 10)) }), del('l1', ORDER, at(10)),
  del('l2', ORDER, at(0)), del('l2', 'Order Delivered', at(3, 10), { promised_at: iso(at(4, 23)), delivered_at: iso(at(3, 10)) }), del('l2', ORDER, at(50)),
  del('l3', ORDER, at(0)), del('l3', 'Order Delivered', at(5, 23), { promised_at: iso(at(4, 23)), delivered_at: iso(at(5, 23)) }),
  del('l4', 'Order Delivered', at(3), { delivered_at: iso(at(3)) }),
  // Returns: r1 returns and buys again; r2 exchanges; r3 buys twice.
  ret('r1', ORDER, at(0)), ret('r1', 'Return Requested', at(5), { reason: 'wrong size' }), ret('r1', ORDER, at(20)),
  ret('r2', ORDER, at(0)), ret('r2', 'Exchange Requested', at(5), { reason: 'damaged' }),
  ret('r3', ORDER, at(0)), ret('r3', ORDER, at(10)),
];

let store: DuckDBStore;
beforeAll(async () => { store = await storeWith(EVENTS); });
afterAll(() => store.close());

async function signal(ws: string, sig: FrictionSignal, req: FrictionRequestInput = {}): Promise<SignalResult> {
  const r = await runFriction(store, ws, { to: TO, signals: [sig], ...req });
  expect(r.signals).toHaveLength(1);
  return r.signals[0];
}

describe('runFriction', () => {
  it('slow pages: occurrences, exposure, conversion within the window, slowest paths, trend', async () => {
    const r = await runFriction(store, 'ws_page', { to: TO });
    expect(r.asOf).toBe(TO);
    expect(r.activeCustomers).toBe(5);
    const s = r.signals.find((x) => x.signal === 'slow_page')!;
    expect(s).toMatchObject({ label: 'Slow page loads', occurrences: 3, customers: 3, share: 3 / 5, exposed: { customers: 5, rate: 3 / 5 } });
    // With: f1 (bought on d3) and f2; f5's window ends after d60. Without: f3 (d10) and f4 (d1).
    expect(s.conversion).toEqual({
      outcome: 'purchase', window: '14d',
      withFriction: { n: 2, converted: 1, rate: 0.5 }, withoutFriction: { n: 2, converted: 2, rate: 1 }, lift: -0.5,
    });
    expect(s.topDetails).toEqual({ kind: 'slow_page', paths: [
      { path: '/p/a', loads: 3, slow: 2, slowShare: 2 / 3, p50Ms: 2500, p90Ms: 2900 },
      { path: '/p/b', loads: 1, slow: 1, slowShare: 1, p50Ms: 2100, p90Ms: 2100 },
    ] });
    expect(s.trend).toEqual([
      { day: '2026-10-05', occurrences: 1, customers: 1 }, { day: '2026-10-06', occurrences: 1, customers: 1 },
      { day: '2026-11-24', occurrences: 1, customers: 1 },
    ]);
    expect(s.byTouchpoint).toBeUndefined();
  });

  it('a stricter threshold and a shorter window change the answer', async () => {
    const s = await signal('ws_page', 'slow_page', { slowPageMs: 2600, window: '2d' });
    expect(s).toMatchObject({ occurrences: 1, customers: 1 });
    // With: f2. Without: f1 (d3 is past 2 days), f3, f4 (d1) and f5 (its first load on d50 is judged).
    expect(s.conversion).toMatchObject({ window: '2d', withFriction: { n: 1, converted: 0 }, withoutFriction: { n: 4, converted: 1 } });
  });

  it('JS errors: top messages and pages', async () => {
    const s = await signal('ws_err', 'js_error');
    expect(s).toMatchObject({ occurrences: 3, customers: 2, exposed: { customers: 5, rate: 2 / 5 } });
    // e4 bought on day 14: exactly at the end of its window, which still counts.
    expect(s.conversion).toMatchObject({ withFriction: { n: 2, converted: 1 }, withoutFriction: { n: 2, converted: 2 }, lift: -0.5 });
    expect(s.topDetails).toEqual({
      kind: 'js_error',
      messages: [{ value: 'TypeError: x', occurrences: 2, customers: 2 }, { value: 'ChunkLoadError', occurrences: 1, customers: 1 }],
      paths: [{ value: '/checkout', occurrences: 2, customers: 2 }, { value: '/p/a', occurrences: 1, customers: 1 }],
    });
  });

  it('failed payments: payers who failed against payers who did not', async () => {
    const s = await signal('ws_pay', 'payment_failed');
    expect(s).toMatchObject({ occurrences: 2, customers: 2, exposed: { customers: 3, rate: 2 / 3 } });
    expect(s.conversion).toMatchObject({ outcome: 'purchase', withFriction: { n: 2, converted: 1 }, withoutFriction: { n: 1, converted: 1 }, lift: -0.5 });
    expect(s.topDetails).toEqual({ kind: 'payment_failed', reasons: [{ value: 'card_declined', occurrences: 2, customers: 2 }] });
  });

  it('slow checkouts: the latest start before each order, and repeat purchase as the outcome', async () => {
    const s = await signal('ws_chk', 'slow_checkout');
    expect(s).toMatchObject({ occurrences: 1, customers: 1, exposed: { customers: 3, rate: 1 / 3 } });
    // k1 buys again within 30 days of its slow checkout; k2 never, k3 only after 38 days.
    expect(s.conversion).toEqual({
      outcome: 'repeat_purchase', window: '30d',
      withFriction: { n: 1, converted: 1, rate: 1 }, withoutFriction: { n: 2, converted: 0, rate: 0 }, lift: 1,
    });
    expect(s.topDetails).toEqual({ kind: 'slow_checkout', checkouts: 3, slow: 1, p50Seconds: 180, p90Seconds: 180 + 0.8 * 420 });
    expect((await signal('ws_chk', 'slow_checkout', { slowCheckoutSeconds: 100 })).occurrences).toBe(3);
  });

  it('cart abandonment: carts are runs of adds; judged only once the window has passed', async () => {
    const s = await signal('ws_cart', 'cart_abandonment');
    expect(s).toMatchObject({ occurrences: 2, customers: 2, exposed: { customers: 3, rate: 2 / 3 }, conversion: null });
    expect(s.topDetails).toEqual({ kind: 'cart_abandonment', carts: 4, abandoned: 2, rate: 0.5, recovered: 2 });
    expect(s.trend.map((p) => p.day)).toEqual(['2026-10-05', '2026-10-08']); // a4's first add, a2's last add
    // With a 40-day window a2 and a4 buy in time; a3's add (d55) still cannot be judged (a4's d20 add just can).
    expect(await signal('ws_cart', 'cart_abandonment', { window: '40d' })).toMatchObject({ occurrences: 0, exposed: { customers: 3 } });
  });

  it('late deliveries: promised against delivered, repeat purchase as the outcome', async () => {
    const s = await signal('ws_del', 'late_delivery');
    expect(s).toMatchObject({ occurrences: 2, customers: 2, exposed: { customers: 3, rate: 2 / 3 } });
    expect(s.conversion).toMatchObject({ outcome: 'repeat_purchase', withFriction: { n: 2, converted: 1 }, withoutFriction: { n: 1, converted: 0 }, lift: 0.5 });
    expect(s.topDetails).toEqual({ kind: 'late_delivery', deliveries: 3, late: 2, lateRate: 2 / 3, p50HoursLate: 17.5, p90HoursLate: 11 + 0.9 * 13 });
  });

  it('returns and exchanges: reasons, and purchasers who returned against those who did not', async () => {
    const s = await signal('ws_ret', 'return');
    expect(s).toMatchObject({ occurrences: 2, customers: 2, exposed: { customers: 3, rate: 2 / 3 } });
    // r1 buys again 15 days after returning; r2 does not; r3 buys again 10 days after its first purchase.
    expect(s.conversion).toMatchObject({ withFriction: { n: 2, converted: 1 }, withoutFriction: { n: 1, converted: 1 }, lift: -0.5 });
    expect(s.topDetails).toEqual({ kind: 'return', returns: 1, exchanges: 1, reasons: [
      { value: 'damaged', occurrences: 1, customers: 1 }, { value: 'wrong size', occurrences: 1, customers: 1 },
    ] });
  });

  it('places friction on a journey: own touchpoint, page touchpoint, else the most recent touchpoint', async () => {
    const journey = testJourney({ id: 'j', name: 'J', stages: [{ id: 's', name: 'S', touchpoints: [
      { id: 'checkout-page', name: 'Checkout page', match: { type: 'page', where: [{ property: 'path', op: 'starts_with', value: '/checkout' }] } },
      { id: 'ordered', name: 'Ordered', match: { event: ORDER } },
      { id: 'paid', name: 'Payment details', match: { event: 'Payment Info Entered' } },
      { id: 'failed', name: 'Payment failed', match: { event: 'Payment Failed' } },
    ] }] });
    const errors = await signal('ws_err', 'js_error');
    expect(errors.byTouchpoint).toBeUndefined();
    const placed = (await runFriction(store, 'ws_err', { to: TO, signals: ['js_error'] }, { journey })).signals[0].byTouchpoint;
    // Errors on /checkout sit on the checkout page touchpoint; e2's error on /p/a has no touchpoint before it.
    expect(placed).toEqual([{ touchpointId: 'checkout-page', name: 'Checkout page', stageId: 's', occurrences: 2, customers: 2 }]);
    const payments = (await runFriction(store, 'ws_pay', { to: TO, signals: ['payment_failed'] }, { journey })).signals[0].byTouchpoint;
    expect(payments).toEqual([{ touchpointId: 'failed', name: 'Payment failed', stageId: 's', occurrences: 2, customers: 2 }]);
    const pages = (await runFriction(store, 'ws_page', { to: TO, signals: ['slow_page'] }, { journey })).signals[0].byTouchpoint;
    expect(pages).toEqual([]); // nothing matches /p/… and no touchpoint came before
    const noFail = testJourney({ id: 'k', name: 'K', stages: [{ id: 's', name: 'S', touchpoints: [
      { id: 'paid', name: 'Payment details', match: { event: 'Payment Info Entered' } },
    ] }] });
    const fallback = (await runFriction(store, 'ws_pay', { to: TO, signals: ['payment_failed'] }, { journey: noFail })).signals[0].byTouchpoint;
    expect(fallback).toEqual([{ touchpointId: 'paid', name: 'Payment details', stageId: 's', occurrences: 2, customers: 2 }]);
  });

  it('places friction among touchpoint events of the same millisecond on the later touchpoint, every time', async () => {
    // Both touchpoint events and the failure share one timestamp, so "the most recent touchpoint" is a tie:
    // it goes to the later touchpoint of the journey, whatever order the rows come in.
    const journey = testJourney({ id: 't', name: 'T', stages: [{ id: 's', name: 'S', touchpoints: [
      { id: 'paid', name: 'Payment details', match: { event: 'Payment Info Entered' } },
      { id: 'ordered', name: 'Ordered', match: { event: ORDER } },
    ] }] });
    const t = at(1);
    const tie = on('ws_tie');
    const tied = await storeWith(Array.from({ length: 40 }, (_, i) => [
      tie(`t${i}`, i % 2 ? ORDER : 'Payment Info Entered', t), tie(`t${i}`, 'Payment Failed', t), tie(`t${i}`, i % 2 ? 'Payment Info Entered' : ORDER, t),
    ]).flat());
    try {
      for (let run = 0; run < 5; run++) {
        const placed = (await runFriction(tied, 'ws_tie', { to: TO, signals: ['payment_failed'] }, { journey })).signals[0].byTouchpoint;
        expect(placed).toEqual([{ touchpointId: 'ordered', name: 'Ordered', stageId: 's', occurrences: 40, customers: 40 }]);
      }
    } finally {
      await tied.close();
    }
  });

  it('returns every signal, empty ones included, and nothing for an empty workspace', async () => {
    const all = await runFriction(store, 'ws_ret', { to: TO });
    expect(all.signals.map((s) => s.signal)).toEqual(['slow_page', 'js_error', 'payment_failed', 'slow_checkout', 'cart_abandonment', 'late_delivery', 'return']);
    expect(all.signals.find((s) => s.signal === 'slow_page')).toMatchObject({ occurrences: 0, customers: 0, trend: [], topDetails: { paths: [] } });
    const empty = await runFriction(store, 'nobody', {});
    expect(empty).toMatchObject({ asOf: null, activeCustomers: 0 });
    expect(empty.signals.every((s) => s.occurrences === 0)).toBe(true);
    expect(FrictionRequestSchema.parse({})).toMatchObject({ conversionEvent: ORDER, window: '14d', repeatWindow: '30d', slowPageMs: 2000, slowCheckoutSeconds: 240, topN: 10 });
    expect(FrictionRequestSchema.safeParse({ signals: ['slow'] }).success).toBe(false);
  });

  it('reads outcomes up to the latest event when no end is given', async () => {
    const r = await runFriction(store, 'ws_pay', { signals: ['payment_failed'] });
    expect(r.asOf).toBe(new Date(at(1, 0, 1)).toISOString());
    // Windows ending after the latest event are not judged: nobody is.
    expect(r.signals[0].conversion).toMatchObject({ withFriction: { n: 0 }, withoutFriction: { n: 0 }, lift: null });
  });
});
