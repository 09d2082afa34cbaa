import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../src/storage/sql.ts';
import { createDemoApp } from './helpers/demo.ts';
import type { TestApp } from './helpers/app.ts';

let t: TestApp;
beforeAll(async () => { t = await createDemoApp(); }, 120_000);
afterAll(async () => { await t.close(); });

const post = async (url: string, body: unknown, status = 200) => {
  const r = await t.app.inject({ method: 'POST', url, headers: { authorization: t.bearer, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
  expect(r.statusCode, r.body).toBe(status);
  return r.json();
};

describe('analytics queries over HTTP on the demo store', () => {
  it('funnel: step counts match a direct count and never grow', async () => {
    const f = await post('/api/v1/query/funnel', { steps: [{ event: 'Product Viewed' }, { event: 'Product Added' }, { event: 'Checkout Started' }, { event: 'Order Completed' }], window: '7d' });
    const [direct] = await t.services.store.query<{ n: number }>(sql`SELECT count(DISTINCT customer_id) AS n FROM events WHERE workspace_id = ${t.ws.id} AND event = 'Product Viewed'`);
    expect(f.steps[0].count).toBe(direct.n);
    for (let i = 1; i < f.steps.length; i++) expect(f.steps[i].count).toBeLessThanOrEqual(f.steps[i - 1].count);
    expect(f.steps[3].count).toBeGreaterThan(0);
    expect(f.steps[3].conversionRate).toBeCloseTo(f.steps[3].count / f.steps[0].count, 6);
  });

  it('funnel by touchpoint and stage of the journey, with a channel breakdown', async () => {
    const f = await post('/api/v1/query/funnel', { steps: [{ stage: 'consideration' }, { stage: 'purchase' }], breakdown: 'channel' });
    expect(f.steps[0].count).toBeGreaterThan(f.steps[1].count);
    const sum = f.breakdowns.reduce((n: number, b: { steps: { count: number }[] }) => n + b.steps[0].count, 0);
    expect(sum).toBeGreaterThanOrEqual(f.steps[0].count);
    const unknown = await post('/api/v1/query/funnel', { steps: [{ touchpoint: 'nope' }, { event: 'Order Completed' }] }, 400);
    expect(unknown.code).toBe('validation_failed');
  });

  it('funnel with a persona (the map drill-in): only that persona\'s customers, 400 for an unknown one', async () => {
    const drill = { journey: 'five-stage', steps: [{ touchpoint: 'product-viewed' }, { stage: 'purchase' }], window: '30d', breakdown: 'channel' };
    const all = await post('/api/v1/query/funnel', drill);
    const personas = ['gigging-pro', 'studio-producer', 'weekend-hobbyist', 'gift-buyer', 'beginner'];
    const each = await Promise.all(personas.map((persona) => post('/api/v1/query/funnel', { ...drill, persona })));
    const beginner = each[personas.indexOf('beginner')];
    expect(beginner.steps[0].count).toBeGreaterThan(0);
    expect(beginner.steps[0].count).toBeLessThan(all.steps[0].count);
    // A customer has at most one persona (the first whose rule holds): the personas split the customers.
    for (const i of [0, 1]) expect(each.reduce((n, f) => n + f.steps[i].count, 0)).toBeLessThanOrEqual(all.steps[i].count);
    // Beginners are `traits.persona = Beginner`: the same customers as the persona breakdown's Beginner row.
    const byPersona = await post('/api/v1/query/funnel', { ...drill, breakdown: 'persona' });
    const row = byPersona.breakdowns.find((b: { value: string }) => b.value === 'Beginner');
    expect(beginner.steps.map((s: { count: number }) => s.count)).toEqual(row.steps.map((s: { count: number }) => s.count));
    const unknown = await post('/api/v1/query/funnel', { ...drill, persona: 'nobody' }, 400);
    expect(unknown.details[0].path).toBe('persona');
  });

  it('paths with a persona (the map drill-in\'s next steps): only that persona\'s customers, 400 for an unknown one', async () => {
    const drill = { journey: 'five-stage', start: { touchpoint: 'product-viewed' }, depth: 3 };
    const all = await post('/api/v1/query/paths', drill);
    const beginner = await post('/api/v1/query/paths', { ...drill, persona: 'beginner' });
    expect(beginner.customers).toBeGreaterThan(0);
    expect(beginner.customers).toBeLessThan(all.customers);
    // Customers with a path from the touchpoint = customers who reached it: the funnel's first step, same persona.
    const funnel = await post('/api/v1/query/funnel', { journey: 'five-stage', steps: [{ touchpoint: 'product-viewed' }, { stage: 'purchase' }], persona: 'beginner' });
    expect(beginner.customers).toBe(funnel.steps[0].count);
    const unknown = await post('/api/v1/query/paths', { ...drill, persona: 'nobody' }, 400);
    expect(unknown.details[0].path).toBe('persona');
  });

  it('responses and cases with a persona (the map drill-in\'s feedback and cases): the map\'s customers, 400 for an unknown one', async () => {
    const get = async (url: string, status = 200) => {
      const r = await t.app.inject({ method: 'GET', url, headers: { authorization: t.bearer } });
      expect(r.statusCode, r.body).toBe(status);
      return r.json();
    };
    // Answers at one touchpoint from 45 demo customers (the demo store has events but no answers).
    const tp = 'order-delivered';
    const survey = (await post('/api/v1/surveys', { name: 'After delivery', trigger: { touchpoint: tp },
      questions: [{ id: 'nps', type: 'nps', text: { en: 'Recommend us?' } }] }, 201)).id;
    const users = await t.services.store.query<{ user_id: string }>(sql`SELECT DISTINCT user_id FROM events
      WHERE workspace_id = ${t.ws.id} AND user_id IS NOT NULL ORDER BY user_id LIMIT 45`);
    for (const [i, u] of users.entries()) {
      const r = await t.app.inject({ method: 'POST', url: '/api/v1/responses', remoteAddress: `10.0.0.${i}`, headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ writeKey: t.ws.writeKey, surveyId: survey, userId: u.user_id, touchpoint: tp, answers: { nps: i % 11 } }) });
      expect(r.statusCode, r.body).toBe(200);
    }
    const range = `from=2000-01-01T00:00:00Z&to=${encodeURIComponent(new Date(Date.now() + 3600_000).toISOString())}`;
    const personas = ['gigging-pro', 'studio-producer', 'weekend-hobbyist', 'gift-buyer', 'beginner'];
    type Map = { stages: { touchpoints: { id: string; voc: { n: number } | null }[] }[] };
    const answersAt = (map: Map) => map.stages.flatMap((st) => st.touchpoints).find((x) => x.id === tp)?.voc?.n ?? 0;
    expect(answersAt(await get(`/api/v1/journeys/five-stage/map?${range}`))).toBe(users.length);
    // Per persona, the feedback list is exactly what the map counts for that persona, and the lists are disjoint.
    const ids = new Set<string>();
    const counts: number[] = [];
    for (const p of personas) {
      const list = await get(`/api/v1/responses?touchpoint=${tp}&journey=five-stage&persona=${p}&limit=1000&${range}`);
      expect(list.responses.length).toBe(answersAt(await get(`/api/v1/journeys/five-stage/map?persona=${p}&${range}`)));
      for (const r of list.responses) { expect(ids.has(r.response_id)).toBe(false); ids.add(r.response_id); }
      counts.push(list.responses.length);
    }
    expect(counts.filter((n) => n > 0).length).toBeGreaterThan(1);
    expect(ids.size).toBeLessThanOrEqual(users.length);
    const bad = await get(`/api/v1/responses?touchpoint=${tp}&persona=nobody`, 400);
    expect(bad.details[0].path).toBe('persona');

    // Cases: each persona's are cases of everyone's, none in two personas; their customers are that persona's.
    const allCases = (await get('/api/v1/cases')).cases as { id: string; customerId: string | null }[];
    expect(allCases.length).toBeGreaterThan(0);
    const seen = new Set<string>();
    let some = 0;
    for (const p of personas) {
      const cases = (await get(`/api/v1/cases?journey=five-stage&persona=${p}`)).cases as { id: string; customerId: string }[];
      for (const c of cases) {
        expect(seen.has(c.id)).toBe(false);
        seen.add(c.id);
        expect(allCases.some((a) => a.id === c.id)).toBe(true);
      }
      some += cases.length;
    }
    expect(some).toBeGreaterThan(0);
    expect(some).toBeLessThanOrEqual(allCases.length);
    expect((await get('/api/v1/cases?persona=nobody', 400)).details[0].path).toBe('persona');
  });

  it('paths, retention and attribution answer with consistent numbers', async () => {
    const p = await post('/api/v1/query/paths', { start: { event: 'Product Viewed' }, depth: 3 });
    expect(p.nodes.length).toBeGreaterThan(1);
    for (const l of p.links) {
      expect(p.nodes.some((n: { id: string }) => n.id === l.source)).toBe(true);
      expect(l.value).toBeGreaterThan(0);
    }
    const r = await post('/api/v1/query/retention', { cohort: 'month' });
    expect(r.cohorts.length).toBeGreaterThan(0);
    for (const c of r.cohorts) expect(c.retained[0]).toBe(c.size);
    const a = await post('/api/v1/query/attribution', { models: ['first_touch', 'linear'] });
    const models = a.models ?? [a];
    for (const m of models) {
      const credit = m.channels.reduce((n: number, c: { conversions: number }) => n + c.conversions, 0);
      expect(credit).toBeCloseTo(m.conversions, 6);
    }
  });

  it('friction, drop-off and the journey map', async () => {
    const fr = await post('/api/v1/query/friction', {});
    const late = fr.signals.find((x: { signal: string }) => x.signal === 'late_delivery');
    expect(late.occurrences).toBeGreaterThan(0);
    const d = await post('/api/v1/query/dropoff', { journey: 'five-stage' });
    expect(d.transitions.length).toBe(4);
    for (const tr of d.transitions) expect(tr.reached).toBeLessThanOrEqual(tr.entered ?? tr.customers ?? Infinity);
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/journeys/five-stage/map', headers: { authorization: t.bearer } });
    expect(r.statusCode, r.body).toBe(200);
    const map = r.json();
    expect(map.stages.map((s: { id: string }) => s.id)).toEqual(['awareness', 'consideration', 'purchase', 'retention', 'advocacy']);
    for (const s of map.stages) {
      expect(s.reach).toBeGreaterThanOrEqual(0);
      if (s.conversionToNext !== null && s.conversionToNext !== undefined) expect(s.conversionToNext).toBeLessThanOrEqual(1);
      for (const tp of s.touchpoints) expect(['good', 'warning', 'bad', null]).toContain(tp.health ?? null);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/journeys/nope/map', headers: { authorization: t.bearer } })).statusCode).toBe(404);
  });

  it('bad queries get 400 with details', async () => {
    const bad = await post('/api/v1/query/funnel', { steps: [{ event: 'A' }], window: 'forever' }, 400);
    expect(bad.details.length).toBeGreaterThan(0);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/query/funnel', headers: { authorization: `Bearer ${t.ws.writeKey}`, 'content-type': 'application/json' }, payload: '{}' })).statusCode).toBe(403);
  });
});

describe('churn risk and post-purchase on the demo store', () => {
  it('ranks customers at risk with reasons, and the profile then carries churnRisk', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/churn/at-risk?limit=20', headers: { authorization: t.bearer } });
    expect(r.statusCode, r.body).toBe(200);
    const { customers, model } = r.json();
    expect(model.trainedOn).toBeGreaterThan(50);
    expect(customers).toHaveLength(20);
    for (let i = 1; i < customers.length; i++) expect(customers[i].risk).toBeLessThanOrEqual(customers[i - 1].risk);
    expect(customers[0].reasons.length).toBeGreaterThan(0);
    const profile = (await t.app.inject({ method: 'GET', url: `/api/v1/customers/${customers[0].id}`, headers: { authorization: t.bearer } })).json();
    expect(profile.churnRisk.risk).toBe(customers[0].risk);
    const pp = (await t.app.inject({ method: 'GET', url: '/api/v1/metrics/post-purchase', headers: { authorization: t.bearer } })).json();
    expect(pp.onTimeDeliveryRate).toBeGreaterThan(0.7);
    expect(pp.onTimeDeliveryRate).toBeLessThan(0.95);
    expect(pp.returnReasons.length).toBeGreaterThan(0);
    // The demo was built so that a late delivery makes customers less likely to buy again.
    const late = pp.effects.find((e: { factor: string }) => e.factor === 'late_delivery');
    expect(late.with.customers).toBeGreaterThan(0);
    expect(late.with.repeatPurchaseRate).toBeLessThan(late.without.repeatPurchaseRate);
    expect(late.with.churnRate).toBeGreaterThanOrEqual(0);
  });
});
