import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTemplate } from '../../journeys/templates/index.ts';
import type { DuckDBStore } from '../../storage/duckdb/duckdb-store.ts';
import { demoStore } from '../common/demo-store.ts';
import { runFriction, type FrictionResult, type FrictionSignal } from './index.ts';

/** Friction on the demo shop (300 customers), whose generator makes friction cost something (src/demo/friction.ts). */
let store: DuckDBStore;
let r: FrictionResult;
beforeAll(async () => {
  const demo = await demoStore(300);
  store = demo.store;
  r = await runFriction(store, demo.workspaceId, {}, { journey: getTemplate('five-stage')! });
}, 120_000);
afterAll(() => store?.close());

const sig = (s: FrictionSignal) => r.signals.find((x) => x.signal === s)!;

describe('friction on the demo data', () => {
  it('finds every signal, with shares, rates and groups that add up', () => {
    expect(r.activeCustomers).toBeGreaterThan(250);
    for (const s of r.signals) {
      expect(s.occurrences, s.signal).toBeGreaterThan(0);
      expect(s.customers).toBeLessThanOrEqual(s.occurrences);
      expect(s.customers).toBeLessThanOrEqual(s.exposed.customers);
      expect(s.share).toBeGreaterThan(0);
      expect(s.share).toBeLessThanOrEqual(1);
      expect(s.exposed.rate).toBeLessThanOrEqual(1);
      expect(s.trend.reduce((n, p) => n + p.occurrences, 0)).toBe(s.occurrences);
      expect(s.byTouchpoint!.reduce((n, p) => n + p.occurrences, 0)).toBeLessThanOrEqual(s.occurrences);
      if (s.conversion) {
        const { withFriction: w, withoutFriction: wo } = s.conversion;
        expect(w.n + wo.n).toBeLessThanOrEqual(s.exposed.customers);
        expect(w.n).toBeLessThanOrEqual(s.customers);
        for (const g of [w, wo]) expect(g.converted).toBeLessThanOrEqual(g.n);
      }
    }
  });

  it('shows what the demo was built to show', () => {
    // Declined cards lose orders; late parcels lose repeat customers.
    expect(sig('payment_failed').conversion!.lift).toBeLessThan(0);
    expect(sig('late_delivery').conversion!.lift).toBeLessThan(0);
    // Checkout pages load slowest (payment iframes): the worst path by share of slow loads is a checkout page.
    const paths = sig('slow_page').topDetails;
    if (paths.kind !== 'slow_page') throw new Error('unexpected details');
    const busiest = paths.paths.filter((p) => p.loads >= 50).sort((a, b) => b.slowShare - a.slowShare);
    expect(busiest[0].path.startsWith('/checkout')).toBe(true);
    // Failed payments sit on their own touchpoint; abandoned carts on add to cart.
    expect(sig('payment_failed').byTouchpoint![0].touchpointId).toBe('payment-failed');
    expect(sig('cart_abandonment').byTouchpoint![0].touchpointId).toBe('product-added');
    const late = sig('late_delivery').topDetails;
    expect(late.kind === 'late_delivery' && late.lateRate > 0.05 && late.lateRate < 0.4).toBe(true);
  });
});
