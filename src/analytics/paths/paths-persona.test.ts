import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TouchEvent } from '../../ingest/event.ts';
import { touchpointCaseSql } from '../../journeys/assign.ts';
import type { DuckDBStore } from '../../storage/duckdb/duckdb-store.ts';
import { duckdb, sql } from '../../storage/sql.ts';
import { AnalyticsInputError } from '../common/errors.ts';
import { at, ev, journey as path, storeWith, WS } from '../common/fixtures.ts';
import { SHOP_JOURNEY } from '../common/test-journey.ts';
import { runPaths } from './run-paths.ts';
import { sequenceCtes } from './sequence-sql.ts';

const journey = SHOP_JOURNEY; // personas: vip (latest traits.plan = vip), then buyer (has an Order Completed)
const PROD = 'Product Viewed', ADD = 'Product Added', CHK = 'Checkout Started', ORD = 'Order Completed';
const identify = (c: string, t: number, traits: Record<string, unknown>): TouchEvent => ({ ...ev(c, 'Identify', t), traits });

/**
 * Five customers, a minute between steps; persona as of `to` = day 3:
 * a1 vip      Prod Add Ord (d0)
 * a2 buyer    plan basic; Prod Chk Ord (d0)
 * a3 vip      Prod Add (d1)
 * a4 (none)   Prod Add (d0), no identify
 * a5 buyer    plan basic; Prod Chk Ord (d1); becomes vip on d5, after `to` (vip without `to`)
 */
const EVENTS: TouchEvent[] = [
  identify('a1', at(0), { plan: 'vip' }), ...path('a1', [PROD, ADD, ORD], at(0, 1)),
  identify('a2', at(0), { plan: 'basic' }), ...path('a2', [PROD, CHK, ORD], at(0, 1)),
  identify('a3', at(0), { plan: 'vip' }), ...path('a3', [PROD, ADD], at(1)),
  ...path('a4', [PROD, ADD], at(0, 1)),
  identify('a5', at(0), { plan: 'basic' }), ...path('a5', [PROD, CHK, ORD], at(1)),
  identify('a5', at(5), { plan: 'vip' }),
];
const TO = new Date(at(3));

let store: DuckDBStore;
beforeAll(async () => { store = await storeWith(EVENTS); });
afterAll(async () => { await store.close(); });

const links = (r: { links: { source: string; target: string; value: number }[] }) => r.links.map((l) => `${l.source} > ${l.target} = ${l.value}`);

describe('paths persona filter', () => {
  it('follows only the persona\'s customers, as of `to`', async () => {
    const from = (persona?: string) => runPaths(store, WS, { start: { event: PROD }, depth: 3, to: TO, persona }, { journey });
    const all = await from();
    expect(all.customers).toBe(5);
    expect(links(all)).toEqual([`0:${PROD} > 1:${ADD} = 3`, `0:${PROD} > 1:${CHK} = 2`, `1:${CHK} > 2:${ORD} = 2`, `1:${ADD} > 2:${ORD} = 1`]);
    const vip = await from('vip'); // a1, a3
    expect(vip.customers).toBe(2);
    expect(links(vip)).toEqual([`0:${PROD} > 1:${ADD} = 2`, `1:${ADD} > 2:${ORD} = 1`]);
    expect(vip.nodes.find((n) => n.id === `1:${ADD}`)).toMatchObject({ value: 2, exits: 1 });
    const buyer = await from('buyer'); // a2, a5
    expect(buyer.customers).toBe(2);
    expect(links(buyer)).toEqual([`0:${PROD} > 1:${CHK} = 2`, `1:${CHK} > 2:${ORD} = 2`]);
    expect(links(vip)).not.toEqual(links(all));
  });

  it('takes the persona as of `to`, as the map does: a5 is a vip only without `to`', async () => {
    const vip = await runPaths(store, WS, { start: { event: PROD }, depth: 3, persona: 'vip' }, { journey }); // a1, a3, a5
    expect(vip.customers).toBe(3);
    expect(links(vip)).toEqual([`0:${PROD} > 1:${ADD} = 2`, `0:${PROD} > 1:${CHK} = 1`, `1:${CHK} > 2:${ORD} = 1`, `1:${ADD} > 2:${ORD} = 1`]);
    // (Ties are ranked by step, then source id: Checkout Started before Product Added.)
  });

  it('answers the drill-in (from a touchpoint, steps named by touchpoint) for the map\'s persona', async () => {
    const drill = (persona?: string) => runPaths(store, WS, { start: { touchpoint: 'view' }, depth: 3, to: TO, persona },
      { journey, touchpointSql: touchpointCaseSql(journey) });
    expect(links(await drill())).toEqual(['0:view > 1:add = 3', '0:view > 1:checkout = 2', '1:checkout > 2:order = 2', '1:add > 2:order = 1']);
    const buyer = await drill('buyer');
    expect(buyer.customers).toBe(2);
    expect(links(buyer)).toEqual(['0:view > 1:checkout = 2', '1:checkout > 2:order = 2']);
  });

  it('rejects an unknown persona, and a persona without a journey', async () => {
    await expect(runPaths(store, WS, { start: { event: PROD }, persona: 'nobody' }, { journey })).rejects.toBeInstanceOf(AnalyticsInputError);
    await expect(runPaths(store, WS, { start: { event: PROD }, persona: 'vip' })).rejects.toBeInstanceOf(AnalyticsInputError);
    await expect(runPaths(store, WS, { start: { event: PROD }, persona: '' }, { journey })).rejects.toThrow();
  });

  it('writes the customer set once, as a CTE the steps\' scan reads (bound values only)', () => {
    const customers = sql`SELECT customer_id FROM events WHERE event = ${'persona marker'} GROUP BY customer_id`;
    const { text, values } = sql`WITH ${sequenceCtes({ workspaceId: 'ws', range: {}, exclude: [], collapseRepeats: true, customers })} SELECT 1`.compile(duckdb);
    expect(values.filter((v) => v === 'persona marker')).toHaveLength(1);
    expect(text).not.toContain('persona marker');
    expect(text).toContain('in_customers AS MATERIALIZED');
    expect(text).toContain('IN (SELECT customer_id FROM in_customers)');
  });
});
