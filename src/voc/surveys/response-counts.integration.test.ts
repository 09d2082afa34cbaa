import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';

let t: TestApp;
beforeEach(async () => { t = await createTestApp(); });
afterEach(async () => { await t.close(); });

const survey = (name: string) => ({ name, languages: ['en'], questions: [
  { id: 'nps', type: 'nps', required: true, text: { en: 'Recommend us?' } },
  { id: 'ces', type: 'ces', text: { en: 'Easy?' } },
] });
const admin = (method: 'GET' | 'POST', url: string, body?: unknown) => t.app.inject({ method, url, headers: { authorization: t.bearer, 'content-type': 'application/json' }, payload: body === undefined ? undefined : JSON.stringify(body) });
const respond = (body: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/v1/responses', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ writeKey: t.ws.writeKey, ...body }) });

describe('GET /api/v1/surveys response counts', () => {
  it('counts each survey’s responses, partial ones apart, and gives a silent survey zero', async () => {
    const heard = (await admin('POST', '/api/v1/surveys', survey('Heard'))).json().id;
    const silent = (await admin('POST', '/api/v1/surveys', survey('Silent'))).json().id;
    expect((await respond({ surveyId: heard, userId: 'u1', answers: { nps: 9 } })).statusCode).toBe(200);
    expect((await respond({ surveyId: heard, userId: 'u2', answers: { nps: 3, ces: 6 } })).statusCode).toBe(200);
    // No NPS answer: kept as a partial response.
    expect((await respond({ surveyId: heard, userId: 'u3', answers: { ces: 2 } })).json().complete).toBe(false);
    const list = (await admin('GET', '/api/v1/surveys')).json().surveys as { id: string; responseCount: { total: number; complete: number; lastAt: string | null } }[];
    const byId = new Map(list.map((s) => [s.id, s.responseCount]));
    expect(byId.get(heard)).toMatchObject({ total: 3, complete: 2, lastAt: expect.any(String) });
    expect(byId.get(silent)).toEqual({ total: 0, complete: 0, lastAt: null });
  });
});
