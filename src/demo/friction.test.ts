import { describe, expect, it } from 'vitest';
import { customerOf, defaultDemo, groupBy, prop, share, tracks } from './demo-fixture.ts';
import type { SegmentMessage } from './segment-message.ts';
import { MINUTE } from './time.ts';

/**
 * The demo exists to show friction costing something. These tests measure the correlations the way
 * the product's friction and post-purchase views would, from the messages alone.
 */
const all = () => defaultDemo();
const orderId = (m: SegmentMessage) => prop<string>(m, 'order_id');
const completed = () => new Set(tracks(all(), 'Order Completed').map(orderId));
const isLate = (d: SegmentMessage) => prop<string>(d, 'delivered_at') > prop<string>(d, 'promised_at');

/** Each web Checkout Started with the load time of the /checkout page it fired on. */
function checkoutsWithLoadTime(): { orderId: string; loadMs: number }[] {
  const out: { orderId: string; loadMs: number }[] = [];
  const relevant = all().filter((m) => m.event === 'Checkout Started' || (m.event === 'Page Load' && prop(m, 'path') === '/checkout'));
  for (const ms of groupBy(relevant, (m) => m.anonymousId ?? '').values()) {
    ms.forEach((m, i) => {
      const load = ms[i - 1];
      if (m.event === 'Checkout Started' && load?.event === 'Page Load') out.push({ orderId: orderId(m), loadMs: prop(load, 'duration_ms') });
    });
  }
  return out;
}

describe('demo friction correlates with outcomes', () => {
  it('converts fewer checkouts whose page loaded slowly', () => {
    const done = completed();
    const checkouts = checkoutsWithLoadTime();
    const fast = checkouts.filter((c) => c.loadMs < 2000);
    const slow = checkouts.filter((c) => c.loadMs >= 3000);
    expect(slow.length).toBeGreaterThan(50);
    const rate = (cs: typeof checkouts) => share(cs.filter((c) => done.has(c.orderId)).length, cs.length);
    expect(rate(fast)).toBeGreaterThan(rate(slow) + 0.12);
  });

  it('converts fewer checkouts that hit a failed payment', () => {
    const done = completed();
    const failed = new Set(tracks(all(), 'Payment Failed').map(orderId));
    const paid = tracks(all(), 'Payment Info Entered').map(orderId);
    const withFailure = [...new Set(paid)].filter((id) => failed.has(id));
    const clean = [...new Set(paid)].filter((id) => !failed.has(id));
    expect(share(withFailure.filter((id) => done.has(id)).length, withFailure.length))
      .toBeLessThan(share(clean.filter((id) => done.has(id)).length, clean.length) - 0.3);
  });

  it('has long checkouts: some take more than four minutes to complete', () => {
    const started = new Map(tracks(all(), 'Checkout Started').map((m) => [orderId(m), Date.parse(m.timestamp)]));
    const durations = tracks(all(), 'Order Completed').filter((o) => started.has(orderId(o))).map((o) => Date.parse(o.timestamp) - started.get(orderId(o))!);
    const long = share(durations.filter((d) => d > 4 * MINUTE).length, durations.length);
    expect(long).toBeGreaterThan(0.05);
    expect(long).toBeLessThan(0.6);
  });

  it('abandons carts: most carts never reach an order', () => {
    const carts = new Set(tracks(all(), 'Product Added').map((m) => prop<string>(m, 'cart_id')));
    const checkedOut = tracks(all(), 'Order Completed').filter((o) => o.context?.channel !== 'store' && o.context?.channel !== 'voice').length;
    expect(share(checkedOut, carts.size)).toBeLessThan(0.8);
    expect(share(checkedOut, carts.size)).toBeGreaterThan(0.2);
  });

  it('makes late deliveries chase support ("where is my order") far more often', () => {
    const wismo = new Set(all()
      .filter((m) => (m.event === 'Support Chat Started' && prop(m, 'topic') === 'where is my order') || (m.event === 'Call Completed' && prop(m, 'reason') === 'where is my order'))
      .map(orderId));
    const delivered = tracks(all(), 'Order Delivered');
    const rate = (ds: SegmentMessage[]) => share(ds.filter((d) => wismo.has(orderId(d))).length, ds.length);
    expect(rate(delivered.filter(isLate))).toBeGreaterThan(0.3);
    expect(rate(delivered.filter((d) => !isLate(d)))).toBeLessThan(0.1);
  });

  it('makes late deliveries lead to fewer repeat purchases', () => {
    const ordersByCustomer = groupBy(tracks(all(), 'Order Completed'), customerOf);
    const firstDelivery = new Map<string, SegmentMessage>();
    for (const d of tracks(all(), 'Order Delivered')) if (!firstDelivery.has(customerOf(d))) firstDelivery.set(customerOf(d), d);
    const repeated = (d: SegmentMessage) => (ordersByCustomer.get(customerOf(d)) ?? []).some((o) => o.timestamp > d.timestamp);
    const firsts = [...firstDelivery.values()];
    const late = firsts.filter(isLate);
    const onTime = firsts.filter((d) => !isLate(d));
    expect(late.length).toBeGreaterThan(30);
    expect(share(late.filter(repeated).length, late.length)).toBeLessThan(share(onTime.filter(repeated).length, onTime.length) - 0.1);
  });

  it('gives late orders worse reviews', () => {
    const lateOrders = new Set(tracks(all(), 'Order Delivered').filter(isLate).map(orderId));
    const reviews = tracks(all(), 'Product Reviewed');
    const mean = (rs: SegmentMessage[]) => rs.reduce((s, r) => s + prop<number>(r, 'rating'), 0) / rs.length;
    const late = reviews.filter((r) => lateOrders.has(orderId(r)));
    expect(late.length).toBeGreaterThan(10);
    expect(mean(late)).toBeLessThan(mean(reviews.filter((r) => !lateOrders.has(orderId(r)))) - 0.5);
  });
});
