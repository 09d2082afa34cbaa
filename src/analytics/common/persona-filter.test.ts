import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TouchEvent } from '../../ingest/event.ts';
import type { DuckDBStore } from '../../storage/duckdb/duckdb-store.ts';
import { sql } from '../../storage/sql.ts';
import { at, ev, storeWith, WS } from './fixtures.ts';
import { personaCustomersSql } from './persona-filter.ts';
import { SHOP_JOURNEY } from './test-journey.ts';

const identify = (c: string, t: number, traits: Record<string, unknown>, messageId?: string): TouchEvent =>
  ({ ...ev(c, 'Identify', t), traits, ...(messageId ? { messageId } : {}) });

// SHOP_JOURNEY's personas: vip (latest traits.plan = vip), then buyer (has an Order Completed).
// Persona as of day 3: b1 vip, b2 buyer, b3 vip, b4 none, b5 buyer (vip only from day 5), b6 vip.
const EVENTS: TouchEvent[] = [
  identify('b1', at(0), { plan: 'vip' }), ev('b1', 'Order Completed', at(0, 1)),
  identify('b2', at(0), { plan: 'basic' }), ev('b2', 'Order Completed', at(0, 2)),
  identify('b3', at(1), { plan: 'vip' }),
  ev('b4', 'Product Viewed', at(0)),
  ev('b5', 'Order Completed', at(1)), identify('b5', at(5), { plan: 'vip' }),
  identify('b6', at(2), { plan: 'vip' }), ev('b6', 'Product Viewed', at(6)),
  // Two identifies in the same millisecond, mirrored: the same one wins for both (a fixed pick by messageId).
  identify('b7', at(2), { plan: 'basic' }, 'tie-a'), identify('b7', at(2), { plan: 'vip' }, 'tie-b'),
  identify('b8', at(2), { plan: 'vip' }, 'tie-a'), identify('b8', at(2), { plan: 'basic' }, 'tie-b'),
];
const TO = new Date(at(3));

let store: DuckDBStore;
beforeAll(async () => { store = await storeWith(EVENTS); });
afterAll(async () => { await store.close(); });

const ids = async (q: ReturnType<typeof sql>) => (await store.query<{ customer_id: string }>(q)).map((r) => r.customer_id).sort();
const among = (xs: string[]) => sql`SELECT unnest(${xs}) AS customer_id`;

describe('personaCustomersSql', () => {
  it('finds each persona\'s customers as of a time', async () => {
    const tied = await ids(personaCustomersSql(SHOP_JOURNEY, 'vip', WS, TO, among(['b7', 'b8'])));
    expect(await ids(personaCustomersSql(SHOP_JOURNEY, 'vip', WS, TO))).toEqual(['b1', 'b3', 'b6', ...tied].sort());
    expect(await ids(personaCustomersSql(SHOP_JOURNEY, 'buyer', WS, TO))).toEqual(['b2', 'b5']);
    // Without a time: as of the latest event (day 6), when b5 is vip too.
    expect(await ids(personaCustomersSql(SHOP_JOURNEY, 'vip', WS))).toEqual(['b1', 'b3', 'b5', 'b6', ...tied].sort());
  });

  it('breaks a tie of identifies in the same millisecond by the events, not by the order they were stored in', async () => {
    // 20 customers, each with a vip and a basic identify in one millisecond; two stores hold them in opposite orders.
    const pairs = Array.from({ length: 20 }, (_, i) => [identify(`q${i}`, at(1), { plan: 'vip' }, `q${i}-v`), identify(`q${i}`, at(1), { plan: 'basic' }, `q${i}-b`)]);
    const vipIn = async (events: TouchEvent[]) => {
      const s = await storeWith(events);
      try {
        return (await s.query<{ customer_id: string }>(personaCustomersSql(SHOP_JOURNEY, 'vip', WS, TO))).map((r) => r.customer_id).sort();
      } finally {
        await s.close();
      }
    };
    const forward = await vipIn(pairs.flat());
    expect(await vipIn(pairs.map(([a, b]) => [b, a]).flat())).toEqual(forward);
    // A fixed pick per customer, not the same traits for all: both outcomes occur among 20.
    expect(forward.length).toBeGreaterThan(0);
    expect(forward.length).toBeLessThan(20);
  });

  it('breaks a tie of identifies in the same millisecond the same way every time', async () => {
    // b7 and b8 hold the same two identifies with the traits swapped: whichever wins, exactly one is vip.
    const first = await ids(personaCustomersSql(SHOP_JOURNEY, 'vip', WS, TO, among(['b7', 'b8'])));
    expect(first.length).toBe(1);
    for (let run = 0; run < 10; run++) {
      expect(await ids(personaCustomersSql(SHOP_JOURNEY, 'vip', WS, TO))).toEqual(expect.arrayContaining(first));
      expect(await ids(personaCustomersSql(SHOP_JOURNEY, 'vip', WS, TO, among(['b7', 'b8'])))).toEqual(first);
    }
  });

  it('with `among`, gives the full answer intersected with those customers, "as of" unchanged', async () => {
    for (const persona of ['vip', 'buyer']) {
      for (const to of [TO, undefined]) {
        const full = await ids(personaCustomersSql(SHOP_JOURNEY, persona, WS, to));
        for (const subset of [['b1', 'b2'], ['b5', 'b6', 'nobody'], ['b4'], ['b7', 'b8'], []]) {
          expect(await ids(personaCustomersSql(SHOP_JOURNEY, persona, WS, to, among(subset)))).toEqual(full.filter((c) => subset.includes(c)));
        }
      }
    }
    // The latest event (day 6, b6's) still decides "as of" when b6 is not among them: b5 is vip then.
    expect(await ids(personaCustomersSql(SHOP_JOURNEY, 'vip', WS, undefined, among(['b5'])))).toEqual(['b5']);
  });
});
