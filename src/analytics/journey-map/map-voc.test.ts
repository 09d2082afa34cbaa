import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../storage/sql.ts';
import type { DuckDBStore } from '../../storage/duckdb/duckdb-store.ts';
import { at, ev, storeWith, WS } from '../common/fixtures.ts';
import { SHOP_JOURNEY } from '../common/test-journey.ts';
import { runJourneyMap } from './index.ts';

let store: DuckDBStore;
let n = 0;
/** One stored survey response of customer `c` at touchpoint `tp` in stage `stage`. */
async function respond(c: string, tp: string, stage: string, a: { nps?: number; csat?: number; emotion?: number; sentiment?: number }, t = at(1)) {
  const analysis = a.sentiment === undefined ? null : JSON.stringify({ sentiment: { label: 'x', score: a.sentiment } });
  await store.exec(sql`INSERT INTO survey_responses VALUES (${WS}, ${`r${++n}`}, 's1', ${c}, NULL, ${c}, '{}', 'en', TRUE, ${tp}, ${stage}, 'web', NULL,
    ${a.nps ?? null}, ${a.csat ?? null}, NULL, ${a.emotion ?? null}, NULL, ${analysis}, ${new Date(t)}, ${new Date(t)})`);
}

beforeAll(async () => {
  store = await storeWith([
    ev('c1', 'Product Viewed', at(0)), ev('c2', 'Product Viewed', at(0)), ev('c3', 'Product Viewed', at(0)),
    { ...ev('c3', 'Identify', at(0)), traits: { plan: 'vip' } },
  ]);
  // At "view": NPS 10, 8, 3 → (1 − 1) / 3 = 0; emotion 5 and 2 → mean 3.5 − 3 = 0.5; sentiment 0.8 and −0.2 → 0.3.
  await respond('c1', 'view', 'shop', { nps: 10, emotion: 5, sentiment: 0.8 });
  await respond('c2', 'view', 'shop', { nps: 8, emotion: 2, sentiment: -0.2 });
  await respond('c3', 'view', 'shop', { nps: 3 });
  // At "order": CSAT 5, 4, 2 → 2 of 3 satisfied = 66.7 %.
  await respond('c1', 'order', 'buy', { csat: 5 });
  await respond('c2', 'order', 'buy', { csat: 4 });
  await respond('c3', 'order', 'buy', { csat: 2 });
  // Outside the range asked for below.
  await respond('c1', 'view', 'shop', { nps: 0 }, at(30));
});
afterAll(() => store.close());

describe('voice of the customer on the journey map', () => {
  it('scores each touchpoint and stage from the responses tied to it, in range', async () => {
    const map = await runJourneyMap(store, WS, { journey: SHOP_JOURNEY, from: new Date(at(0)).toISOString(), to: new Date(at(10)).toISOString() });
    const tp = (id: string) => map.stages.flatMap((s) => s.touchpoints).find((t) => t.id === id)!;
    expect(tp('view').voc).toEqual({ nps: 0, csat: null, emotion: 0.5, sentiment: expect.closeTo(0.3, 9), n: 3 });
    expect(tp('order').voc).toEqual({ nps: null, csat: 66.7, emotion: null, sentiment: null, n: 3 });
    expect(tp('home').voc).toBeNull();
    expect(map.stages.find((s) => s.id === 'shop')!.voc).toMatchObject({ nps: 0, emotion: 0.5, n: 3 });
    expect(map.stages.find((s) => s.id === 'discover')!.voc).toBeNull();
  });

  it('counts only the persona\'s customers when filtered', async () => {
    const map = await runJourneyMap(store, WS, { journey: SHOP_JOURNEY, persona: 'vip', to: new Date(at(10)).toISOString() });
    const view = map.stages.flatMap((s) => s.touchpoints).find((t) => t.id === 'view')!;
    expect(view.voc).toMatchObject({ nps: -100, n: 1 });
  });
});
