import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testJourney } from '../../analytics/common/test-journey.ts';

let t: TestApp;
beforeEach(async () => { t = await createTestApp(); });
afterEach(async () => { await t.close(); });

const admin = (method: 'GET' | 'POST', url: string, body?: unknown) => t.app.inject({ method, url, headers: { authorization: t.bearer, 'content-type': 'application/json' }, payload: body === undefined ? undefined : JSON.stringify(body) });
const respond = (body: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/v1/responses', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ writeKey: t.ws.writeKey, ...body }) });

const journey = testJourney({
  id: 'order', name: 'Order',
  stages: [
    { id: 'buy', name: 'Buy', goal: { description: 'Checkouts end in an order.', metric: { event: 'Order Completed' } },
      touchpoints: [
        { id: 'checkout', name: 'Checkout', match: { event: 'Checkout Started' } },
        { id: 'order', name: 'Order', match: { event: 'Order Completed' } },
      ] },
    { id: 'deliver', name: 'Deliver', touchpoints: [{ id: 'delivered', name: 'Delivered', match: { event: 'Order Delivered' } }] },
  ],
});
const text = (en: string) => ({ en });
const survey = {
  name: 'After delivery', trigger: { touchpoint: 'delivered' },
  questions: [
    { id: 'nps', type: 'nps', text: text('Recommend us?') },
    { id: 'ces', type: 'ces', text: text('How easy was it?') },
    { id: 'feel', type: 'emotion', text: text('How do you feel?') },
    { id: 'got', type: 'choice', text: text('Did you get what you ordered?'), choices: [{ id: 'yes', text: text('Yes') }, { id: 'no', text: text('No') }], success: ['yes'] },
  ],
};

describe('GET /api/v1/metrics/experience', () => {
  it('gives success, effort and emotion per touchpoint and stage, with n and 95 % intervals', async () => {
    await t.services.journeys.save(t.ws.id, journey);
    const base = Date.now() - 3 * 3600_000;
    const batch = [
      ['d1', ['Checkout Started', 'Order Completed', 'Order Delivered']],
      ['d2', ['Checkout Started', 'Order Completed', 'Order Delivered']],
      ['d3', ['Checkout Started']],
      ['d4', ['Checkout Started', 'Order Completed']],
    ].flatMap(([userId, events]) => (events as string[]).map((event, i) => ({ type: 'track', userId, event, timestamp: new Date(base + i * 60_000).toISOString() })));
    expect((await t.app.inject({ method: 'POST', url: '/v1/batch', headers: { authorization: t.basic, 'content-type': 'application/json' }, payload: JSON.stringify({ batch }) })).statusCode).toBe(200);
    const { id } = (await admin('POST', '/api/v1/surveys', survey)).json();
    const answers = [
      { nps: 10, ces: 2, feel: 5, got: 'yes' },
      { nps: 6, ces: 6, feel: 2, got: 'no' },
      { nps: 9, ces: 1, feel: 4, got: 'yes' },
      { nps: 8, ces: 3, feel: 4 },
    ];
    for (const [i, a] of answers.entries()) expect((await respond({ surveyId: id, userId: `d${i + 1}`, answers: a })).statusCode).toBe(200);

    const r = await admin('GET', `/api/v1/metrics/experience?surveyId=${id}`);
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.journey).toEqual({ id: 'order', version: 1 });
    expect(body.groups.map((g: { value: string }) => g.value)).toEqual(['checkout', 'order', 'delivered']);
    const [checkout, order, delivered] = body.groups;
    // Behaviour: all 4 met checkout in the buy stage, d1 and d2 moved on to delivery: 2/4, Wilson [0.150, 0.850].
    expect(checkout).toMatchObject({ responses: 0, success: { score: 50, source: 'journey', journey: { score: 50, n: 4, ci: [15, 85], basis: 'next-stage' } } });
    expect(checkout.effort).toEqual({ score: null, n: 0, ci: null });
    // d1, d2, d4 ordered; d1 and d2 were delivered: 2/3.
    expect(order.success.journey).toMatchObject({ score: 66.7, n: 3 });
    expect(delivered).toMatchObject({
      name: 'Delivered', stage: 'deliver', responses: 4,
      // 2 of the 3 answers to the success question are "yes": 66.7 %, Wilson [0.208, 0.939].
      success: { score: 66.7, source: 'survey', reported: { score: 66.7, n: 3, ci: [20.8, 93.9] }, journey: null },
      // CES 2, 6, 1, 3: mean 3, sd √(14/3) = 2.160, ±1.96·2.160/2 = ±2.12.
      effort: { score: 3, n: 4, ci: [0.88, 5.12] },
      // Faces 5, 2, 4, 4: mean 3.75, sd √(4.75/3) = 1.258, ±1.23.
      emotion: { score: 3.75, n: 4, ci: [2.52, 4.98] },
      // 2 promoters, 1 passive, 1 detractor: 50 − 25 = 25, se = √((0.75 − 0.0625)/4) = 41.46 → ±81.3.
      nps: { score: 25, n: 4, ci: [-44.2, 72.7], promoters: 2, passives: 1, detractors: 1 },
    });

    const stages = (await admin('GET', `/api/v1/metrics/experience?by=stage`)).json();
    expect(stages.groups.map((g: { value: string }) => g.value)).toEqual(['buy', 'deliver']);
    // Buy: 3 of the 4 entrants completed an order (the stage goal): 75 %, Wilson [0.301, 0.954].
    expect(stages.groups[0].success).toMatchObject({ score: 75, source: 'journey', journey: { score: 75, n: 4, ci: [30.1, 95.4], basis: 'goal' } });
    expect(stages.groups[1]).toMatchObject({ responses: 4, success: { score: 66.7, source: 'survey' }, effort: { score: 3 } });

    expect((await admin('GET', '/api/v1/metrics/experience?by=persona')).statusCode).toBe(400);
    expect((await admin('GET', '/api/v1/metrics/experience?journey=nope')).statusCode).toBe(404);
  });

  it('refuses a success mark on a question that is not a choice, or on unknown choices', async () => {
    const bad = await admin('POST', '/api/v1/surveys', { ...survey, questions: [{ id: 'nps', type: 'nps', text: text('x'), success: ['yes'] }] });
    expect(bad.statusCode).toBe(400);
    const unknown = await admin('POST', '/api/v1/surveys', { ...survey, questions: [{ ...survey.questions[3], success: ['maybe'] }] });
    expect(unknown.json().details[0].message).toMatch(/not choices of this question: maybe/);
  });
});
