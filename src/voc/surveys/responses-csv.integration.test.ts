import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';

let t: TestApp;
beforeEach(async () => { t = await createTestApp(); });
afterEach(async () => { await t.close(); });

const survey = {
  name: 'After delivery', languages: ['en', 'he', 'pl'],
  questions: [
    { id: 'nps', type: 'nps', required: true, text: { en: 'Recommend us?', he: 'תמליצו?', pl: 'Polecisz?' } },
    { id: 'tags', type: 'choice', multiple: true, text: { en: 'What mattered?', he: 'מה חשוב?', pl: 'Co było ważne?' },
      choices: [{ id: 'price', text: { en: 'Price', he: 'מחיר', pl: 'Cena' } }, { id: 'speed', text: { en: 'Speed', he: 'מהירות', pl: 'Szybkość' } }] },
    { id: 'why', type: 'text', text: { en: 'Why?', he: 'למה?', pl: 'Dlaczego?' } },
  ],
  trigger: { event: 'Order Delivered' },
};
const call = (bearer: string, method: 'GET' | 'POST' | 'PATCH', url: string, body?: string, type = 'application/json') =>
  t.app.inject({ method, url, headers: { authorization: bearer, 'content-type': type }, payload: body });
const respond = (body: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/v1/responses', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ writeKey: t.ws.writeKey, ...body }) });

describe('response CSV export and import', () => {
  it('exports a column per question with the sentiment, and the file imports into another workspace once', async () => {
    const { id } = (await call(t.bearer, 'POST', '/api/v1/surveys', JSON.stringify(survey))).json();
    await respond({ surveyId: id, userId: 'u1', language: 'he', responseId: 'resp-he-0001', answers: { nps: 2, tags: ['price', 'speed'], why: 'המשלוח איחר והשירות היה גרוע' } });
    await respond({ surveyId: id, userId: 'u2', language: 'pl', responseId: 'resp-pl-0001', answers: { nps: 10, why: 'Szybko, "super", polecam' } });

    const r = await call(t.bearer, 'GET', `/api/v1/responses/export?surveyId=${id}`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/csv/);
    const lines = r.body.trim().split('\n');
    expect(lines[0]).toBe('response_id,customer_id,user_id,anonymous_id,submitted_at,language,touchpoint,stage,channel,complete,nps,tags,why,sentiment,sentiment_score');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^resp-he-0001,[^,]+,u1,,\d{4}-\d\d-\d\dT[^,]+Z,he,,,web,true,2,price;speed,המשלוח איחר והשירות היה גרוע,negative,-0\.\d+$/);
    expect(lines[2]).toContain(',pl,,,web,true,10,,"Szybko, ""super"", polecam",positive,');

    const other = await t.services.workspaces.create('Other');
    const bearer = `Bearer ${other.secretKey}`;
    const copy = (await call(bearer, 'POST', '/api/v1/surveys', JSON.stringify(survey))).json().id;
    const imported = await call(bearer, 'POST', `/api/v1/responses/import?surveyId=${copy}`, r.body, 'text/csv');
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toMatchObject({ read: 2, stored: 2, duplicates: 0, rejectedCount: 0 });
    // Idempotent on response_id.
    expect((await call(bearer, 'POST', `/api/v1/responses/import?surveyId=${copy}`, r.body, 'text/csv')).json()).toMatchObject({ stored: 0, duplicates: 2 });
    const again = (await call(bearer, 'GET', `/api/v1/responses/export?surveyId=${copy}`)).body.trim().split('\n');
    // Same answers, times, languages and sentiment; the customer id is the other workspace's own.
    const strip = (l: string) => l.split(',').filter((_, i) => i !== 1).join(',');
    expect(again.map(strip)).toEqual(lines.map(strip));
    const nps = (await call(bearer, 'GET', `/api/v1/metrics/nps?surveyId=${copy}`)).json();
    expect(nps).toMatchObject({ score: 0, n: 2, promoters: 1, detractors: 1 });
    // The imported customers are the other workspace's customers, with the survey on their timeline.
    const timeline = (await call(bearer, 'GET', '/api/v1/customers/u1/timeline')).json();
    expect(timeline.events.map((e: { event: string }) => e.event)).toContain('Survey Responded');
  });

  it('checks every row and reports each rejected one by line, storing the good ones, even into a closed survey', async () => {
    const { id } = (await call(t.bearer, 'POST', '/api/v1/surveys', JSON.stringify(survey))).json();
    await call(t.bearer, 'PATCH', `/api/v1/surveys/${id}`, JSON.stringify({ status: 'closed' }));
    const csv = [
      'response_id,user_id,anonymous_id,submitted_at,channel,nps,tags,why,sentiment',
      'imp-1,c1,,2026-10-01T10:00:00Z,email,9,speed,Fast,positive', // line 2: good
      'imp-2,c2,,2026-10-01T10:00:00Z,email,11,,,', // line 3: out of scale
      'imp-3,,,2026-10-01T10:00:00Z,email,5,,,', // line 4: nobody
      'imp-4,c4,,yesterday,email,5,,,', // line 5: bad time
      'imp-1,c5,,,email,7,,,', // line 6: same id twice
      'imp-6,c6,,,fax,7,,,', // line 7: unknown channel
      'imp-7,c7,,,,,gift,,', // line 8: unknown choice
      ',c8,,,,3,,,', // line 9: no id
      'imp-9,c9,,,,0,"price;speed",,', // line 10: good, a detractor
    ].join('\n');
    const r = await call(t.bearer, 'POST', `/api/v1/responses/import?surveyId=${id}`, csv, 'text/csv');
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body).toMatchObject({ read: 9, stored: 2, duplicates: 0, rejectedCount: 7 });
    expect(body.rejected.map((x: { row: number; path: string }) => [x.row, x.path])).toEqual([
      [3, 'nps'], [4, 'user_id'], [5, 'submitted_at'], [6, 'response_id'], [7, 'channel'], [8, 'tags'], [9, 'response_id'],
    ]);
    expect(body.rejected[0].message).toBe('must be a whole number from 0 to 10');
    // Past answers open no cases (imp-9 is a detractor); a live detractor does (default rule).
    const live = (await call(t.bearer, 'POST', '/api/v1/surveys', JSON.stringify(survey))).json().id;
    expect((await respond({ surveyId: live, userId: 'live-1', answers: { nps: 1 } })).statusCode).toBe(200);
    await t.services.rules.idle();
    expect((await call(t.bearer, 'GET', '/api/v1/cases')).json().cases).toHaveLength(1);
    const rows = (await call(t.bearer, 'GET', `/api/v1/responses?surveyId=${id}`)).json().responses;
    expect(rows.map((x: { response_id: string }) => x.response_id).sort()).toEqual(['imp-1', 'imp-9']);
    expect(rows.find((x: { response_id: string }) => x.response_id === 'imp-1')).toMatchObject({ submitted_at: '2026-10-01T10:00:00.000Z', channel: 'email' });
  });

  it('refuses files it cannot read with a clear 4xx', async () => {
    const { id } = (await call(t.bearer, 'POST', `/api/v1/surveys`, JSON.stringify(survey))).json();
    const post = (csv: string, sid = id) => call(t.bearer, 'POST', `/api/v1/responses/import?surveyId=${sid}`, csv, 'text/csv');
    const unknown = await post('response_id,user_id,nps,shoe_size\nx1,u,5,42\n');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatch(/Unknown columns: shoe_size/);
    expect((await post('user_id,nps\nu,5\n')).json().error).toMatch(/response_id column is required/);
    expect((await post('')).statusCode).toBe(400);
    expect((await post('response_id,user_id,nps\nx1,u,99\n')).json()).toMatchObject({ error: 'No valid row among 1.' });
    expect((await post('response_id,user_id,nps\nx1,u,5\n', 'srv_nope')).statusCode).toBe(404);
    expect((await call(t.bearer, 'GET', '/api/v1/responses/export')).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/responses/export?surveyId=${id}` })).statusCode).toBe(401);
  });
});
