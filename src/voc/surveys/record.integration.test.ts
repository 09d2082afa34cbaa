import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { responseIds } from './response-ids.ts';

const apps: TestApp[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
async function open(path = ':memory:') { const t = await createTestApp(path); apps.push(t); return t; }

const survey = {
  name: 'After delivery', languages: ['en'],
  questions: [
    { id: 'nps', type: 'nps', required: true, text: { en: 'Recommend us?' } },
    { id: 'ces', type: 'ces', required: true, text: { en: 'How easy was it?' } },
  ],
};
const admin = (t: TestApp, method: 'GET' | 'POST', url: string, body?: unknown, bearer = t.bearer) => t.app.inject({ method, url, headers: { authorization: bearer, 'content-type': 'application/json' }, payload: body === undefined ? undefined : JSON.stringify(body) });
const respond = (t: TestApp, writeKey: string, body: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/v1/responses', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ writeKey, ...body }) });
const send = (t: TestApp, path: string, body: Record<string, unknown>) => t.app.inject({ method: 'POST', url: path, headers: { authorization: t.basic, 'content-type': 'application/json' }, payload: JSON.stringify(body) });

describe('recording responses: what a submission looks up before it is written', () => {
  it('ties a response to the customer already known by user id or anonymous id, with the persona last identified', async () => {
    const t = await open();
    const { id } = (await admin(t, 'POST', '/api/v1/surveys', survey)).json();
    expect((await send(t, '/v1/identify', { userId: 'k1', traits: { persona: 'Gigging Pro', email: 'K1@Example.test' } })).statusCode).toBe(200);
    expect((await send(t, '/v1/track', { anonymousId: 'anon-7', event: 'Order Delivered' })).statusCode).toBe(200);
    const k1 = (await admin(t, 'GET', '/api/v1/customers/k1/timeline')).json().customerId as string;
    const anon = (await admin(t, 'GET', '/api/v1/customers/anon-7/timeline')).json().customerId as string;
    expect(k1).toMatch(/^[0-9a-f-]{36}$/);

    const byUser = (await respond(t, t.ws.writeKey, { surveyId: id, userId: 'k1', answers: { nps: 9, ces: 2 } })).json();
    const byAnon = (await respond(t, t.ws.writeKey, { surveyId: id, anonymousId: 'anon-7', answers: { nps: 3, ces: 6 } })).json();
    const stranger = (await respond(t, t.ws.writeKey, { surveyId: id, userId: 'new-1', answers: { nps: 7, ces: 3 } })).json();
    expect([byUser.customerId, byAnon.customerId]).toEqual([k1, anon]);
    expect(stranger.customerId).not.toBe(k1);

    const rows: { response_id: string; customer_id: string; persona: string | null }[] = (await admin(t, 'GET', `/api/v1/responses?surveyId=${id}`)).json().responses;
    const row = (r: string) => rows.find((x) => x.response_id === r)!;
    expect(row(byUser.responseId)).toMatchObject({ customer_id: k1, persona: 'Gigging Pro' });
    expect(row(byAnon.responseId)).toMatchObject({ customer_id: anon, persona: null });
    expect(row(stranger.responseId).persona).toBeNull();
  });

  it('stores the analysis of the comment, also when it came with the first part of a response', async () => {
    const t = await open();
    const { id } = (await admin(t, 'POST', '/api/v1/surveys', { ...survey, questions: [...survey.questions, { id: 'why', type: 'text', text: { en: 'Why?' } }] })).json();
    await respond(t, t.ws.writeKey, { surveyId: id, userId: 'c1', answers: { why: 'Delivery was late and nobody answered my emails.' }, responseId: 'resp-text-1' });
    await respond(t, t.ws.writeKey, { surveyId: id, userId: 'c1', answers: { nps: 2, ces: 6 }, responseId: 'resp-text-1' });
    await respond(t, t.ws.writeKey, { surveyId: id, userId: 'c2', answers: { nps: 10 }, responseId: 'resp-text-2' });
    await respond(t, t.ws.writeKey, { surveyId: id, userId: 'c2', answers: { ces: 1, why: 'Fast delivery, great product, thank you!' }, responseId: 'resp-text-2' });
    const rows: { response_id: string; complete: boolean; comment: string; text_analysis: { sentiment: { label: string }; themes: { id: string }[] } }[] = (await admin(t, 'GET', `/api/v1/responses?surveyId=${id}`)).json().responses;
    const row = (r: string) => rows.find((x) => x.response_id === r)!;
    expect(row('resp-text-1')).toMatchObject({ complete: true, comment: 'Delivery was late and nobody answered my emails.', text_analysis: { sentiment: { label: 'negative' } } });
    expect(row('resp-text-1').text_analysis.themes.map((th) => th.id)).toContain('delivery');
    expect(row('resp-text-2')).toMatchObject({ complete: true, text_analysis: { sentiment: { label: 'positive' } } });
  });

  it('after a restart, a replayed response is still refused and a partial one still completed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'touchpoint-record-'));
    dirs.push(dir);
    const first = await open(join(dir, 'data.duckdb'));
    const { id } = (await admin(first, 'POST', '/api/v1/surveys', survey)).json();
    const { writeKey } = first.ws;
    expect((await respond(first, writeKey, { surveyId: id, userId: 'r1', answers: { nps: 9, ces: 2 }, responseId: 'resp-done-1' })).json().complete).toBe(true);
    expect((await respond(first, writeKey, { surveyId: id, userId: 'r2', answers: { nps: 4 }, responseId: 'resp-half-1' })).json().complete).toBe(false);
    await apps.shift()!.close();

    const second = await open(join(dir, 'data.duckdb'));
    // Both paths: before the id filter has read the table (every id is looked up), and after.
    const replay = await respond(second, writeKey, { surveyId: id, userId: 'r1', answers: { nps: 1, ces: 7 }, responseId: 'resp-done-1' });
    expect(replay.statusCode).toBe(409);
    await responseIds(second.services.store).ready();
    expect((await respond(second, writeKey, { surveyId: id, userId: 'r1', answers: { nps: 1, ces: 7 }, responseId: 'resp-done-1' })).statusCode).toBe(409);
    const completed = await respond(second, writeKey, { surveyId: id, userId: 'r2', answers: { ces: 5 }, responseId: 'resp-half-1' });
    expect(completed.json()).toMatchObject({ complete: true, responseId: 'resp-half-1' });
    // The workspace of the first start (each test app also makes a new one).
    const rows: { response_id: string; answers: Record<string, number> }[] = (await admin(second, 'GET', `/api/v1/responses?surveyId=${id}`, undefined, first.bearer)).json().responses;
    expect(rows.filter((r) => r.response_id === 'resp-half-1').map((r) => r.answers)).toEqual([{ nps: 4, ces: 5 }]);
    expect(rows.filter((r) => r.response_id === 'resp-done-1').map((r) => r.answers)).toEqual([{ nps: 9, ces: 2 }]);
  });
});
