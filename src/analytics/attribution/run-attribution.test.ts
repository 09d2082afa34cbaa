import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBStore } from '../../storage/duckdb/duckdb-store.ts';
import { sql } from '../../storage/sql.ts';
import { AnalyticsInputError } from '../common/errors.ts';
import { at, ev, storeWith, WS } from '../common/fixtures.ts';
import { removalEffects, transitionsFromPaths, markovShares } from './markov.ts';
import { journeyTransitions } from './markov-sql.ts';
import { runAttribution } from './run-attribution.ts';
import { AttributionRequestSchema, type AttributionResult, type HeuristicModel } from './schema.ts';

const ORD = 'Order Completed', PV = 'Page Viewed';
const order = (c: string, t: number, properties: Record<string, unknown>, channel: 'web' | 'store' = 'web') => ev(c, ORD, t, { channel, properties });
const fall = { campaign: { source: 'facebook', medium: 'paid_social', name: 'fall' } };
const oct = { campaign: { source: 'newsletter', medium: 'email', name: 'oct' } };
const H = 3_600_000;

let store: DuckDBStore;
beforeAll(async () => {
  store = await storeWith([
    // k1: social → email → web order (100)
    ev('k1', 'Ad Clicked', at(0), { channel: 'social', context: fall }), ev('k1', 'Email Link Clicked', at(5), { channel: 'email' }),
    order('k1', at(10), { revenue: 100, total: 120 }),
    // k2: email, email (one visit) → web view → web order (total 50, no revenue)
    ev('k2', 'Email Link Clicked', at(1), { channel: 'email', context: oct }), ev('k2', PV, at(2), { channel: 'email', context: oct }),
    ev('k2', PV, at(3)), order('k2', at(3) + H, { total: 50 }),
    // k3: a store order with nothing before it (30)
    order('k3', at(4), { revenue: 30 }, 'store'),
    // k4: a social touch 40 days before a web order (20): outside the 30-day lookback
    ev('k4', 'Ad Clicked', at(0), { channel: 'social' }), order('k4', at(40), { revenue: 20 }),
    // k5: two orders; the first one's touches do not count for the second
    ev('k5', 'Email Link Clicked', at(0), { channel: 'email' }), order('k5', at(1), { revenue: 10 }),
    ev('k5', 'Ad Clicked', at(2), { channel: 'social' }), order('k5', at(3), { revenue: 10 }),
    // bookkeeping calls are never touches; other workspaces never count
    ev('k5', 'Identify', at(2) + H, { channel: 'chat' }),
    { ...order('zz', at(1), { revenue: 999 }), workspaceId: 'other' },
  ]);
});
afterAll(() => store.close());

/** Hand-computed credit of each conversion per model, with its revenue. */
const decay = (days: number[]) => {
  const w = days.map((d) => 0.5 ** (d / 7));
  const s = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / s);
};
const d1 = decay([10, 5, 0]), d2 = decay([2 + 1 / 24, 1 / 24]);
const CONVERSIONS: { revenue: number; credit: Record<HeuristicModel, Record<string, number>> }[] = [
  { revenue: 100, credit: { first_touch: { social: 1 }, last_touch: { web: 1 }, linear: { social: 1 / 3, email: 1 / 3, web: 1 / 3 },
    position_based: { social: 0.4, email: 0.2, web: 0.4 }, time_decay: { social: d1[0], email: d1[1], web: d1[2] } } },
  { revenue: 50, credit: { first_touch: { email: 1 }, last_touch: { web: 1 }, linear: { email: 0.5, web: 0.5 },
    position_based: { email: 0.5, web: 0.5 }, time_decay: { email: d2[0], web: d2[1] } } },
  // k3 and k4: a single touch takes everything under every model.
  ...([['store', 30], ['web', 20]] as const).map(([ch, revenue]) => {
    const only: Record<string, number> = { [ch]: 1 };
    return { revenue, credit: { first_touch: only, last_touch: only, linear: only, position_based: only, time_decay: only } };
  }),
  ...[10, 10].map((revenue, i) => {
    const [a, d] = [i === 0 ? 'email' : 'social', decay([1, 0])];
    return { revenue, credit: { first_touch: { [a]: 1 }, last_touch: { web: 1 }, linear: { [a]: 0.5, web: 0.5 }, position_based: { [a]: 0.5, web: 0.5 }, time_decay: { [a]: d[0], web: d[1] } } };
  }),
];

function expected(model: HeuristicModel) {
  const by = new Map<string, { conversions: number; revenue: number }>();
  for (const c of CONVERSIONS) {
    for (const [ch, x] of Object.entries(c.credit[model])) {
      const e = by.get(ch) ?? { conversions: 0, revenue: 0 };
      e.conversions += x;
      e.revenue += x * c.revenue;
      by.set(ch, e);
    }
  }
  return by;
}

function creditsOf(r: AttributionResult, model: string) {
  const m = r.models.find((x) => x.model === model)!;
  return new Map(m.channels.map((c) => [c.channel, { conversions: c.conversions, revenue: c.revenue }]));
}

function expectClose(actual: Map<string, { conversions: number; revenue: number }>, want: Map<string, { conversions: number; revenue: number }>) {
  expect([...actual.keys()].sort()).toEqual([...want.keys()].sort());
  for (const [k, v] of want) {
    expect(actual.get(k)!.conversions, `${k} conversions`).toBeCloseTo(v.conversions, 9);
    expect(actual.get(k)!.revenue, `${k} revenue`).toBeCloseTo(v.revenue, 9);
  }
}

describe('runAttribution, rule-based models by channel', () => {
  it('credits every conversion and its revenue as computed by hand', async () => {
    const r = await runAttribution(store, WS, { models: ['first_touch', 'last_touch', 'linear', 'position_based', 'time_decay'] });
    expect(r.conversions).toBe(6);
    expect(r.revenue).toBeCloseTo(220, 9); // revenue ?? total: 100 + 50 + 30 + 20 + 10 + 10
    for (const model of ['first_touch', 'last_touch', 'linear', 'position_based', 'time_decay'] as const) {
      expectClose(creditsOf(r, model), expected(model));
      const m = r.models.find((x) => x.model === model)!;
      expect(m.channels.reduce((s, c) => s + c.share, 0)).toBeCloseTo(1, 9);
      expect(m.channels.map((c) => c.conversions)).toEqual([...m.channels.map((c) => c.conversions)].sort((a, b) => b - a));
    }
  });

  it('a longer lookback brings older touches back', async () => {
    const r = await runAttribution(store, WS, { model: 'first_touch', lookbackDays: 60 });
    // k4's social ad (40 days before) now comes first.
    expect(creditsOf(r, 'first_touch').get('social')!.conversions).toBe(3);
    expect(creditsOf(r, 'first_touch').get('web')).toBeUndefined();
  });

  it('from/to select conversions; their touches may be older than `from`', async () => {
    const r = await runAttribution(store, WS, { model: 'first_touch', from: new Date(at(3)).toISOString(), to: new Date(at(11)).toISOString() });
    // k1 (day 10, social first), k2 (day 3 + 1h, email first), k3 (day 4), k5's second (day 3, social first).
    expect(r.conversions).toBe(4);
    expect(Object.fromEntries([...creditsOf(r, 'first_touch')].map(([k, v]) => [k, v.conversions]))).toEqual({ social: 2, email: 1, store: 1 });
  });
});

describe('runAttribution by campaign and touchpoint', () => {
  it('campaigns from context.campaign; conversions without one are (direct)', async () => {
    const r = await runAttribution(store, WS, { model: 'last_touch', dimension: 'campaign' });
    expect(Object.fromEntries([...creditsOf(r, 'last_touch')].map(([k, v]) => [k, v.conversions]))).toEqual({
      'facebook / paid_social / fall': 1, 'newsletter / email / oct': 1, '(direct)': 4,
    });
  });

  it('touchpoints from the injected touchpointSql; required for that dimension', async () => {
    const touchpointSql = sql`(CASE WHEN channel = 'email' THEN ${'tp_email'} WHEN event = ${ORD} THEN ${'tp_buy'} END)`;
    const r = await runAttribution(store, WS, { model: 'linear', dimension: 'touchpoint' }, { touchpointSql });
    // tp_email appears in k1 (1/2: email, buy), k2 (1/2) and k5's first order (1/2).
    expect(creditsOf(r, 'linear').get('tp_email')!.conversions).toBeCloseTo(1.5, 9);
    expect(creditsOf(r, 'linear').get('tp_buy')!.conversions).toBeCloseTo(4.5, 9);
    await expect(runAttribution(store, WS, { dimension: 'touchpoint' })).rejects.toBeInstanceOf(AnalyticsInputError);
  });
});

describe('data-driven (Markov) attribution', () => {
  let s: DuckDBStore;
  beforeAll(async () => {
    // The classic example with email = C1, social = C2, web = C3; the web order continues the web visit.
    s = await storeWith([
      ev('a', 'Email Link Clicked', at(0), { channel: 'email' }), ev('a', 'Ad Clicked', at(1), { channel: 'social' }),
      ev('a', PV, at(2)), order('a', at(2) + H, { revenue: 40 }),
      ev('b', 'Email Link Clicked', at(0), { channel: 'email' }),
      ev('c', 'Ad Clicked', at(0), { channel: 'social' }), ev('c', PV, at(1)),
    ]);
  });
  afterAll(() => s.close());

  it('counts the journeys’ transitions in SQL as the paths would', async () => {
    const req = AttributionRequestSchema.parse({});
    const got = await journeyTransitions(s, { workspaceId: WS, req });
    const want = transitionsFromPaths([
      { path: ['email', 'social', 'web'], converted: true }, { path: ['email'], converted: false }, { path: ['social', 'web'], converted: false },
    ]);
    const key = (t: { from: string; to: string; count: number }) => `${t.from} > ${t.to} = ${t.count}`;
    expect(got.map(key).sort()).toEqual(want.map(key).sort());
  });

  it('shares conversions and revenue by removal effect: 0.2 / 0.4 / 0.4', async () => {
    const r = await runAttribution(s, WS, { model: 'data_driven' });
    expect(r.conversions).toBe(1);
    const got = creditsOf(r, 'data_driven');
    expect(got.get('email')!.conversions).toBeCloseTo(0.2, 12);
    expect(got.get('social')!.conversions).toBeCloseTo(0.4, 12);
    expect(got.get('web')!.conversions).toBeCloseTo(0.4, 12);
    expect(got.get('web')!.revenue).toBeCloseTo(16, 12);
    const markov = r.models[0].markov!;
    expect(markov.conversionProbability).toBeCloseTo(1 / 3, 12);
    expect(markov.removalEffects.email).toBeCloseTo(0.5, 12);
  });

  it('on the larger fixture: credits sum to the conversions and match the effects of the same journeys', async () => {
    const r = await runAttribution(store, WS, {});
    expect(r.models.map((m) => m.model)).toEqual(['first_touch', 'last_touch', 'linear', 'position_based', 'time_decay', 'data_driven']);
    const dd = r.models.at(-1)!;
    expect(dd.channels.reduce((a, c) => a + c.conversions, 0)).toBeCloseTo(6, 9);
    // Journeys: k1 social email web ✓ · k2 email web ✓ · k3 store ✓ · k4 web ✓ · k5 email web ✓, social web ✓ — no non-converting ones.
    const shares = markovShares(removalEffects(transitionsFromPaths([
      { path: ['social', 'email', 'web'], converted: true }, { path: ['email', 'web'], converted: true }, { path: ['store'], converted: true },
      { path: ['web'], converted: true }, { path: ['email', 'web'], converted: true }, { path: ['social', 'web'], converted: true },
    ])).effects);
    for (const c of dd.channels) expect(c.conversions).toBeCloseTo(6 * shares.get(c.channel)!, 9);
  });
});
