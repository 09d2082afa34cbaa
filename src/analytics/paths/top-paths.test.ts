import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBStore } from '../../storage/duckdb/duckdb-store.ts';
import { sql } from '../../storage/sql.ts';
import { at, journey, storeWith, WS } from '../common/fixtures.ts';
import { topPaths } from './top-paths.ts';

const PV = 'Page Viewed', PROD = 'Product Viewed', ADD = 'Product Added', CHK = 'Checkout Started', PF = 'Payment Failed', ORD = 'Order Completed';

let store: DuckDBStore;
beforeAll(async () => {
  // Events a minute apart within each `journey` call; calls hours or days apart are separate sessions.
  store = await storeWith([
    ...journey('p1', [PV, PROD, ADD, CHK, ORD], at(0, 10)),
    ...journey('p2', [PV], at(0, 9)), ...journey('p2', [PROD, ADD, CHK, ORD], at(1, 10)),
    ...journey('p3', [PROD, ADD, CHK, ORD], at(0, 10)),
    ...journey('p4', [PROD, ORD], at(0, 10)), ...journey('p4', [PROD, ADD, ORD], at(3, 10)),
    ...journey('a1', [PROD, ADD, CHK, PF], at(0, 10)),
    ...journey('a2', [PROD, ADD], at(0, 10)), ...journey('a2', [CHK, ORD], at(2, 10)),
    ...journey('a3', [ADD, PROD], at(0, 10)), ...journey('a3', [PROD, ADD, CHK, ORD], at(10, 10)),
    ...journey('a4', [PROD, ADD, CHK, PF], at(0, 12)),
    ...journey('a5', [ADD], at(4, 10)), ...journey('a5', [ORD], at(6, 10)),
  ]);
});
afterAll(() => store.close());

describe('topPaths', () => {
  it('to purchase: the session up to each customer’s first purchase, most common first', async () => {
    const r = await topPaths(store, WS, { outcome: 'purchase' });
    // p2, p3, a3 (day 10) · p1 · a2 (day 2 session) · p4 (first order only) · a5 (the order alone).
    expect(r.customers).toBe(7);
    expect(r.paths).toEqual([
      { steps: [PROD, ADD, CHK, ORD], customers: 3, share: 3 / 7 },
      // Ties in name order, step by step: Checkout Started < Order Completed < Page Viewed < Product Viewed.
      { steps: [CHK, ORD], customers: 1, share: 1 / 7 },
      { steps: [ORD], customers: 1, share: 1 / 7 },
      { steps: [PV, PROD, ADD, CHK, ORD], customers: 1, share: 1 / 7 },
      { steps: [PROD, ORD], customers: 1, share: 1 / 7 },
    ]);
  });

  it('depth keeps the last steps; limit the top paths', async () => {
    const r = await topPaths(store, WS, { outcome: 'purchase', depth: 2, limit: 2 });
    expect(r.customers).toBe(7);
    expect(r.paths).toEqual([
      { steps: [CHK, ORD], customers: 5, share: 5 / 7 },
      { steps: [ORD], customers: 1, share: 1 / 7 },
    ]);
  });

  it('to abandonment: the session of the first cart step with no purchase within N days, to where they left', async () => {
    const r = await topPaths(store, WS, { outcome: 'abandonment' });
    // a1, a4 left after a failed payment; a3 bought only 10 days later; a2 and a5 bought within 7 days.
    expect(r.customers).toBe(3);
    expect(r.paths).toEqual([
      { steps: [PROD, ADD, CHK, PF], customers: 2, share: 2 / 3 },
      { steps: [ADD, PROD], customers: 1, share: 1 / 3 },
    ]);
    const longer = await topPaths(store, WS, { outcome: 'abandonment', abandonWithinDays: 12 });
    expect(longer.customers).toBe(2);
  });

  it('a purchase after `to` still cancels an abandonment inside the range', async () => {
    const r = await topPaths(store, WS, { outcome: 'abandonment', to: new Date(at(5)).toISOString() });
    // a5 added on day 4 and bought on day 6: not abandoned although the order is after `to`.
    expect(r.customers).toBe(3);
    const purchases = await topPaths(store, WS, { outcome: 'purchase', to: new Date(at(5)).toISOString() });
    expect(purchases.customers).toBe(5);
  });

  it('with touchpoints, steps are touchpoint ids where one matches and event names elsewhere', async () => {
    const touchpointSql = sql`(CASE WHEN event IN (${PROD}, ${ADD}) THEN ${'browse'} WHEN event IN (${CHK}, ${ORD}) THEN ${'checkout'} END)`;
    const r = await topPaths(store, WS, { outcome: 'purchase' }, { touchpointSql });
    // Order Completed keeps its name, so it is not merged into the checkout touchpoint before it.
    expect(r.paths[0]).toEqual({ steps: ['browse', 'checkout', ORD], customers: 3, share: 3 / 7 });
    const left = await topPaths(store, WS, { outcome: 'abandonment' }, { touchpointSql });
    // For abandonment the cart events keep their names: a1, a4 browse → Add → Checkout Started → Payment Failed.
    expect(left.paths[0]).toEqual({ steps: ['browse', ADD, CHK, PF], customers: 2, share: 2 / 3 });
  });

  it('is empty without data', async () => {
    expect(await topPaths(store, 'nobody', { outcome: 'purchase' })).toEqual({ outcome: 'purchase', customers: 0, paths: [] });
  });
});
