import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testJourney } from '../../analytics/common/test-journey.ts';
import { csatScore, meanScore, npsScore } from './metrics-math.ts';

let t: TestApp;
beforeEach(async () => { t = await createTestApp(); });
afterEach(async () => { await t.close(); });

const survey = {
  name: 'After delivery', languages: ['en', 'he', 'pl'],
  questions: [
    { id: 'nps', type: 'nps', required: true, text: { en: 'How likely are you to recommend us?', he: 'עד כמה תמליצו עלינו?', pl: 'Jak bardzo polecił(a)byś nas?' } },
    { id: 'why', type: 'text', showIf: { question: 'nps', max: 6 }, text: { en: 'What went wrong?', he: 'מה השתבש?', pl: 'Co poszło nie tak?' } },
    { id: 'ces', type: 'ces', text: { en: 'How easy was it?', he: 'כמה קל היה?', pl: 'Jak łatwo było?' } },
  ],
  trigger: { event: 'Order Delivered', delayMinutes: 60, samplePercent: 50, recontactDays: 30 },
};
const admin = (method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown) => t.app.inject({ method, url, headers: { authorization: t.bearer, 'content-type': 'application/json' }, payload: body === undefined ? undefined : JSON.stringify(body) });
const respond = (body: Record<string, unknown>, ip = '127.0.0.1') => t.app.inject({ method: 'POST', url: '/api/v1/responses', remoteAddress: ip, headers: { 'content-type': 'text/plain' }, payload: JSON.stringify({ writeKey: t.ws.writeKey, ...body }) });

describe('surveys and responses', () => {
  it('creates a multilingual survey and explains invalid definitions', async () => {
    const r = await admin('POST', '/api/v1/surveys', survey);
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ id: expect.stringMatching(/^srv_/), defaultLanguage: 'en', status: 'active' });
    const bad = await admin('POST', '/api/v1/surveys', { ...survey, questions: [{ ...survey.questions[0], text: { en: 'x' } }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'questions[0].text.he' })]));
  });

  it('PATCH merges changes and removes a field sent as null (stopping the trigger)', async () => {
    const id = (await admin('POST', '/api/v1/surveys', survey)).json().id;
    const renamed = await admin('PATCH', `/api/v1/surveys/${id}`, { name: 'After delivery (v2)' });
    expect(renamed.json()).toMatchObject({ name: 'After delivery (v2)', trigger: survey.trigger });
    const stopped = await admin('PATCH', `/api/v1/surveys/${id}`, { trigger: null });
    expect(stopped.statusCode).toBe(200);
    expect(stopped.json().trigger).toBeUndefined();
    expect((await admin('GET', `/api/v1/surveys/${id}`)).json().trigger).toBeUndefined();
  });

  it('stores responses tied to the customer, refuses bad, replayed and closed ones', async () => {
    const { id } = (await admin('POST', '/api/v1/surveys', survey)).json();
    const ok = await respond({ surveyId: id, userId: 'u1', language: 'he', answers: { nps: 3, why: 'המשלוח איחר', ces: 6 }, responseId: 'resp-00001' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ complete: true, customerId: expect.any(String) });
    expect((await respond({ surveyId: id, userId: 'u1', answers: { nps: 3 }, responseId: 'resp-00001' })).statusCode).toBe(409);
    const outOfScale = await respond({ surveyId: id, userId: 'u2', answers: { nps: 11 } });
    expect(outOfScale.statusCode).toBe(400);
    expect(outOfScale.json().details[0]).toMatchObject({ path: 'answers.nps', message: 'must be a whole number from 0 to 10' });
    expect((await respond({ surveyId: id, userId: 'u2', answers: { shoe_size: 4 } })).json().details[0].message).toMatch(/unknown question/);
    expect((await respond({ surveyId: id, userId: 'u2', answers: { why: 'x'.repeat(6000) } })).statusCode).toBe(400);
    expect((await respond({ surveyId: id, answers: { nps: 5 } })).statusCode).toBe(400);
    const other = await t.services.workspaces.create('Other');
    const foreign = await t.app.inject({ method: 'POST', url: '/api/v1/responses', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ writeKey: other.writeKey, surveyId: id, userId: 'u3', answers: { nps: 9 } }) });
    expect(foreign.statusCode).toBe(404);
    // A partial response is kept, then completed with the same responseId.
    const partial = await respond({ surveyId: id, anonymousId: 'a9', answers: { ces: 2 }, responseId: 'resp-00002' });
    expect(partial.json().complete).toBe(false);
    expect((await respond({ surveyId: id, anonymousId: 'a9', answers: { nps: 10 }, responseId: 'resp-00002' })).json().complete).toBe(true);
    await admin('PATCH', `/api/v1/surveys/${id}`, { status: 'closed' });
    const closed = await respond({ surveyId: id, userId: 'u5', answers: { nps: 9 } });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error).toMatch(/closed/);
    const timeline = (await admin('GET', '/api/v1/customers/u1/timeline')).json();
    expect(timeline.events.map((e: { event: string }) => e.event)).toContain('Survey Responded');
    const csv = await admin('GET', '/api/v1/responses?format=csv');
    expect(csv.body.split('\n')[0]).toMatch(/^response_id,survey_id/);
    expect(csv.body).toContain('resp-00001');
  });

  it('stores the stage of the touchpoint from the journey as last saved (the journey is kept in memory between submissions)', async () => {
    const { id } = (await admin('POST', '/api/v1/surveys', survey)).json();
    const delivered = { id: 'delivered', name: 'Delivered', match: { event: 'Order Delivered' } };
    const order = { id: 'order', name: 'Order', match: { event: 'Order Completed' } };
    const journey = (deliveredIn: string) => testJourney({ id: 'order', name: 'Order', stages: [
      { id: 'buy', name: 'Buy', touchpoints: deliveredIn === 'buy' ? [order, delivered] : [order] },
      { id: 'deliver', name: 'Deliver', touchpoints: deliveredIn === 'deliver' ? [delivered] : [{ id: 'returned', name: 'Returned', match: { event: 'Order Returned' } }] },
    ] });
    expect((await respond({ surveyId: id, userId: 'j0', answers: { nps: 9 }, touchpoint: 'delivered', responseId: 'resp-j0000' })).statusCode).toBe(200);
    await t.services.journeys.save(t.ws.id, journey('deliver'));
    expect((await respond({ surveyId: id, userId: 'j1', answers: { nps: 9 }, touchpoint: 'delivered', responseId: 'resp-j0001' })).statusCode).toBe(200);
    await t.services.journeys.save(t.ws.id, journey('buy'));
    expect((await respond({ surveyId: id, userId: 'j2', answers: { nps: 9 }, touchpoint: 'delivered', responseId: 'resp-j0002' })).statusCode).toBe(200);
    const rows: { response_id: string; stage_id: string | null }[] = (await admin('GET', `/api/v1/responses?surveyId=${id}`)).json().responses;
    const stage = new Map(rows.map((r) => [r.response_id, r.stage_id]));
    expect(['resp-j0000', 'resp-j0001', 'resp-j0002'].map((r) => stage.get(r))).toEqual([null, 'deliver', 'buy']);
  });

  it('rate-limits survey spam per customer', async () => {
    const { id } = (await admin('POST', '/api/v1/surveys', survey)).json();
    const codes = [];
    for (let i = 0; i < 7; i++) codes.push((await respond({ surveyId: id, userId: 'spammer', answers: { nps: 0 } }, '10.0.0.7')).statusCode);
    expect(codes.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(codes[5]).toBe(429);
  });

  it('serves NPS/CES with sample size and confidence interval, overall and per group', async () => {
    const { id } = (await admin('POST', '/api/v1/surveys', survey)).json();
    const scores = [[10, 'pl'], [9, 'pl'], [9, 'he'], [8, 'he'], [3, 'he']] as const;
    for (const [i, [nps, lang]] of scores.entries()) {
      expect((await respond({ surveyId: id, userId: `m${i}`, language: lang, answers: { nps, ces: i + 2 } })).statusCode).toBe(200);
    }
    const nps = (await admin('GET', `/api/v1/metrics/nps?surveyId=${id}&by=language`)).json();
    // 3 promoters, 1 passive, 1 detractor of 5: NPS = 60 % − 20 % = 40. Adjusted Wald: p = 3.75/8, d = 1.75/8,
    // centre 25, se = √((0.6875 − 0.25²)/8) = 27.95 → 25 ± 54.8
    expect(nps).toMatchObject({ score: 40, n: 5, promoters: 3, passives: 1, detractors: 1, ci: [-29.8, 79.8] });
    expect(nps.groups).toEqual([
      expect.objectContaining({ value: 'he', n: 3, score: 0 }),
      expect.objectContaining({ value: 'pl', n: 2, score: 100 }),
    ]);
    const ces = (await admin('GET', `/api/v1/metrics/ces?surveyId=${id}`)).json();
    // answers 2..6: mean 4, sample sd √2.5 = 1.581 → ±1.96·1.581/√5 = ±1.39
    expect(ces).toMatchObject({ score: 4, n: 5, ci: [2.61, 5.39] });
  });

  it('renders the link page in the customer language, right-to-left for Hebrew', async () => {
    const { id } = (await admin('POST', '/api/v1/surveys', survey)).json();
    const he = await t.app.inject({ method: 'GET', url: `/s/${id}`, headers: { 'accept-language': 'he-IL,he;q=0.9,en;q=0.5' } });
    expect(he.statusCode).toBe(200);
    expect(he.body).toContain('<html lang="he" dir="rtl">');
    expect(he.body).toContain('עד כמה תמליצו עלינו?');
    const pl = await t.app.inject({ method: 'GET', url: `/s/${id}?lang=pl` });
    expect(pl.body).toContain('dir="ltr"');
    expect(pl.body).toContain('Jak łatwo było?');
    expect((await t.app.inject({ method: 'GET', url: '/s/srv_missing' })).statusCode).toBe(404);
  });
});

describe('score formulas', () => {
  it('match hand-computed values', () => {
    expect(npsScore(0, 0, 0).score).toBeNull();
    expect(npsScore(50, 30, 20)).toMatchObject({ score: 30, n: 100 });
    // All detractors: the interval still has a width (n' = 6, p = 0.125, d = 0.625 → −50 ± 56.6).
    expect(npsScore(0, 0, 3)).toMatchObject({ score: -100, ci: [-100, 6.6] });
    expect(meanScore(5, 25, 1)).toMatchObject({ score: 5, ci: null });
    // Wilson 95 % for 8/10: [0.490, 0.943]
    expect(csatScore(8, 10)).toMatchObject({ score: 80, ci: [49, 94.3] });
    // 1,2,3,4: mean 2.5, sd √(5/3) = 1.291, ±1.96·1.291/2 = ±1.265
    expect(meanScore(10, 30, 4)).toMatchObject({ score: 2.5, ci: [1.23, 3.77] });
  });
});

describe('text analysis of comments', () => {
  it('analyses a Hebrew detractor comment and serves /api/v1/text/analyze', async () => {
    const { id } = (await admin('POST', '/api/v1/surveys', survey)).json();
    await respond({ surveyId: id, userId: 'h1', language: 'he', answers: { nps: 2, why: 'המשלוח איחר בשבוע והשירות היה גרוע' } });
    const [row] = (await admin('GET', `/api/v1/responses?surveyId=${id}`)).json().responses;
    expect(row.text_analysis).toMatchObject({ language: 'he', sentiment: { label: 'negative' } });
    expect(row.text_analysis.themes.map((th: { id: string }) => th.id)).toContain('delivery');
    const r = (await admin('POST', '/api/v1/text/analyze', { texts: ['Szybka dostawa, polecam!', '配送太慢了，很失望'] })).json();
    expect(r.results.map((x: { language: string; sentiment: { label: string } }) => [x.language, x.sentiment.label])).toEqual([['pl', 'positive'], ['zh', 'negative']]);
  });
});

describe('triggers', () => {
  const track = (userId: string, event: string, minutesAgo: number) => t.app.inject({ method: 'POST', url: '/v1/track', headers: { authorization: t.basic, 'content-type': 'application/json' },
    payload: JSON.stringify({ userId, event, timestamp: new Date(Date.now() - minutesAgo * 60_000).toISOString() }) });
  const due = async (userId: string) => (await t.app.inject({ method: 'GET', url: `/api/v1/surveys/due?userId=${userId}`, headers: { authorization: t.basic } })).json().surveys.map((s: { id: string }) => s.id);

  it('a survey is due after the trigger event plus its delay, once, respecting recontact and sampling', async () => {
    const { id } = (await admin('POST', '/api/v1/surveys', survey)).json(); // Order Delivered, 60 min delay, 50 % sample
    const all = (await admin('POST', '/api/v1/surveys', { ...survey, name: 'Everyone', trigger: { event: 'Order Delivered', delayMinutes: 60, samplePercent: 100, recontactDays: 30 } })).json().id;
    const none = (await admin('POST', '/api/v1/surveys', { ...survey, name: 'Nobody', trigger: { event: 'Order Delivered', samplePercent: 0 } })).json().id;
    await track('early', 'Order Delivered', 120);
    await track('recent', 'Order Delivered', 10);
    await track('never', 'Product Viewed', 120);
    const early = await due('early');
    expect(early).toContain(all);
    expect(early).not.toContain(none);
    expect(await due('recent')).toEqual([]);
    expect(await due('never')).toEqual([]);
    // Sampling is deterministic per customer: about half of 40 customers get the 50 % survey.
    let sampled = 0;
    for (let i = 0; i < 40; i++) { await track(`s${i}`, 'Order Delivered', 120); if ((await due(`s${i}`)).includes(id)) sampled++; }
    expect(sampled).toBeGreaterThan(8);
    expect(sampled).toBeLessThan(32);
    // Answering one survey stops it and, through recontactDays, every other survey for 30 days.
    expect((await respond({ surveyId: all, userId: 'early', answers: { nps: 9 } })).statusCode).toBe(200);
    expect(await due('early')).toEqual([]);
  });
});

describe('e-mail distribution', () => {
  it('mails the link to customers the trigger selects, in their language, once', async () => {
    const { SMTPServer } = await import('smtp-server');
    const mails: string[] = [];
    const smtp = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS'], onData(stream, _s, cb) { let m = ''; stream.on('data', (d) => (m += d)); stream.on('end', () => { mails.push(m); cb(); }); } });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
    const port = (smtp.server.address() as import('node:net').AddressInfo).port;
    try {
      const { id } = (await admin('POST', '/api/v1/surveys', { ...survey, trigger: { event: 'Order Delivered', delayMinutes: 60, samplePercent: 100, recontactDays: 30 } })).json();
      const send = (m: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/v1/batch', headers: { authorization: t.basic, 'content-type': 'application/json' }, payload: JSON.stringify({ batch: [m] }) });
      await send({ type: 'identify', userId: 'mail-pl', traits: { email: 'ola@example.pl', locale: 'pl-PL' } });
      await send({ type: 'track', userId: 'mail-pl', event: 'Order Delivered', timestamp: new Date(Date.now() - 3 * 3600_000).toISOString() });
      await send({ type: 'identify', userId: 'mail-late', traits: { email: 'late@example.com' } });
      await send({ type: 'track', userId: 'mail-late', event: 'Order Delivered' }); // too recent: the 60-minute delay has not passed
      const body = { smtp: { host: '127.0.0.1', port, from: 'survey@shop.test' }, baseUrl: 'https://cx.shop.test' };
      const r = (await admin('POST', `/api/v1/surveys/${id}/email`, body)).json();
      expect(r).toEqual({ sent: 1, failed: [] });
      expect(mails).toHaveLength(1);
      expect(mails[0]).toContain('To: ola@example.pl');
      const decoded = mails[0].replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
      expect(decoded).toContain(`https://cx.shop.test/s/${id}?lang=pl&uid=mail-pl`);
      expect((await admin('POST', `/api/v1/surveys/${id}/email`, body)).json().sent).toBe(0);
    } finally {
      await new Promise<void>((r) => smtp.close(() => r()));
    }
  });
});

describe('trends', () => {
  it('flags a significant NPS drop between two periods, and serves emotion scores', async () => {
    const { id } = (await admin('POST', '/api/v1/surveys', { ...survey, questions: [...survey.questions, { id: 'feel', type: 'emotion', text: { en: 'How do you feel?', he: 'איך אתם מרגישים?', pl: 'Jak się czujesz?' } }] })).json();
    // Previous week: 20 promoters. This week: 20 detractors. Responses are back-dated in the store.
    for (let i = 0; i < 40; i++) {
      expect((await respond({ surveyId: id, userId: `tr${i}`, answers: { nps: i < 20 ? 10 : 2, feel: i < 20 ? 5 : 1 } }, `10.1.0.${i}`)).statusCode).toBe(200);
    }
    const { sql } = await import('../../storage/sql.ts');
    await t.services.store.exec(sql`UPDATE survey_responses SET submitted_at = submitted_at - INTERVAL 10 DAY WHERE nps = 10`);
    const r = (await admin('GET', `/api/v1/metrics/nps?surveyId=${id}&compare=7d`)).json();
    expect(r.comparison).toMatchObject({ current: { score: -100, n: 20 }, previous: { score: 100, n: 20 }, difference: -200, significant: true });
    const emotion = (await admin('GET', `/api/v1/metrics/emotion?surveyId=${id}`)).json();
    expect(emotion).toMatchObject({ score: 3, n: 40 });
  });
});
