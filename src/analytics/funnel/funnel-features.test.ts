import { describe, expect, it } from 'vitest';
import type { TouchEvent } from '../../ingest/event.ts';
import { sql } from '../../storage/sql.ts';
import { AnalyticsInputError } from '../common/errors.ts';
import { WS, at, ev, storeWith } from '../common/fixtures.ts';
import { FunnelRequestSchema, runFunnel, type FunnelResult } from './index.ts';
import { expectFunnel, summary, type Expected } from './test-support.ts';
import type { FunnelRequestInput, StageStep, TouchpointStep } from './types.ts';

/** Hand-computed funnels for exclusions, breakdowns, identities, ranges, filters and matchers. */
const m = (minutes: number) => at(0, 0, minutes);
const steps = (...names: string[]) => names.map((event) => ({ event }));
const identify = (customer: string, persona: string, t: number): TouchEvent => ({ ...ev(customer, 'Identify', t), traits: { persona } });

async function funnel(events: TouchEvent[], request: FunnelRequestInput, expected: Expected, options = {}) {
  const store = await storeWith(events);
  try {
    return await expectFunnel(store, events, request, expected, options);
  } finally {
    await store.close();
  }
}

const byValue = (r: FunnelResult) => r.breakdowns!.map((b) => [b.value, summary(b.steps).counts]);

describe('exclusions', () => {
  it('drop customers whose furthest attempt has the excluded event between the two steps', async () => {
    await funnel([
      ev('c1', 'A', m(0)), ev('c1', 'X', m(1)), ev('c1', 'B', m(2)), ev('c1', 'C', m(3)), // X between A and B: dropped
      ev('c2', 'A', m(0)), ev('c2', 'B', m(1)), ev('c2', 'X', m(2)), ev('c2', 'C', m(3)), // X after B: kept
      ev('c3', 'A', m(0)), ev('c3', 'X', m(1)), // never reached B, X within the window: dropped
      ev('c4', 'A', m(0)), ev('c4', 'X', m(0)), ev('c4', 'B', m(1)), // X at the same time as A: not between
      ev('c5', 'A', m(0)), ev('c5', 'B', m(1)), ev('c5', 'C', m(2)), // the reported attempt is clean…
      ev('c5', 'A', m(100)), ev('c5', 'X', m(101)), ev('c5', 'B', m(102)), // …a later one is not: kept
      ev('c6', 'A', m(0)), ev('c6', 'X', m(61)), // X after the window closed: kept
    ], { steps: steps('A', 'B', 'C'), window: '1h', exclusions: [{ event: 'X', fromStep: 0, toStep: 1 }] },
    { counts: [4, 3, 2], average: [null, 60, 90] }); // C after B: 2 min (c2), 1 min (c5)
  });

  it('apply across several steps', async () => {
    await funnel([
      ev('c1', 'A', m(0)), ev('c1', 'B', m(1)), ev('c1', 'X', m(2)), ev('c1', 'C', m(3)),
      ev('c2', 'A', m(0)), ev('c2', 'B', m(1)), ev('c2', 'C', m(3)), ev('c2', 'X', m(4)),
    ], { steps: steps('A', 'B', 'C'), exclusions: [{ event: 'X', fromStep: 0, toStep: 2 }] }, { counts: [1, 1, 1] });
  });
});

describe('breakdowns', () => {
  it('group by the channel of the first step-1 event', async () => {
    const r = await funnel([
      ev('c1', 'A', m(0), { channel: 'web' }), ev('c1', 'A', m(5), { channel: 'app' }), ev('c1', 'B', m(6), { channel: 'app' }),
      ev('c2', 'A', m(0), { channel: 'app' }),
      ev('c3', 'A', m(0), { channel: 'web' }), ev('c3', 'B', m(1), { channel: 'web' }),
    ], { steps: steps('A', 'B'), breakdown: 'channel' }, { counts: [3, 2], average: [null, 60] });
    expect(byValue(r)).toEqual([['web', [2, 2]], ['app', [1, 0]]]);
    expect(r.breakdowns![0].steps[1].averageSecondsFromPrevious).toBe(60);
  });

  it('group by a property, customers without it last', async () => {
    const r = await funnel([
      ev('c1', 'A', m(0), { properties: { plan: 'pro' } }), ev('c1', 'B', m(1)),
      ev('c2', 'A', m(0), { properties: { plan: 'free' } }),
      ev('c3', 'A', m(0)), ev('c3', 'B', m(2)),
      ev('c4', 'A', m(0), { properties: { plan: 'pro' } }),
    ], { steps: steps('A', 'B'), breakdown: 'properties.plan' }, { counts: [4, 2] });
    expect(byValue(r)).toEqual([['pro', [2, 1]], ['free', [1, 0]], [null, [1, 1]]]);
  });

  it('keep the largest groups up to breakdownLimit', async () => {
    const events = ['a', 'b', 'b', 'c', 'c', 'c'].map((plan, i) => ev(`c${i}`, 'A', m(0), { properties: { plan } }));
    const r = await funnel(events, { steps: steps('A', 'B'), breakdown: 'plan', breakdownLimit: 2 }, { counts: [6, 0] });
    expect(byValue(r)).toEqual([['c', [3, 0]], ['b', [2, 0]]]);
  });

  it('group by persona: the latest identify call, or an injected relation', async () => {
    const events = [
      identify('c1', 'Bargain', m(0)), identify('c1', 'Loyal', m(1)), identify('c2', 'Bargain', m(0)),
      ...['c1', 'c2', 'c3'].flatMap((c) => [ev(c, 'A', m(2)), ev(c, 'B', m(3))]),
    ];
    const r = await funnel(events, { steps: steps('A', 'B'), breakdown: 'persona' }, { counts: [3, 3] });
    expect(byValue(r)).toEqual([['Bargain', [1, 1]], ['Loyal', [1, 1]], [null, [1, 1]]]);
    const injected = await funnel(events, { steps: steps('A', 'B'), breakdown: 'persona' }, { counts: [3, 3] }, {
      personaSql: sql`SELECT ${'c3'} AS customer_id, ${'VIP'} AS persona`,
      personaOf: (id: string) => (id === 'c3' ? 'VIP' : null),
    });
    expect(byValue(injected)).toEqual([[null, [2, 2]], ['VIP', [1, 1]]]);
  });
});

describe('customers and ranges', () => {
  it('follow one customer across their identities', async () => {
    await funnel([
      { ...ev('p1', 'A', m(0)), anonymousId: 'anon-1', userId: null },
      { ...ev('p1', 'B', m(1)), anonymousId: 'anon-2', userId: 'u-1' },
    ], { steps: steps('A', 'B') }, { counts: [1, 1], average: [null, 60] });
  });

  it('see a customer merged mid-funnel as one', async () => {
    const store = await storeWith([ev('x', 'A', m(0)), ev('y', 'B', m(1)), ev('z', 'A', m(0))]);
    try {
      await store.commitIngest([], { added: [], merged: [{ workspaceId: WS, from: 'x', to: 'y', at: m(2) }] });
      const merged = [ev('y', 'A', m(0)), ev('y', 'B', m(1)), ev('z', 'A', m(0))];
      await expectFunnel(store, merged, { steps: steps('A', 'B') }, { counts: [2, 1], average: [null, 60] });
    } finally {
      await store.close();
    }
  });

  it('use only events in [from, to) for every step', async () => {
    await funnel([
      ev('c1', 'A', at(0)), ev('c1', 'B', at(2)), // A before from: not entered
      ev('c2', 'A', at(1, 10)), ev('c2', 'B', at(3)), // B exactly at to: excluded
      ev('c3', 'A', at(1, 12)), ev('c3', 'B', at(2)),
    ], { steps: steps('A', 'B'), from: new Date(at(1)).toISOString(), to: new Date(at(3)).toISOString() },
    { counts: [2, 1], average: [null, 12 * 3600] });
  });

  it('never read another workspace', async () => {
    await funnel([ev('c1', 'A', m(0)), ev('c1', 'B', m(1), { workspaceId: 'other' })], { steps: steps('A', 'B') }, { counts: [1, 0] });
  });
});

describe('step matching', () => {
  it('apply property conditions, page shorthands and numeric strings', async () => {
    await funnel([
      ev('c1', 'Page Viewed', m(0), { properties: { path: '/pricing' } }), ev('c1', 'Order Completed', m(1), { properties: { total: 150 } }),
      ev('c2', 'Page Viewed', m(0), { context: { page: { path: '/pricing' } } }), ev('c2', 'Order Completed', m(1), { properties: { total: '120' } }),
      ev('c3', 'Page Viewed', m(0), { properties: { path: '/pricing' } }), ev('c3', 'Order Completed', m(1), { properties: { total: 50 } }),
      ev('c4', 'Page Viewed', m(0), { properties: { path: '/home' } }), ev('c4', 'Order Completed', m(1), { properties: { total: 200 } }),
    ], {
      steps: [
        { event: 'Page Viewed', where: [{ property: 'path', op: 'eq', value: '/pricing' }] },
        { event: 'Order Completed', where: [{ property: 'total', op: 'gt', value: 100 }], name: 'Big order' },
      ],
    }, { counts: [3, 2] });
  });

  it('resolve touchpoint and stage steps through the injected matcher', async () => {
    const events = [ev('c1', 'Product Viewed', m(0)), ev('c1', 'Checkout Started', m(1)), ev('c1', 'Order Completed', m(2)),
      ev('c2', 'Product Viewed', m(0)), ev('c2', 'Checkout Started', m(1), { channel: 'app' })];
    const target = (s: TouchpointStep | StageStep) => ('touchpoint' in s ? 'Checkout Started' : 'Order Completed');
    const r = await funnel(events, { steps: [{ event: 'Product Viewed' }, { touchpoint: 'checkout', where: [{ property: 'channel', op: 'eq', value: 'web' }] }, { stage: 'purchase' }] },
      { counts: [2, 1, 1] }, {
        resolveStep: (s: TouchpointStep | StageStep) => sql`"event" = ${target(s)}`,
        matchStep: (s: TouchpointStep | StageStep) => (e: TouchEvent) => e.event === target(s),
      });
    expect(r.steps.map((s) => s.name)).toEqual(['Product Viewed', 'checkout', 'purchase']);
  });

  it('refuse a touchpoint step without a journey to resolve it', async () => {
    const store = await storeWith([]);
    try {
      await expect(runFunnel(store, WS, { steps: [{ event: 'A' }, { touchpoint: 'checkout' }] })).rejects.toThrow(AnalyticsInputError);
    } finally {
      await store.close();
    }
  });
});

describe('request schema', () => {
  const base = { steps: steps('A', 'B') };
  it('fills the defaults', () => {
    expect(FunnelRequestSchema.parse(base)).toMatchObject({ window: '14d', order: 'ordered', exclusions: [], breakdownLimit: 25 });
  });
  it.each([
    ['one step', { steps: steps('A') }],
    ['a bad window', { ...base, window: '7x' }],
    ['a window over a year', { ...base, window: '53w' }],
    ['an exclusion backwards', { ...base, exclusions: [{ event: 'X', fromStep: 1, toStep: 0 }] }],
    ['an exclusion past the last step', { ...base, exclusions: [{ event: 'X', fromStep: 0, toStep: 2 }] }],
    ['a step with two kinds', { steps: [{ event: 'A', touchpoint: 't' }, { event: 'B' }] }],
    ['a breakdown on time', { ...base, breakdown: 'timestamp' }],
    ['an unknown operator', { steps: [{ event: 'A', where: [{ property: 'x', op: 'like', value: 'a' }] }, { event: 'B' }] }],
    ['from after to', { ...base, from: '2026-01-02', to: '2026-01-01' }],
  ])('rejects %s', (_, request) => {
    expect(FunnelRequestSchema.safeParse(request).success).toBe(false);
  });
});
