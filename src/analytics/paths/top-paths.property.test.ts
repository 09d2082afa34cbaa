import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TouchEvent } from '../../ingest/event.ts';
import { DuckDBStore } from '../../storage/duckdb/duckdb-store.ts';
import { ev, T0, WS } from '../common/fixtures.ts';
import { replaceEvents } from './test-events.ts';
import { topPaths } from './top-paths.ts';

const M = 60_000, BUY = 'Order Completed', CART = 'Product Added';

/** Plain reference of `topPaths`' documented rules; returns path → customers. */
function reference(events: TouchEvent[], o: { outcome: 'purchase' | 'abandonment'; depth: number; gap: number; withinMinutes: number; to?: number }) {
  const by = new Map<string, TouchEvent[]>();
  for (const e of events) by.set(e.customerId, [...(by.get(e.customerId) ?? []), e]);
  const counts = new Map<string, number>();
  for (const raw of by.values()) {
    const list = raw.filter((e) => o.outcome === 'purchase' ? o.to === undefined || e.timestamp < o.to : true)
      .sort((a, b) => a.timestamp - b.timestamp || (a.event < b.event ? -1 : a.event > b.event ? 1 : 0)); // ties by name
    const kept: { e: TouchEvent; session: number; i: number }[] = [];
    let session = 0;
    list.forEach((e, i) => {
      const prev = list[i - 1];
      const fresh = !prev || e.timestamp - prev.timestamp > o.gap * M;
      if (fresh) session++;
      if (!fresh && prev.event === e.event) return;
      kept.push({ e, session, i });
    });
    const inRange = (t: number) => o.to === undefined || t < o.to;
    let end = -1;
    if (o.outcome === 'purchase') {
      end = kept.findIndex((k) => k.e.event === BUY);
    } else {
      const t = kept.findIndex((k) => {
        if (k.e.event !== CART || !inRange(k.e.timestamp)) return false;
        const next = list.slice(k.i + 1).find((e) => e.event === BUY);
        return !next || next.timestamp - k.e.timestamp > o.withinMinutes * M;
      });
      if (t >= 0) end = kept.findLastIndex((k) => k.session === kept[t].session && inRange(k.e.timestamp));
    }
    if (end < 0) continue;
    const path = kept.slice(Math.max(0, end - o.depth + 1), end + 1).filter((k) => k.session === kept[end].session).map((k) => k.e.event);
    counts.set(path.join(' > '), (counts.get(path.join(' > ')) ?? 0) + 1);
  }
  return counts;
}

describe('topPaths matches the reference on random event sets', () => {
  let store: DuckDBStore;
  beforeAll(async () => { store = await DuckDBStore.open(':memory:'); await store.init(); });
  afterAll(() => store.close());

  it('for both outcomes, with ties, sessions, repeats and a range end', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(fc.record({ c: fc.integer({ min: 0, max: 4 }), e: fc.constantFrom('A', 'B', CART, BUY), m: fc.integer({ min: 0, max: 90 }) }), { minLength: 5, maxLength: 40 }),
      fc.constantFrom('purchase' as const, 'abandonment' as const), fc.integer({ min: 1, max: 4 }), fc.constantFrom(10, 30),
      fc.option(fc.constant(60), { nil: undefined }),
      fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }),
      async (specs, outcome, depth, gap, toMinute, split) => {
        const events = specs.map((s) => ev(`c${s.c}`, s.e, T0 + s.m * M));
        await replaceEvents(store, events, split);
        const to = toMinute === undefined ? undefined : T0 + toMinute * M;
        // 20 minutes as a fraction of a day: the SQL and the reference use the same window.
        const withinMinutes = 20;
        const r = await topPaths(store, WS, {
          outcome, depth, sessionGapMinutes: gap, abandonWithinDays: withinMinutes / 1440, abandonEvents: [CART],
          to: to === undefined ? undefined : new Date(to), limit: 100,
        });
        const want = reference(events, { outcome, depth, gap, withinMinutes, to });
        const got = new Map(r.paths.map((p) => [p.steps.join(' > '), p.customers]));
        expect(got).toEqual(want);
        expect(r.customers).toBe([...want.values()].reduce((a, b) => a + b, 0));
      }), { numRuns: 200 });
  });
});
