import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TouchEvent } from '../../ingest/event.ts';
import { DuckDBStore } from '../../storage/duckdb/duckdb-store.ts';
import { ev, T0, WS } from '../common/fixtures.ts';
import { replaceEvents } from './test-events.ts';
import { runPaths } from './run-paths.ts';
import type { PathsRequest } from './schema.ts';

/** A plain reference of the documented semantics: per customer, sort, sessionise, collapse, anchor, cut. */
function referenceLinks(events: TouchEvent[], req: Pick<PathsRequest, 'start' | 'end' | 'depth' | 'collapseRepeats' | 'sessionGapMinutes'>) {
  const by = new Map<string, TouchEvent[]>();
  for (const e of events) by.set(e.customerId, [...(by.get(e.customerId) ?? []), e]);
  const links = new Map<string, number>();
  let customers = 0;
  const name = (m: { event: string } | { touchpoint: string } | undefined) => (m && 'event' in m ? m.event : undefined);
  for (const list of by.values()) {
    // Steps at the same millisecond are ordered by name.
    list.sort((a, b) => a.timestamp - b.timestamp || (a.event < b.event ? -1 : a.event > b.event ? 1 : 0));
    const steps: { name: string; session: number }[] = [];
    let session = 0;
    list.forEach((e, i) => {
      const prev = list[i - 1];
      const fresh = !prev || (req.sessionGapMinutes !== undefined && (e.timestamp - prev.timestamp) / 1000 > req.sessionGapMinutes * 60);
      if (fresh) session++;
      if (req.collapseRepeats && !fresh && prev.event === e.event) return;
      steps.push({ name: e.event, session });
    });
    const start = name(req.start), end = name(req.end);
    let lo: number, hi: number, origin: number;
    if (end !== undefined && start === undefined) {
      const e = steps.findIndex((s) => s.name === end);
      if (e < 0) continue;
      [lo, hi, origin] = [Math.max(0, e - req.depth + 1), e, e];
    } else {
      const a = start === undefined ? 0 : steps.findIndex((s) => s.name === start);
      if (a < 0 || steps.length === 0) continue;
      hi = a + req.depth - 1;
      if (end !== undefined) {
        const e = steps.findIndex((s, i) => i > a && s.name === end);
        if (e < 0) continue;
        hi = Math.min(hi, e);
      }
      [lo, origin] = [a, a];
    }
    customers++;
    const anchorSession = steps[origin].session;
    const path = steps.map((s, i) => ({ ...s, i })).filter((s) => s.i >= lo && s.i <= hi && (req.sessionGapMinutes === undefined || s.session === anchorSession));
    for (let k = 0; k + 1 < path.length; k++) {
      const key = `${path[k].i - origin}:${path[k].name} > ${path[k + 1].i - origin}:${path[k + 1].name}`;
      links.set(key, (links.get(key) ?? 0) + 1);
    }
  }
  return { customers, links: [...links].map(([k, v]) => `${k} = ${v}`).sort() };
}

const NAMES = ['A', 'B', 'C', 'D'];
const anchor = fc.option(fc.constantFrom(...NAMES).map((event) => ({ event })), { nil: undefined });
const eventsArb = fc.array(fc.record({ c: fc.integer({ min: 0, max: 4 }), e: fc.constantFrom(...NAMES), m: fc.integer({ min: 0, max: 30 }) }), { minLength: 5, maxLength: 40 });

describe('runPaths matches the reference on random event sets', () => {
  let store: DuckDBStore;
  beforeAll(async () => { store = await DuckDBStore.open(':memory:'); await store.init(); });
  afterAll(() => store.close());

  it('for every anchor combination, depth, collapse and session setting', async () => {
    await fc.assert(fc.asyncProperty(
      eventsArb, anchor, anchor, fc.integer({ min: 2, max: 5 }), fc.boolean(), fc.option(fc.constantFrom(2, 5), { nil: undefined }),
      fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }),
      async (specs, start, end, depth, collapseRepeats, sessionGapMinutes, split) => {
        const events = specs.map((s) => ev(`c${s.c}`, s.e, T0 + s.m * 60_000));
        await replaceEvents(store, events, split);
        const r = await runPaths(store, WS, { start, end, depth, collapseRepeats, sessionGapMinutes, limit: 1000 });
        const expected = referenceLinks(events, { start, end, depth, collapseRepeats, sessionGapMinutes });
        expect({ customers: r.customers, links: r.links.map((l) => `${l.source} > ${l.target} = ${l.value}`).sort() }).toEqual(expected);
      }), { numRuns: 150 });
  });
});
