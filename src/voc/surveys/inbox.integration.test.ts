import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';

let t: TestApp;
let surveyId: string;
const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { authorization: t.bearer } });

// Six answers, hand-picked so every filter below keeps a different, known subset.
const ANSWERS = [
  { userId: 'u1', language: 'en', nps: 2, why: 'The parcel arrived late, terrible delivery.' },
  { userId: 'u2', language: 'he', nps: 3, why: 'החבילה הגיעה באיחור של שלושה ימים, משלוח גרוע.' },
  { userId: 'u3', language: 'en', nps: 10, why: 'Fast delivery and great prices, 100% happy!' },
  { userId: 'u4', language: 'de', nps: 8, why: 'Die Preise sind zu teuer.' },
  { userId: 'u5', language: 'en', nps: 9 },
  { userId: 'u6', language: 'en', nps: 9, why: 'Excellent quality, the guitar sounds amazing.' },
];

beforeAll(async () => {
  t = await createTestApp();
  const created = await t.app.inject({ method: 'POST', url: '/api/v1/surveys', headers: { authorization: t.bearer, 'content-type': 'application/json' }, payload: JSON.stringify({
    name: 'After delivery', languages: ['en', 'he', 'de'],
    questions: [
      { id: 'nps', type: 'nps', text: { en: 'Recommend us?', he: 'תמליצו?', de: 'Empfehlen?' } },
      { id: 'why', type: 'text', text: { en: 'Why?', he: 'למה?', de: 'Warum?' } },
    ],
  }) });
  surveyId = created.json().id;
  for (const [i, a] of ANSWERS.entries()) {
    const r = await t.app.inject({ method: 'POST', url: '/api/v1/responses', remoteAddress: `10.0.0.${i}`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({
      writeKey: t.ws.writeKey, surveyId, userId: a.userId, language: a.language, responseId: `resp-0000${i}`, answers: a.why ? { nps: a.nps, why: a.why } : { nps: a.nps },
    }) });
    expect(r.statusCode, r.body).toBe(200);
  }
});
afterAll(async () => { await t.close(); });

const ids = (body: { responses: { responseId: string }[] }) => body.responses.map((r) => r.responseId).sort();

describe('GET /api/v1/feedback', () => {
  it('lists commented responses newest first with their analysis, total and facets', async () => {
    const r = await get('/api/v1/feedback');
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.total).toBe(5); // u5 left no comment
    expect(body.responses[0]).toMatchObject({ responseId: 'resp-00005', nps: 9, language: 'en', analysis: { sentiment: { label: 'positive' } } });
    expect(body.facets.languages).toEqual([{ value: 'en', n: 3 }, { value: 'de', n: 1 }, { value: 'he', n: 1 }]);
    expect((await get('/api/v1/feedback?comments=all')).json().total).toBe(6);
  });

  it('filters by language, sentiment, theme, score band and words, and pages', async () => {
    expect(ids((await get('/api/v1/feedback?language=he')).json())).toEqual(['resp-00001']);
    expect(ids((await get('/api/v1/feedback?sentiment=negative')).json())).toEqual(['resp-00000', 'resp-00001', 'resp-00003']);
    expect(ids((await get('/api/v1/feedback?theme=delivery')).json())).toEqual(['resp-00000', 'resp-00001', 'resp-00002']);
    expect(ids((await get('/api/v1/feedback?theme=price&band=passive')).json())).toEqual(['resp-00003']);
    expect(ids((await get('/api/v1/feedback?band=detractor')).json())).toEqual(['resp-00000', 'resp-00001']);
    expect(ids((await get(`/api/v1/feedback?q=${encodeURIComponent('GUITAR')}`)).json())).toEqual(['resp-00005']);
    // "%" is a literal: only the comment that has "100%" matches, not every comment.
    expect(ids((await get(`/api/v1/feedback?q=${encodeURIComponent('0%')}`)).json())).toEqual(['resp-00002']);
    const page = (await get('/api/v1/feedback?limit=2&offset=2')).json();
    expect(page).toMatchObject({ total: 5, limit: 2, offset: 2 });
    expect(page.responses.map((x: { responseId: string }) => x.responseId)).toEqual(['resp-00002', 'resp-00001']); // commented, newest first: 5, 3, 2, 1, 0
    expect((await get(`/api/v1/feedback?surveyId=nope`)).json().total).toBe(0);
  });

  it('refuses unknown filters and values', async () => {
    expect((await get('/api/v1/feedback?theme=weather')).statusCode).toBe(400);
    expect((await get('/api/v1/feedback?band=happy')).statusCode).toBe(400);
    expect((await get('/api/v1/feedback?limit=5000')).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/feedback' })).statusCode).toBe(401);
  });
});

describe('GET /api/v1/feedback/themes', () => {
  it('compares the NPS of responses mentioning each theme with everyone else', async () => {
    const body = (await get('/api/v1/feedback/themes')).json();
    // Overall: promoters u3 u5 u6, passive u4, detractors u1 u2 → (3 − 2) / 6 = +16.7.
    expect(body.overall).toMatchObject({ score: 16.7, n: 6, promoters: 3, passives: 1, detractors: 2 });
    const delivery = body.themes.find((x: { theme: string }) => x.theme === 'delivery');
    // Mentioning delivery: u1 u2 (detractors), u3 (promoter) → (1 − 2) / 3 = −33.3; the rest u4 u5 u6 → (2 − 0) / 3 = +66.7.
    expect(delivery).toMatchObject({ mentioning: { score: -33.3, n: 3 }, others: { score: 66.7, n: 3 }, difference: -100 });
    expect(body.themes[0].theme).toBe('delivery'); // the costliest first
  });
});

describe('GET /api/v1/metrics/nps?by=week', () => {
  it('groups by the week (starting Monday) the answers came in', async () => {
    const body = (await get('/api/v1/metrics/nps?by=week')).json();
    const monday = new Date();
    monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
    expect(body.groups).toEqual([expect.objectContaining({ value: monday.toISOString().slice(0, 10), score: 16.7, n: 6 })]);
  });
});
