import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TouchEvent } from '../../ingest/event.ts';
import { DuckDBStore } from '../../storage/duckdb/duckdb-store.ts';
import { sql } from '../../storage/sql.ts';
import { ev, T0, WS } from '../common/fixtures.ts';
import { transitionsFromPaths, type Transition } from './markov.ts';
import { journeyTransitions } from './markov-sql.ts';
import { runAttribution } from './run-attribution.ts';
import { AttributionRequestSchema, HEURISTIC_MODELS, type HeuristicModel } from './schema.ts';

const H = 3_600_000, D = 24 * H;
interface Touch { key: string; ts: number }

/** Plain reference of the documented journey rules and rule-based models, by channel. */
function reference(events: TouchEvent[], o: { from?: number; lookbackDays: number; halfLifeDays: number }) {
  const L = o.lookbackDays * D;
  const credit = new Map<string, Record<HeuristicModel, number[]>>();
  const add = (key: string, model: HeuristicModel, x: number, revenue: number) => {
    const e = credit.get(key) ?? (Object.fromEntries(HEURISTIC_MODELS.map((m) => [m, [0, 0]])) as Record<HeuristicModel, number[]>);
    e[model][0] += x;
    e[model][1] += x * revenue;
    credit.set(key, e);
  };
  const paths: { path: string[]; converted: boolean }[] = [];
  const collapse = (ts: Touch[]) => ts.filter((t, i) => i === 0 || ts[i - 1].key !== t.key);
  const byCustomer = new Map<string, TouchEvent[]>();
  for (const e of events) byCustomer.set(e.customerId, [...(byCustomer.get(e.customerId) ?? []), e]);
  for (const list of byCustomer.values()) {
    const isConv = (e: TouchEvent) => (e.event === 'Order Completed' ? 1 : 0);
    list.sort((a, b) => a.timestamp - b.timestamp || isConv(a) - isConv(b) || (a.messageId < b.messageId ? -1 : 1));
    let group: Touch[] = [];
    for (const e of list) {
      group.push({ key: e.channel, ts: e.timestamp });
      if (!isConv(e)) continue;
      const t = e.timestamp, revenue = Number(e.properties.revenue ?? 0);
      const journey = collapse(group.filter((x) => t - x.ts <= L));
      group = [];
      if (o.from !== undefined && t < o.from) continue;
      paths.push({ path: journey.map((x) => x.key), converted: true });
      const n = journey.length;
      add(journey[0].key, 'first_touch', 1, revenue);
      add(journey[n - 1].key, 'last_touch', 1, revenue);
      const w = journey.map((x) => 0.5 ** ((t - x.ts) / (o.halfLifeDays * D)));
      const ws = w.reduce((a, b) => a + b, 0);
      journey.forEach((x, i) => {
        add(x.key, 'linear', 1 / n, revenue);
        add(x.key, 'position_based', n === 1 ? 1 : n === 2 ? 0.5 : i === 0 || i === n - 1 ? 0.4 : 0.2 / (n - 2), revenue);
        add(x.key, 'time_decay', w[i] / ws, revenue);
      });
    }
    if (group.length > 0) {
      const last = group[group.length - 1].ts;
      const journey = collapse(group.filter((x) => last - x.ts <= L && (o.from === undefined || x.ts >= o.from)));
      if (journey.length > 0) paths.push({ path: journey.map((x) => x.key), converted: false });
    }
  }
  return { credit, transitions: transitionsFromPaths(paths) };
}

const rowArb = fc.record({
  c: fc.integer({ min: 0, max: 3 }), ch: fc.constantFrom('web', 'email', 'social'), conv: fc.boolean(),
  h: fc.integer({ min: 0, max: 240 }), revenue: fc.integer({ min: 1, max: 100 }),
});

describe('runAttribution matches the reference on random journeys', () => {
  let store: DuckDBStore;
  beforeAll(async () => { store = await DuckDBStore.open(':memory:'); await store.init(); });
  afterAll(() => store.close());

  it('rule-based credits and Markov transitions', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(rowArb, { maxLength: 30 }), fc.integer({ min: 1, max: 6 }), fc.option(fc.constant(60), { nil: undefined }),
      async (rows, lookbackDays, fromHour) => {
        const events = rows.map((r) => r.conv
          ? ev(`c${r.c}`, 'Order Completed', T0 + r.h * H, { channel: r.ch as 'web', properties: { revenue: r.revenue } })
          : ev(`c${r.c}`, 'Page Viewed', T0 + r.h * H, { channel: r.ch as 'web' }));
        await store.exec(sql`DELETE FROM events`);
        await store.commitIngest(events, { added: [], merged: [] });
        const from = fromHour === undefined ? undefined : T0 + fromHour * H;
        const input = { lookbackDays, halfLifeDays: 2, from: from === undefined ? undefined : new Date(from) };
        const want = reference(events, { from, lookbackDays, halfLifeDays: 2 });
        const got = await runAttribution(store, WS, { ...input, models: [...HEURISTIC_MODELS] });
        for (const m of got.models) {
          const model = m.model as HeuristicModel;
          const expected = [...want.credit].filter(([, v]) => v[model][0] > 0).map(([k]) => k).sort();
          expect(m.channels.map((c) => c.channel).sort(), model).toEqual(expected);
          for (const c of m.channels) {
            expect(c.conversions, `${model} ${c.channel}`).toBeCloseTo(want.credit.get(c.channel)![model][0], 9);
            expect(c.revenue, `${model} ${c.channel} revenue`).toBeCloseTo(want.credit.get(c.channel)![model][1], 9);
          }
        }
        const transitions = await journeyTransitions(store, { workspaceId: WS, req: AttributionRequestSchema.parse(input) });
        const key = (t: Transition) => `${t.from} > ${t.to} = ${t.count}`;
        expect(transitions.map(key).sort()).toEqual(want.transitions.map(key).sort());
      }), { numRuns: 150 });
  });
});
