import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TouchEvent } from '../../ingest/event.ts';
import type { DuckDBStore } from '../../storage/duckdb/duckdb-store.ts';
import { sql } from '../../storage/sql.ts';
import { T0, ev, storeWith } from '../common/fixtures.ts';
import { referenceFunnel, runFunnel, type FunnelRequestInput } from './index.ts';

/**
 * The SQL engine (the sequence plan, the row tiers and the general plan) against the in-memory reference on random
 * small event sets: few customers, few event names, times on a coarse minute grid (so ties, repeats
 * and window edges are common), every order, random windows, ranges, exclusions and breakdowns
 * (persona from random identify calls).
 */
const NAMES = ['A', 'B', 'C', 'D'] as const;
const MINUTE = 60_000;

const eventArb = fc.record({
  customer: fc.constantFrom('c1', 'c2', 'c3', 'c4'),
  name: fc.constantFrom(...NAMES, 'X', 'Identify'),
  minute: fc.integer({ min: 0, max: 30 }),
  channel: fc.constantFrom('web', 'app') as fc.Arbitrary<'web' | 'app'>,
  plan: fc.constantFrom('free', 'pro', undefined),
  persona: fc.constantFrom('Bargain', 'Loyal', undefined),
});

const stepArb = fc.record({
  event: fc.constantFrom(...NAMES),
  filtered: fc.boolean(),
}).map(({ event, filtered }) => (filtered ? { event, where: [{ property: 'plan', op: 'eq' as const, value: 'pro' }] } : { event }));

const requestArb = fc.integer({ min: 2, max: 4 }).chain((k) => fc.record({
  steps: fc.array(stepArb, { minLength: k, maxLength: k }),
  window: fc.constantFrom('5m', '10m', '30m', '1h'),
  order: fc.constantFrom('ordered', 'strict', 'unordered') as fc.Arbitrary<'ordered' | 'strict' | 'unordered'>,
  range: fc.option(fc.tuple(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 15, max: 35 })), { nil: undefined }),
  exclusion: fc.option(fc.integer({ min: 0, max: k - 2 }).chain((fromStep) => fc.record({
    event: fc.constantFrom('X', 'B'),
    fromStep: fc.constant(fromStep),
    toStep: fc.integer({ min: fromStep + 1, max: k - 1 }),
  })), { nil: undefined }),
  breakdown: fc.constantFrom(undefined, 'channel', 'properties.plan', 'persona'),
}));

const collide = () => sql`42::UBIGINT`;

let store: DuckDBStore;
let run = 0;
const coverage = { runs: 0, deep: 0 };
beforeAll(async () => {
  store = await storeWith([]);
  // Small inputs would get DuckDB's nested-loop rewrite of ASOF joins; test the real operator.
  await store.exec(sql`SET GLOBAL asof_loop_join_threshold = 0`);
});
afterAll(async () => { await store.close(); });

describe('funnel SQL agrees with the in-memory reference', () => {
  test('on random event sets', async () => {
    // `compactAt`: how many of the events are folded into the stored customer sequences before the
    // rest arrive (null: none), so the sequence plan runs on stored rows, on the tail, and on both.
    const compactAt = fc.option(fc.integer({ min: 0, max: 50 }), { nil: null });
    await fc.assert(fc.asyncProperty(fc.array(eventArb, { minLength: 4, maxLength: 50, size: 'max' }), requestArb, compactAt, async (specs, r, split) => {
      // A fresh workspace per run: one database, no cross-talk.
      const ws = `ws_prop_${run++}`;
      const events: TouchEvent[] = specs.map((s) => ({
        ...ev(s.customer, s.name, T0 + s.minute * MINUTE, { workspaceId: ws, channel: s.channel, properties: s.plan ? { plan: s.plan } : {} }),
        traits: s.name === 'Identify' && s.persona ? { persona: s.persona } : null,
      }));
      if (split === null) await store.commitIngest(events, { added: [], merged: [] });
      else {
        await store.commitIngest(events.slice(0, split), { added: [], merged: [] });
        await store.compactSequences();
        await store.commitIngest(events.slice(split), { added: [], merged: [] });
      }
      const request: FunnelRequestInput = {
        steps: r.steps, window: r.window, order: r.order,
        ...(r.range ? { from: new Date(T0 + r.range[0] * MINUTE).toISOString(), to: new Date(T0 + r.range[1] * MINUTE).toISOString() } : {}),
        ...(r.exclusion ? { exclusions: [r.exclusion] } : {}),
        ...(r.breakdown ? { breakdown: r.breakdown } : {}),
      };
      const want = referenceFunnel(events, ws, request);
      coverage.runs++;
      if (want.steps[1].count > 0) coverage.deep++;
      expect(await runFunnel(store, ws, request)).toEqual(want);
      expect(await runFunnel(store, ws, request, { plan: 'general' })).toEqual(want);
      // Every customer sharing one hash: the ordered plan must route them all to the exact tier.
      if (r.order === 'ordered') {
        expect(await runFunnel(store, ws, request, { plan: 'rows' })).toEqual(want);
        expect(await runFunnel(store, ws, request, { plan: 'rows', customerHash: collide })).toEqual(want);
      }
    }), { numRuns: 300 });
    // Guard against a generator that stops producing conversions (which would test little).
    expect(coverage.deep).toBeGreaterThan(coverage.runs / 5);
    // 300 databases x up to 5 plans: ~20 s on an idle machine, over 60 s when the cores are shared.
  }, 240_000);
});
