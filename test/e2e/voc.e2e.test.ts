import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { surveyMetric } from '../../src/voc/surveys/metrics.ts';
import { startDashboard, type Dashboard } from '../helpers/dashboard.ts';

let d: Dashboard;
beforeAll(async () => { d = await startDashboard(); }, 120_000);
afterAll(async () => { await d?.close(); });

const signed = (x: number) => `${x > 0 ? '+' : x < 0 ? '−' : ''}${Math.abs(Math.round(x))}`;
const HEBREW_QUESTION = 'מה הסיכוי שתמליצו עלינו לחבר?';
const HEBREW_COMMENT = 'המשלוח הגיע באיחור של שבוע, שירות גרוע.';
let surveyId = '';

describe('voice of the customer', () => {
  it('scores: NPS from the demo answers with its interval, sample size and trend', async () => {
    const expected = await surveyMetric(d.server.services.store, d.server.defaultWorkspace.id, 'nps', {});
    expect(expected.n).toBeGreaterThan(20);
    const page = await d.newPage();
    await d.login(page);
    await page.goto(`${d.url}/voc/scores`);
    const card = page.getByRole('button', { name: /^NPS/ });
    await card.getByText(`n = ${expected.n}`).waitFor();
    const text = await card.textContent();
    const ci = expected.ci as [number, number];
    expect(text).toContain(signed(expected.score as number));
    expect(text).toContain(`95 % CI ${signed(ci[0])} to ${signed(ci[1])}`);
    expect(text).toMatch(/significant/);
    await page.getByRole('img', { name: /NPS by week/ }).locator('canvas').waitFor();
    await page.getByRole('table').first().getByText('Order delivered').waitFor();
    await page.getByText('What drives NPS: themes in comments').waitFor();
    await page.getByRole('row', { name: /Delivery/ }).first().waitFor();
    await page.waitForTimeout(300); // let the charts finish their entry animation
    await d.screenshot(page, 'voc-scores');
    await page.close();
  });

  it('inbox: comments in many languages, Hebrew laid out right-to-left, Chinese rendered, filtered by sentiment', async () => {
    const page = await d.newPage();
    await d.login(page);
    await page.goto(`${d.url}/voc/inbox`);
    await page.locator('.feedback').first().waitFor();
    const status = page.getByRole('status').filter({ hasText: 'comments' });
    const count = async () => Number((await status.textContent())!.match(/^([\d,]+)/)![1].replace(/,/g, ''));
    const all = await count();
    await page.getByLabel('Language').selectOption('he');
    const hebrew = page.locator('.comment[lang="he"]').first();
    await hebrew.waitFor();
    expect(await hebrew.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    await page.getByLabel('Language').selectOption('zh');
    const chinese = page.locator('.comment[lang="zh"]').first();
    await chinese.waitFor();
    // A CJK font is present: the comment's glyphs are as wide as a CJK font draws them, not tofu boxes of 0 width.
    expect(await chinese.evaluate((el) => el.getBoundingClientRect().width)).toBeGreaterThan(50);
    await d.screenshot(page, 'voc-inbox-zh');

    await page.getByLabel('Language').selectOption('');
    await page.getByText(`${all.toLocaleString('en-US')} comments ·`).waitFor();
    await page.getByLabel('Sentiment').selectOption('negative');
    await page.getByText(/comments match/).waitFor();
    const negative = await count();
    expect(negative).toBeGreaterThan(0);
    expect(negative).toBeLessThan(all);
    const badges = await page.locator('.feedback-head .badge').allTextContents();
    const sentiments = badges.filter((b) => /^(negative|neutral|positive)/.test(b));
    expect(sentiments.length).toBeGreaterThan(0);
    expect(sentiments.every((b) => b.startsWith('negative'))).toBe(true);
    await d.screenshot(page, 'voc-inbox');
    await page.close();
  });

  it('inbox filters live in the address: a reload keeps them, the survey list links to its comments', async () => {
    const page = await d.newPage();
    await d.login(page);
    await page.goto(`${d.url}/voc/inbox`);
    await page.locator('.feedback').first().waitFor();
    await page.getByLabel('Sentiment').selectOption('negative');
    await page.getByLabel('Search comments').fill('late');
    await page.waitForURL((u) => u.searchParams.get('q') === 'late' && u.searchParams.get('sentiment') === 'negative');
    await page.reload();
    await page.getByText(/comments match/).waitFor();
    expect(await page.getByLabel('Sentiment').inputValue()).toBe('negative');
    expect(await page.getByLabel('Search comments').inputValue()).toBe('late');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.waitForURL((u) => u.search === '');
    expect(await page.getByLabel('Search comments').inputValue()).toBe('');
    // Each survey shows how many answered it; the number opens the inbox on that survey.
    await page.goto(`${d.url}/voc/surveys`);
    const responses = page.getByRole('link', { name: /responses to After delivery/ });
    expect(Number((await responses.textContent())!.replace(/,/g, ''))).toBeGreaterThan(0);
    await responses.click();
    await page.waitForURL((u) => u.pathname === '/voc/inbox' && !!u.searchParams.get('surveyId'));
    await page.locator('.feedback').first().waitFor();
    await page.close();
  });

  it('builder: a survey in English and Hebrew, with the Hebrew preview right-to-left', async () => {
    const page = await d.newPage();
    await d.login(page);
    await page.goto(`${d.url}/voc/surveys`);
    await page.getByRole('link', { name: 'New survey' }).click();
    await page.getByLabel('Name').fill('E2E delivery check');
    await page.getByLabel('Add a language').fill('he');
    await page.getByRole('button', { name: 'Add language' }).click();
    await page.getByLabel('Question 1 text (Hebrew)').fill(HEBREW_QUESTION);
    await page.getByRole('button', { name: 'Free text' }).click();
    await page.getByLabel('Question 2 text (Hebrew)').fill('למה?');
    const frame = page.frameLocator('iframe[title="Survey preview in Hebrew (right-to-left)"]');
    await frame.getByText(HEBREW_QUESTION).waitFor();
    expect(await frame.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await frame.locator('legend').first().evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    await d.screenshot(page, 'voc-builder-he');
    await page.getByRole('button', { name: /English/ }).first().click();
    await page.getByLabel('Question 2 text (English)').fill('Why?');
    await page.frameLocator('iframe[title="Survey preview in English"]').getByText('Why?').waitFor();
    await page.getByRole('button', { name: 'Create survey' }).click();
    await page.waitForURL(/\/voc\/surveys\/srv_/);
    surveyId = new URL(page.url()).pathname.split('/').pop()!;
    await page.getByText('Survey link').waitFor();
    expect(await page.getByLabel('Hebrew', { exact: true }).inputValue()).toBe(`${d.url}/s/${surveyId}?lang=he`);
    await page.close();
  });

  it('a customer answers on the link page, and the answer shows up in the inbox', async () => {
    expect(surveyId).toMatch(/^srv_/);
    const customer = await d.newPage({ width: 390, height: 844 });
    await customer.goto(`${d.url}/s/${surveyId}?lang=he&uid=u_000001`);
    expect(await customer.locator('html').getAttribute('dir')).toBe('rtl');
    await customer.locator('label.opt', { hasText: /^2$/ }).click();
    await customer.locator('textarea').fill(HEBREW_COMMENT);
    await d.screenshot(customer, 'voc-link-page-he-phone');
    await customer.getByRole('button').click();
    await customer.getByRole('status').filter({ hasText: /.+/ }).waitFor();
    await customer.close();

    const page = await d.newPage();
    await d.login(page);
    await page.goto(`${d.url}/voc/inbox`);
    const first = page.locator('.feedback').first();
    await first.getByText(HEBREW_COMMENT).waitFor();
    expect(await first.textContent()).toMatch(/NPS 2/);
    expect(await first.locator('.comment').evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    await first.getByRole('link', { name: 'Customer profile →' }).waitFor();
    await page.close();
  });

  it('works on a phone-sized screen', async () => {
    const page = await d.newPage({ width: 390, height: 844 });
    await d.login(page);
    await page.goto(`${d.url}/voc/scores`);
    await page.getByRole('button', { name: /^NPS/ }).getByText(/n = \d+/).waitFor();
    await page.getByRole('img', { name: /NPS by week/ }).locator('canvas').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await d.screenshot(page, 'voc-scores-phone');
    await page.goto(`${d.url}/voc/inbox`);
    await page.locator('.feedback').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await d.screenshot(page, 'voc-inbox-phone');
    await page.close();
    expect(d.errors).toEqual([]);
  });
});
