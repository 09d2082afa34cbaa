import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/app.ts';

let t: TestApp;
beforeEach(async () => { t = await createTestApp(); });
afterEach(async () => { await t.close(); });

const api = (method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) =>
  t.app.inject({ method, url, headers: { authorization: t.bearer, 'content-type': 'application/json' }, payload: body === undefined ? undefined : JSON.stringify(body) });
const respond = (userId: string, surveyId: string, nps: number, touchpoint: string) => t.app.inject({ method: 'POST', url: '/api/v1/responses',
  headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ writeKey: t.ws.writeKey, surveyId, userId, answers: { nps }, touchpoint }) });

const JOURNEY = {
  id: 'shop', name: 'Shop',
  stages: [
    { id: 'buy', name: 'Buy', touchpoints: [{ id: 'checkout', name: 'Checkout', match: { event: 'Checkout Started' } }] },
    { id: 'after', name: 'After', touchpoints: [{ id: 'delivered', name: 'Delivered', match: { event: 'Order Delivered' } }] },
  ],
};

describe('the journey map drill-in: feedback and cases at one touchpoint', () => {
  it('lists the responses and the cases that came from a touchpoint', async () => {
    expect((await api('PUT', '/api/v1/journeys/shop', JOURNEY)).statusCode).toBe(201);
    await t.app.inject({ method: 'POST', url: '/v1/track', headers: { authorization: t.basic, 'content-type': 'application/json' }, payload: JSON.stringify({
      userId: 'late-1', event: 'Order Delivered', messageId: 'd-1',
      properties: { order_id: 'o1', promised_at: '2026-10-01T12:00:00Z', delivered_at: '2026-10-03T12:00:00Z' } }) });
    const survey = (await api('POST', '/api/v1/surveys', { name: 'NPS', questions: [{ id: 'nps', type: 'nps', text: { en: 'Recommend us?' } }] })).json();
    await respond('det-1', survey.id, 2, 'checkout');
    await respond('fan-1', survey.id, 10, 'checkout');
    await respond('det-2', survey.id, 1, 'delivered');
    await t.services.rules.idle();

    // Three cases: a late delivery (event at "delivered"), a detractor at "checkout", one at "delivered".
    expect((await api('GET', '/api/v1/cases')).json().cases).toHaveLength(3);
    const at = async (tp: string) => (await api('GET', `/api/v1/cases?touchpoint=${tp}`)).json().cases
      .map((c: { customerId: string; ruleId: string }) => c.ruleId).sort();
    expect(await at('checkout')).toEqual(['detractor']);
    expect(await at('delivered')).toEqual(['detractor', 'late-delivery']);
    expect((await api('GET', '/api/v1/cases?touchpoint=nope')).statusCode).toBe(400);

    const responses = (await api('GET', '/api/v1/responses?touchpoint=checkout')).json().responses;
    expect(responses.map((r: { nps: number }) => r.nps).sort()).toEqual([10, 2]);
    expect((await api('GET', '/api/v1/responses?touchpoint=checkout&from=2999-01-01')).json().responses).toEqual([]);
    expect((await api('GET', '/api/v1/responses?from=yesterday')).statusCode).toBe(400);
  });
});
