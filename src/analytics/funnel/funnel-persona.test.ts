import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TouchEvent } from '../../ingest/event.ts';
import { stepResolver } from '../../api/journey-context.ts';
import type { DuckDBStore } from '../../storage/duckdb/duckdb-store.ts';
import { AnalyticsInputError } from '../common/errors.ts';
import { at, ev, storeWith, WS } from '../common/fixtures.ts';
import { SHOP_JOURNEY } from '../common/test-journey.ts';
import { runJourneyMap } from '../journey-map/index.ts';
import { runFunnel } from './index.ts';
import { expectFunnel } from './test-support.ts';

const journey = SHOP_JOURNEY; // personas: vip (latest traits.plan = vip), then buyer (has an Order Completed)
const identify = (c: string, t: number, traits: Record<string, unknown>): TouchEvent => ({ ...ev(c, 'Identify', t), traits });

/**
 * Five customers, Product Viewed → Order Completed; persona as of `to` = day 3:
 * a1 vip      views d0 (web), orders d0 +1 h
 * a2 buyer    plan basic; views d0 (app), orders d0 +2 h
 * a3 vip      views d1, never orders
 * a4 (none)   views d0, no identify, never orders
 * a5 buyer    plan basic; views d1, orders d1 +30 min; becomes vip on d5, after `to` (vip without `to`)
 */
const EVENTS: TouchEvent[] = [
  identify('a1', at(0), { plan: 'vip' }), ev('a1', 'Product Viewed', at(0, 0, 1)), ev('a1', 'Order Completed', at(0, 1, 1)),
  identify('a2', at(0), { plan: 'basic' }), ev('a2', 'Product Viewed', at(0, 0, 1), { channel: 'app' }), ev('a2', 'Order Completed', at(0, 2, 1)),
  identify('a3', at(0), { plan: 'vip' }), ev('a3', 'Product Viewed', at(1)),
  ev('a4', 'Product Viewed', at(0)),
  identify('a5', at(0), { plan: 'basic' }), ev('a5', 'Product Viewed', at(1)), ev('a5', 'Order Completed', at(1, 0, 30)),
  identify('a5', at(5), { plan: 'vip' }),
];
const TO = new Date(at(3));
const steps = [{ event: 'Product Viewed' }, { event: 'Order Completed' }];

let store: DuckDBStore;
beforeAll(async () => { store = await storeWith(EVENTS); });
afterAll(async () => { await store.close(); });

describe('funnel persona filter', () => {
  it('counts only the persona\'s customers, on every plan and in the reference', async () => {
    const all = await expectFunnel(store, EVENTS, { steps, to: TO }, { counts: [5, 3], median: [null, 3600] });
    const vip = await expectFunnel(store, EVENTS, { steps, to: TO, persona: 'vip' },
      { counts: [2, 1], average: [null, 3600], median: [null, 3600] },
      { journey, inPersona: (c) => ['a1', 'a3'].includes(c) });
    const buyer = await expectFunnel(store, EVENTS, { steps, to: TO, persona: 'buyer' },
      { counts: [2, 2], average: [null, (7200 + 1800) / 2], median: [null, (7200 + 1800) / 2] },
      { journey, inPersona: (c) => ['a2', 'a5'].includes(c) });
    expect(vip.steps).not.toEqual(all.steps);
    expect(vip.steps[1].conversionRate).toBe(0.5);
    expect(buyer.steps[1].conversionRate).toBe(1);
  });

  it('takes the persona as of `to`, as the map does: a5 is a vip only without `to`', async () => {
    await expectFunnel(store, EVENTS, { steps, persona: 'vip' }, { counts: [3, 2] },
      { journey, inPersona: (c) => ['a1', 'a3', 'a5'].includes(c) });
    await expectFunnel(store, EVENTS, { steps, persona: 'buyer' }, { counts: [1, 1] },
      { journey, inPersona: (c) => c === 'a2' });
  });

  it('answers the drill-in (touchpoint → next stage by channel) for the map\'s persona', async () => {
    const resolveStep = stepResolver({ id: journey.id, version: 1, createdAt: '', journey } as never);
    const drill = (persona?: string) => runFunnel(store, WS,
      { steps: [{ touchpoint: 'view' }, { stage: 'buy' }], window: '30d', breakdown: 'channel', to: TO, persona }, { resolveStep, journey });
    const all = await drill();
    expect(all.steps.map((s) => s.count)).toEqual([5, 3]);
    const buyer = await drill('buyer');
    expect(buyer.steps.map((s) => s.count)).toEqual([2, 2]);
    expect(buyer.breakdowns!.map((b) => [b.value, b.steps.map((s) => s.count)])).toEqual([['app', [1, 1]], ['web', [1, 1]]]);
    // The map for the same persona and range sees the same customers at the touchpoint.
    const map = await runJourneyMap(store, WS, { journey, to: TO.toISOString(), persona: 'buyer' });
    const view = map.stages.flatMap((s) => s.touchpoints).find((t) => t.id === 'view')!;
    expect(view.reach).toBe(buyer.steps[0].count);
  });

  it('rejects an unknown persona, and a persona without a journey', async () => {
    await expect(runFunnel(store, WS, { steps, persona: 'nobody' }, { journey })).rejects.toBeInstanceOf(AnalyticsInputError);
    await expect(runFunnel(store, WS, { steps, persona: 'vip' })).rejects.toBeInstanceOf(AnalyticsInputError);
    await expect(runFunnel(store, WS, { steps, persona: '' }, { journey })).rejects.toThrow();
  });
});
