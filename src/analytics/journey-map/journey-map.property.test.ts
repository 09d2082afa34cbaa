import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TouchEvent } from '../../ingest/event.ts';
import { touchpointCaseSql, touchpointOf } from '../../journeys/assign.ts';
import type { Journey } from '../../journeys/definition.ts';
import { DuckDBStore } from '../../storage/duckdb/duckdb-store.ts';
import { join, raw, sql } from '../../storage/sql.ts';
import { ev, T0, WS } from '../common/fixtures.ts';
import { journeyLayout, touchpointIndexSql, touchpointInSql } from '../common/journey-layout.ts';
import { testJourney } from '../common/test-journey.ts';
import { runJourneyMap } from './run-journey-map.ts';

/**
 * The map's SQL against a plain in-memory reference of its documented semantics (first pass through
 * the stages, touchpoints via `touchpointOf`), on random events. Page paths include values the text
 * prefilter must not get wrong: quotes, unicode, a prefix in the middle of the text, the path only in
 * `context.page`.
 */
const journey: Journey = testJourney({
  id: 'p', name: 'P',
  stages: [
    { id: 'a', name: 'A', goal: { description: 'g', metric: { touchpoint: 'add' } }, touchpoints: [
      { id: 'ad', name: 'Ad', channel: 'social', match: { event: 'Ad Clicked' } },
      { id: 'blog', name: 'Blog', match: { type: 'page', where: [{ property: 'path', op: 'starts_with', value: '/blog/' }] } },
      { id: 'home', name: 'Home', match: { type: 'page', where: [{ property: 'path', op: 'eq', value: '/' }] } },
    ] },
    { id: 'b', name: 'B', touchpoints: [
      { id: 'view', name: 'View', match: { event: 'Product Viewed' } },
      { id: 'add', name: 'Add', match: { event: 'Product Added' } },
      { id: 'cart', name: 'Cart', match: { type: 'page', where: [{ property: 'path', op: 'in', value: ['/cart', '/basket'] }] } },
    ] },
    { id: 'c', name: 'C', goal: { description: 'g', metric: { event: 'Order Completed' } }, touchpoints: [
      { id: 'order', name: 'Order', match: { event: 'Order Completed' } },
      { id: 'praise', name: 'Praise', match: { event: 'Product Reviewed', where: [{ property: 'properties.rating', op: 'gte', value: 4 }] } },
      { id: 'quote', name: 'Quote', match: { type: 'page', where: [{ property: 'title', op: 'contains', value: 'deal' }] } },
    ] },
  ],
});
const layout = journeyLayout(journey);

const PATHS = ['/', '/blog/a', '/blog/"q"', 'x/blog/', '/blog', '/cart', '/basket', '/basket/é', 'é/'];
const spec = fc.record({
  c: fc.integer({ min: 0, max: 6 }),
  m: fc.integer({ min: 0, max: 400 }),
  kind: fc.constantFrom('ad', 'ad-web', 'page', 'page-ctx', 'view', 'add', 'order', 'review', 'load'),
  path: fc.constantFrom(...PATHS),
  title: fc.constantFrom('Big deal', 'Deal', 'ideals', 'home'),
  rating: fc.constantFrom(1, 4, 5, '5', 'x'),
});
type Spec = typeof spec extends fc.Arbitrary<infer T> ? T : never;

function toEvent(s: Spec): TouchEvent {
  const t = T0 + s.m * 60_000;
  const c = `c${s.c}`;
  switch (s.kind) {
    case 'ad': return ev(c, 'Ad Clicked', t, { channel: 'social' });
    case 'ad-web': return ev(c, 'Ad Clicked', t);
    case 'page': return ev(c, 'Page Viewed', t, { properties: { path: s.path, title: s.title } });
    case 'page-ctx': return ev(c, 'Page Viewed', t, { context: { page: { path: s.path } } });
    case 'view': return ev(c, 'Product Viewed', t, { properties: { path: s.path } });
    case 'add': return ev(c, 'Product Added', t);
    case 'order': return ev(c, 'Order Completed', t);
    case 'review': return ev(c, 'Product Reviewed', t, { properties: { rating: s.rating } });
    case 'load': return ev(c, 'Page Load', t, { properties: { path: s.path, duration_ms: 100 } });
  }
}

/** quantile_cont(0.5). */
function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const h = (s.length - 1) / 2;
  return s[Math.floor(h)] + (s[Math.ceil(h)] - s[Math.floor(h)]) * (h - Math.floor(h));
}

function reference(events: TouchEvent[]) {
  const S = layout.stages.length;
  const by = new Map<string, { t: number; k: number; event: string }[]>();
  for (const e of events) {
    const hit = touchpointOf(journey, e);
    const k = hit ? layout.touchpoints.findIndex((x) => x.touchpoint.id === hit.touchpoint.id) : -1;
    by.set(e.customerId, [...(by.get(e.customerId) ?? []), { t: e.timestamp, k, event: e.event }]);
  }
  const stages = layout.stages.map(() => ({ reach: 0, advanced: 0, times: [] as number[], goal: 0, drops: new Map<number, number>() }));
  const tps = layout.touchpoints.map(() => ({ reach: 0, events: 0, inStage: 0, advanced: 0, times: [] as number[] }));
  for (const list of by.values()) {
    const hits = list.filter((x) => x.k >= 0);
    const first = (pred: (k: number) => boolean) => Math.min(...hits.filter((x) => pred(x.k)).map((x) => x.t));
    const f = layout.stages.map((st) => first((k) => k >= st.first && k < st.end));
    const x = layout.stages.map((st) => first((k) => k >= st.end));
    const entered = (i: number) => Number.isFinite(f[i]) && f[i] <= x[i];
    layout.stages.forEach((st, i) => {
      if (!entered(i)) return;
      stages[i].reach++;
      if (Number.isFinite(x[i])) { stages[i].advanced++; stages[i].times.push((x[i] - f[i]) / 1000); }
      const goal = journey.stages[i].goal?.metric;
      if (goal) {
        const k = 'touchpoint' in goal ? layout.touchpoints.findIndex((tp) => tp.touchpoint.id === goal.touchpoint) : -2;
        if (list.some((e) => e.t >= f[i] && ('touchpoint' in goal ? e.k === k : e.event === goal.event))) stages[i].goal++;
      }
    });
    const top = f.map((v, i) => (Number.isFinite(v) ? i : -1)).reduce((a, b) => Math.max(a, b), -1);
    if (top >= 0 && top < S - 1) {
      const last = hits.reduce((a, b) => (b.t > a.t || (b.t === a.t && b.k > a.k) ? b : a));
      stages[top].drops.set(last.k, (stages[top].drops.get(last.k) ?? 0) + 1);
    }
    layout.touchpoints.forEach((tp, k) => {
      const mine = hits.filter((h) => h.k === k);
      if (mine.length === 0) return;
      const t0 = Math.min(...mine.map((h) => h.t));
      const s = tp.stageIndex;
      tps[k].reach++;
      tps[k].events += mine.length;
      if (entered(s) && t0 <= x[s]) {
        tps[k].inStage++;
        if (Number.isFinite(x[s])) { tps[k].advanced++; tps[k].times.push((x[s] - t0) / 1000); }
      }
    });
  }
  return {
    stages: stages.map((s) => ({ reach: s.reach, advanced: s.advanced, median: median(s.times), goal: s.goal, drops: [...s.drops].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, 3).map(([k, n]) => `${layout.touchpoints[k].touchpoint.id}:${n}`) })),
    touchpoints: tps.map((t) => ({ reach: t.reach, events: t.events, inStage: t.inStage, advanced: t.advanced, median: median(t.times) })),
  };
}

describe('journey map against the in-memory reference', () => {
  let store: DuckDBStore;
  beforeAll(async () => { store = await DuckDBStore.open(':memory:'); await store.init(); });
  /** No events, and no compacted sequences left over from an earlier run. */
  const reset = async () => {
    await store.exec(sql`DELETE FROM events`);
    await store.exec(sql`DELETE FROM customer_sequences`);
    await store.exec(sql`UPDATE sequence_state SET last_rowid = -1`);
  };
  afterAll(() => store.close());

  it('assigns the same touchpoint to every event as touchpointOf (text prefilter included)', async () => {
    await fc.assert(fc.asyncProperty(fc.array(spec, { minLength: 1, maxLength: 30 }), async (specs) => {
      const events = specs.map(toEvent);
      await reset();
      await store.commitIngest(events, { added: [], merged: [] });
      const rows = await store.query<{ message_id: string; tp: number | null }>(sql`SELECT message_id, ${touchpointIndexSql(layout)} AS tp FROM events ORDER BY message_id`);
      const want = [...events].sort((a, b) => (a.messageId < b.messageId ? -1 : 1)).map((e) => {
        const hit = touchpointOf(journey, e);
        return { message_id: e.messageId, tp: hit ? layout.touchpoints.findIndex((x) => x.touchpoint.id === hit.touchpoint.id) : null };
      });
      expect(rows).toEqual(want);
    }), { numRuns: 60 });
  });

  it('touchpoint ids (touchpointCaseSql, text prefilter included) agree with touchpointOf', async () => {
    await fc.assert(fc.asyncProperty(fc.array(spec, { minLength: 1, maxLength: 30 }), async (specs) => {
      const events = specs.map(toEvent);
      await reset();
      await store.commitIngest(events, { added: [], merged: [] });
      const rows = await store.query<{ message_id: string; tp: string | null }>(sql`SELECT message_id, ${touchpointCaseSql(journey)} AS tp FROM events ORDER BY message_id`);
      const want = [...events].sort((a, b) => (a.messageId < b.messageId ? -1 : 1)).map((e) => ({ message_id: e.messageId, tp: touchpointOf(journey, e)?.touchpoint.id ?? null }));
      expect(rows).toEqual(want);
    }), { numRuns: 40 });
  });

  it('touchpoint and stage steps (touchpointInSql) agree with the first-match touchpoint', async () => {
    const targets = [
      ...layout.touchpoints.map((t) => new Set([t.index])),
      ...layout.stages.map((st) => new Set(layout.touchpoints.filter((t) => t.stageIndex === st.index).map((t) => t.index))),
    ];
    const columns = targets.map((set, i) => sql`, ${touchpointInSql(layout, set)} AS ${raw(`s${i}`)}`);
    await fc.assert(fc.asyncProperty(fc.array(spec, { minLength: 1, maxLength: 30 }), async (specs) => {
      const events = specs.map(toEvent);
      await reset();
      await store.commitIngest(events, { added: [], merged: [] });
      const rows = await store.query<Record<string, unknown>>(sql`SELECT ${touchpointIndexSql(layout)} AS tp${join(columns, '')} FROM events`);
      for (const r of rows) {
        targets.forEach((set, i) => expect(r[`s${i}`], `target ${i}, touchpoint ${String(r.tp)}`).toBe(r.tp !== null && set.has(Number(r.tp))));
      }
    }), { numRuns: 40 });
  });

  it('stage and touchpoint numbers', async () => {
    await fc.assert(fc.asyncProperty(fc.array(spec, { minLength: 1, maxLength: 40 }), async (specs) => {
      const events = specs.map(toEvent);
      await reset();
      await store.commitIngest(events, { added: [], merged: [] });
      const map = await runJourneyMap(store, WS, { journey });
      const ref = reference(events);
      expect(map.stages.map((s) => ({
        reach: s.reach, advanced: s.advanced, median: s.medianSecondsToNext, goal: Math.round((s.goal?.reached ?? 0) * s.reach),
        drops: s.dropOff.map((d) => `${d.touchpointId}:${d.customers}`),
      }))).toEqual(ref.stages.map((s, i) => ({ ...s, median: i === layout.stages.length - 1 ? null : s.median, goal: journey.stages[i].goal?.metric ? s.goal : 0 })));
      expect(map.stages.flatMap((s, i) => s.touchpoints.map((t) => ({
        reach: t.reach, events: t.events, inStage: t.inStage,
        advanced: t.conversionToNextStage === null ? (i === layout.stages.length - 1 ? null : 0) : Math.round(t.conversionToNextStage * t.inStage),
        median: t.medianSecondsToNextStage,
      })))).toEqual(ref.touchpoints.map((t, k) => {
        const last = layout.touchpoints[k].stageIndex === layout.stages.length - 1;
        return { ...t, advanced: last ? null : t.advanced, median: last ? null : t.median };
      }));
    }), { numRuns: 60 });
  });
});
