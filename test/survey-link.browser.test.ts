/**
 * The hosted survey page in a real browser: a multilingual NPS + CES survey answered in Hebrew
 * (right-to-left) and in Polish, then read back as NPS/CES by touchpoint with the comments' sentiment.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from './helpers/server.ts';
import { launchChromium, startSite, testPage } from '../src/sdk/test-support.ts';

let browser: Browser;
let server: Awaited<ReturnType<typeof startTestServer>>;
const admin = async (method: string, path: string, body?: unknown) => {
  const r = await fetch(`${server.url}${path}`, { method, headers: { authorization: `Bearer ${server.defaultWorkspace.secretKey}`, 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
  expect(r.status, await r.clone().text()).toBeLessThan(300);
  return r.json();
};

beforeAll(async () => {
  browser = await launchChromium();
  server = await startTestServer();
});
afterAll(async () => { await browser?.close(); await server?.close(); });

describe('survey link page in Chromium', () => {
  it('is answered in Hebrew (rtl) and Polish and shows up in NPS/CES by touchpoint', async () => {
    await admin('PUT', '/api/v1/journeys/orders', {
      id: 'orders', name: 'Orders',
      stages: [
        { id: 'buy', name: 'Buy', touchpoints: [{ id: 'checkout', name: 'Checkout', match: { event: 'Order Completed' } }] },
        { id: 'deliver', name: 'Deliver', touchpoints: [{ id: 'delivered', name: 'Delivered', match: { event: 'Order Delivered' } }] },
      ],
    });
    const survey = await admin('POST', '/api/v1/surveys', {
      name: 'After delivery', languages: ['en', 'he', 'pl'],
      questions: [
        { id: 'nps', type: 'nps', required: true, text: { en: 'How likely are you to recommend us?', he: 'עד כמה סביר שתמליצו עלינו?', pl: 'Jak prawdopodobne jest, że nas polecisz?' } },
        { id: 'ces', type: 'ces', text: { en: 'How easy was it?', he: 'כמה קל היה?', pl: 'Jak łatwo było?' } },
        { id: 'why', type: 'text', showIf: { question: 'nps', max: 6 }, text: { en: 'What went wrong?', he: 'מה השתבש?', pl: 'Co poszło nie tak?' } },
      ],
      thankYou: { en: 'Thank you!', he: 'תודה!', pl: 'Dziękujemy!' },
      trigger: { touchpoint: 'delivered', delayMinutes: 60 },
    });
    const consoleErrors: string[] = [];
    const answer = async (lang: string, uid: string, nps: number, ces: number, why?: string) => {
      const context = await browser.newContext({ locale: lang });
      const page = await context.newPage();
      page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
      await page.goto(`${server.url}/s/${survey.id}?uid=${uid}`);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      expect(await page.getAttribute('html', 'dir')).toBe(lang === 'he' ? 'rtl' : 'ltr');
      await page.locator(`fieldset[data-q="nps"] label:has(input[value="${nps}"])`).click();
      await page.locator(`fieldset[data-q="ces"] label:has(input[value="${ces}"])`).click();
      const followUp = page.locator('fieldset[data-q="why"]');
      expect(await followUp.isVisible()).toBe(why !== undefined);
      if (why) await followUp.locator('textarea').fill(why);
      await page.locator('button[type="submit"]').click();
      await page.locator('#msg', { hasText: lang === 'he' ? 'תודה!' : 'Dziękujemy!' }).waitFor();
      await context.close();
    };
    await answer('he', 'user-he', 3, 6, 'המשלוח איחר והשירות היה גרוע');
    await answer('pl', 'user-pl', 10, 2);
    expect(consoleErrors).toEqual([]);

    const nps = await admin('GET', `/api/v1/metrics/nps?surveyId=${survey.id}&by=language`);
    expect(nps).toMatchObject({ n: 2, promoters: 1, detractors: 1, score: 0 });
    expect(nps.groups.map((g: { value: string; score: number }) => [g.value, g.score])).toEqual([['he', -100], ['pl', 100]]);
    const ces = await admin('GET', `/api/v1/metrics/ces?surveyId=${survey.id}`);
    expect(ces).toMatchObject({ n: 2, score: 4 });
    const { responses } = await admin('GET', `/api/v1/responses?surveyId=${survey.id}`);
    const he = responses.find((r: { language: string }) => r.language === 'he');
    expect(he).toMatchObject({ user_id: 'user-he', channel: 'web', complete: true, touchpoint_id: 'delivered', stage_id: 'deliver',
      text_analysis: { language: 'he', sentiment: { label: 'negative' }, themes: expect.arrayContaining([expect.objectContaining({ id: 'delivery' })]) } });
    // By touchpoint, with 95 % intervals: NPS 0 of 2 answers (a promoter and a detractor; adjusted Wald ±73.3), CES (6 + 2) / 2 = 4.
    const byTouchpoint = await admin('GET', `/api/v1/metrics/nps?surveyId=${survey.id}&by=touchpoint`);
    expect(byTouchpoint.groups).toEqual([expect.objectContaining({ value: 'delivered', n: 2, score: 0, ci: [-73.3, 73.3] })]);
    const experience = await admin('GET', `/api/v1/metrics/experience?surveyId=${survey.id}`);
    expect(experience.groups.find((g: { value: string }) => g.value === 'delivered')).toMatchObject({
      responses: 2, effort: { score: 4, n: 2, ci: [0.08, 7.92] }, nps: { score: 0, n: 2 },
    });
  });
});

describe('survey widget of the browser SDK', () => {
  it('shows a due survey after the trigger event, in Hebrew, right-to-left, and records the answer', async () => {
    const survey = await admin('POST', '/api/v1/surveys', {
      name: 'Delivery NPS', languages: ['en', 'he'],
      questions: [{ id: 'nps', type: 'nps', text: { en: 'Would you recommend us?', he: 'האם תמליצו עלינו?' } }],
      thankYou: { en: 'Thanks!', he: 'תודה רבה!' },
      trigger: { event: 'Order Delivered', delayMinutes: 0, samplePercent: 100, recontactDays: 30 },
    });
    const site = await startSite();
    site.page('/favicon.ico', '');
    site.page('/orders', testPage({ host: server.url, writeKey: server.defaultWorkspace.writeKey, data: { 'flush-interval': '200' },
      after: `touchpoint.push(['identify', 'widget-user']); touchpoint.push(['track', 'Order Delivered', { order_id: 'o-9' }]);` }));
    const context = await browser.newContext({ locale: 'he-IL' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(`${site.url}/orders`);
    const form = page.locator('#tp-survey form');
    await form.waitFor({ timeout: 15_000 });
    expect(await form.getAttribute('dir')).toBe('rtl');
    expect(await form.locator('legend').textContent()).toBe('האם תמליצו עלינו?');
    await form.locator('label', { hasText: /^9$/ }).click();
    await form.locator('button[type="submit"]').click();
    await page.locator('#tp-survey form', { hasText: 'תודה רבה!' }).waitFor();
    const nps = await admin('GET', `/api/v1/metrics/nps?surveyId=${survey.id}`);
    expect(nps).toMatchObject({ n: 1, promoters: 1, score: 100 });
    // Answered: not shown again.
    const due = await (await fetch(`${server.url}/api/v1/surveys/due?writeKey=${server.defaultWorkspace.writeKey}&userId=widget-user`)).json();
    expect(due.surveys).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
    await site.close();
  });
});
