import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/app.ts';

let t: TestApp;
beforeEach(async () => { t = await createTestApp(); });
afterEach(async () => { await t.close(); });

const get = (url: string, auth = t.bearer) => t.app.inject({ method: 'GET', url, headers: { authorization: auth } });
const send = (path: string, body: Record<string, unknown>) => t.app.inject({
  method: 'POST', url: path, headers: { authorization: t.basic, 'content-type': 'application/json' }, payload: JSON.stringify(body),
});

async function seed() {
  await send('/v1/identify', { userId: 'u-ana', traits: { email: 'Ana@Shop.test', persona: 'gear-head' }, timestamp: '2026-10-01T10:00:00Z' });
  await send('/v1/track', { userId: 'u-ana', event: 'Product Viewed', timestamp: '2026-10-03T10:00:00Z' });
  await send('/v1/track', { anonymousId: 'anon-100%', event: 'Product Viewed', timestamp: '2026-10-02T10:00:00Z' });
  await send('/v1/track', { userId: 'u-bob', event: 'Product Viewed', timestamp: '2026-10-04T10:00:00Z' });
  await t.services.settle();
}

describe('customer search', () => {
  it('lists the most recently seen customers first, with identities, event count and persona', async () => {
    await seed();
    const { customers } = (await get('/api/v1/customers?limit=2')).json();
    expect(customers.map((c: { identities: { value: string }[] }) => c.identities[0].value)).toEqual(['u-bob', 'u-ana']);
    expect(customers[1]).toMatchObject({
      lastSeen: '2026-10-03T10:00:00.000Z', eventCount: 2, persona: 'gear-head',
      identities: [{ type: 'user', value: 'u-ana' }, { type: 'email', value: 'ana@shop.test' }],
    });
  });

  it('finds a customer by part of any identity, case-insensitive; % is a literal character', async () => {
    await seed();
    const ids = async (q: string) => (await get(`/api/v1/customers?search=${encodeURIComponent(q)}`)).json().customers
      .map((c: { identities: { value: string }[] }) => c.identities[0].value);
    expect(await ids('ANA@shop')).toEqual(['u-ana']);
    expect(await ids('u-')).toEqual(['u-bob', 'u-ana']);
    expect(await ids('100%')).toEqual(['anon-100%']);
    expect(await ids('%')).toEqual(['anon-100%']);
    expect(await ids("x' OR 1=1 --")).toEqual([]);
  });

  it('gives each listed customer their own journey stage, read for the whole page at once', async () => {
    const journey = { id: 'shop', name: 'Shop', stages: [
      { id: 'buy', name: 'Buy', touchpoints: [{ id: 'checkout', name: 'Checkout', match: { event: 'Checkout Started' } }] },
      { id: 'after', name: 'After', touchpoints: [{ id: 'delivered', name: 'Delivered', match: { event: 'Order Delivered' } }] },
    ] };
    const put = await t.app.inject({ method: 'PUT', url: '/api/v1/journeys/shop', headers: { authorization: t.bearer, 'content-type': 'application/json' }, payload: JSON.stringify(journey) });
    expect(put.statusCode).toBe(201);
    // Recent times, so nobody has lapsed out of the journey.
    const at = (hoursAgo: number) => new Date(Date.now() - hoursAgo * 3_600_000).toISOString();
    await send('/v1/track', { userId: 'u-dan', event: 'Checkout Started', timestamp: at(5) });
    await send('/v1/track', { userId: 'u-dan', event: 'Order Delivered', timestamp: at(4) });
    await send('/v1/track', { userId: 'u-eve', event: 'Checkout Started', timestamp: at(3) });
    await send('/v1/track', { userId: 'u-fay', event: 'Product Viewed', timestamp: at(2) });
    await t.services.settle();
    const { customers } = (await get('/api/v1/customers?search=u-')).json();
    const stageOf = Object.fromEntries(customers.map((c: { identities: { value: string }[]; stage: { name: string } | null }) => [c.identities[0].value, c.stage?.name ?? null]));
    expect(stageOf).toEqual({ 'u-fay': null, 'u-eve': 'Buy', 'u-dan': 'After' });
    expect(customers.map((c: { eventCount: number }) => c.eventCount)).toEqual([1, 1, 2]);
  });

  it('lists a customer\'s survey responses with the survey name, newest first', async () => {
    const survey = (await t.app.inject({ method: 'POST', url: '/api/v1/surveys', headers: { authorization: t.bearer, 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'Post-delivery NPS', questions: [{ id: 'nps', type: 'nps', text: { en: 'Recommend us?' } }] }) })).json();
    await send('/api/v1/responses', { writeKey: t.ws.writeKey, surveyId: survey.id, userId: 'u-ana', answers: { nps: 3 } });
    await send('/api/v1/responses', { writeKey: t.ws.writeKey, surveyId: survey.id, userId: 'u-bob', answers: { nps: 10 } });
    await t.services.settle();
    const res = (await get('/api/v1/customers/u-ana/responses')).json();
    expect(res.responses).toHaveLength(1);
    expect(res.responses[0]).toMatchObject({ surveyId: survey.id, surveyName: 'Post-delivery NPS', nps: 3, complete: true });
    expect((await get('/api/v1/customers/nobody/responses')).statusCode).toBe(404);
  });

  it('every member may list the workspace\'s members (for assigning cases), without login times', async () => {
    const { members } = (await get('/api/v1/members')).json();
    expect(Array.isArray(members)).toBe(true);
    for (const m of members) expect(Object.keys(m).sort()).toEqual(['email', 'id', 'name', 'role']);
    expect((await get('/api/v1/members', `Bearer ${t.ws.writeKey}`)).statusCode).toBe(403);
  });
});

describe('customer labels on lists', () => {
  it('a case names its customer by the most recognisable identity (user id before anonymous id)', async () => {
    await send('/v1/identify', { userId: 'u-cara', anonymousId: 'a-cara', traits: { email: 'cara@shop.test' } });
    await t.services.settle();
    const opened = (await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: { authorization: t.bearer, 'content-type': 'application/json' },
      payload: JSON.stringify({ customerId: 'a-cara', reason: 'Called twice' }) })).json();
    const [listed] = (await get('/api/v1/cases')).json().cases;
    expect(listed).toMatchObject({ id: opened.id, customerLabel: 'u-cara' });
    expect((await get(`/api/v1/cases/${opened.id}`)).json().customerLabel).toBe('u-cara');
  });
});
