import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startDashboard, type Dashboard } from '../helpers/dashboard.ts';

let d: Dashboard;
beforeAll(async () => { d = await startDashboard(); }, 120_000);
afterAll(async () => { await d?.close(); });

const AGENT = { email: 'agent.smith@example.com', password: '' };
/** The Open column shows the most urgent cards first (detractors, 24 h SLA); late deliveries are further down. */
async function openLateDelivery(page: Page) {
  const open = page.getByRole('region', { name: /^Open/ });
  await open.getByRole('button', { name: /^Show \d+ more$/ }).click();
  await open.getByRole('link', { name: 'Delivery later than promised', exact: true }).first().click();
  await page.getByRole('heading', { name: 'Evidence' }).waitFor();
}
const noHorizontalScroll = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

describe('act: cases, at-risk customers, customer 360', () => {
  it('the cases board shows the demo\'s late-delivery cases in the Open column, with SLA timers', async () => {
    const page = await d.newPage();
    await d.login(page);
    await page.goto(`${d.url}/cases`);
    const open = page.getByRole('region', { name: /^Open/ });
    await open.getByRole('article').first().waitFor();
    expect(await open.getByRole('article').count()).toBe(8);
    await open.getByRole('button', { name: /^Show \d+ more$/ }).click();
    expect(await open.getByRole('link', { name: 'Delivery later than promised', exact: true }).count()).toBeGreaterThan(10);
    await expect(open.getByRole('article').first().textContent()).resolves.toMatch(/\d+ (d|h|min) .*left/);
    await d.screenshot(page, 'cases-board');
    await page.close();
  });

  it('works a case: assign, note, in progress, resolve with a code; the audit trail lists every change', async () => {
    const page = await d.newPage();
    await d.login(page);
    await page.goto(`${d.url}/cases`);
    await openLateDelivery(page);
    await expect(page.getByText(/Delivered .* days late/).count()).resolves.toBe(1);
    await page.getByLabel('Owner').selectOption(ADMIN.email);
    const audit = page.getByRole('list', { name: 'Audit trail' });
    await audit.getByText(`changed owner from unassigned to ${ADMIN.email}`).waitFor();
    await page.getByLabel(/^Note/).fill('Called the customer: parcel was stuck at the depot.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await audit.getByText('added a note: “Called the customer: parcel was stuck at the depot.”').waitFor();
    await page.getByRole('button', { name: 'Start work' }).click();
    await audit.getByText('changed status from Open to In progress').waitFor();
    await page.getByRole('button', { name: 'Resolve', exact: true }).click();
    await page.getByLabel('Resolution code').fill('goodwill-credit');
    await page.getByRole('button', { name: 'Resolve case' }).click();
    await audit.getByText(/changed status from In progress to Resolved; changed resolution code from none to goodwill-credit/).waitFor();
    expect(await audit.getByRole('listitem').count()).toBe(5);
    await d.screenshot(page, 'case-detail');
    // The list finds it among the resolved cases.
    await page.getByRole('link', { name: '← All cases' }).click();
    await page.getByRole('tab', { name: 'List' }).click();
    await page.getByLabel('Status').selectOption('resolved');
    await expect(page.getByRole('row').count()).resolves.toBe(2);
    await expect(page.getByRole('row').nth(1).textContent()).resolves.toContain('goodwill-credit');
    await page.getByLabel('Status').selectOption('');
    await d.screenshot(page, 'cases-list');
    await page.close();
  });

  it('at-risk customers come with readable reasons, and the link opens Customer 360 with the timeline', async () => {
    const page = await d.newPage();
    await d.login(page);
    await page.goto(`${d.url}/at-risk`);
    const rows = page.locator('.at-risk-table tbody tr');
    await rows.first().waitFor({ timeout: 20_000 });
    expect(await rows.count()).toBeGreaterThan(5);
    // Reasons read as sentences ("No activity for 55 days", "4 returns or refunds"), never as feature names.
    const reasons = await rows.first().locator('ul.reasons li').allTextContents();
    expect(reasons.length).toBeGreaterThan(0);
    for (const r of reasons) expect(r).toMatch(/^[A-Z0-9][^_]*$/);
    // By default only customers still reachable are listed; "everyone" adds those gone for months.
    await page.getByLabel('Show').selectOption('everyone');
    await rows.first().filter({ hasText: /No activity for \d+ days/ }).waitFor({ timeout: 20_000 });
    await expect(page.getByText(/Trained on/).count()).resolves.toBeGreaterThan(0);
    await d.screenshot(page, 'at-risk');
    await rows.first().getByRole('link').click();
    await page.getByRole('heading', { name: 'Timeline across channels' }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/customers\/.+/);
    await page.locator('.tl-event').first().waitFor();
    expect(await page.locator('.tl-event').count()).toBeGreaterThan(0);
    await expect(page.getByText('Churn risk').first().isVisible()).resolves.toBe(true);
    await d.screenshot(page, 'customer-360');
    await page.close();
  });

  it('finds a customer by part of their e-mail and opens their 360 with stage history', async () => {
    const key = d.server.defaultWorkspace.secretKey;
    const { customers } = await (await fetch(`${d.url}/api/v1/customers?limit=100`, { headers: { authorization: `Bearer ${key}` } })).json() as
      { customers: { id: string; identities: { type: string; value: string }[] }[] };
    const withEmail = customers.find((c) => c.identities.some((i) => i.type === 'email'))!;
    const email = withEmail.identities.find((i) => i.type === 'email')!.value;
    const page = await d.newPage();
    await d.login(page);
    await page.goto(`${d.url}/customers`);
    await page.getByLabel(/^Search by user id/).fill(email.slice(0, email.indexOf('@')));
    await page.getByRole('heading', { name: /Customers matching/ }).waitFor();
    await d.screenshot(page, 'customers-search');
    await page.getByRole('row').filter({ hasText: email }).getByRole('link').click();
    await page.getByRole('heading', { name: 'Stage history' }).waitFor();
    await expect(page.getByText(email).count()).resolves.toBeGreaterThan(0);
    await page.close();
  });
});

describe('settings and an agent\'s view', () => {
  it('the SDK snippet copies with the workspace\'s write key', async () => {
    const page = await d.newPage();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: d.url });
    await d.login(page);
    await page.goto(`${d.url}/settings/sdk`);
    await page.getByRole('button', { name: 'Copy sdk snippet' }).click();
    await page.getByRole('button', { name: 'Copied ✓' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain(`data-write-key="${d.server.defaultWorkspace.writeKey}"`);
    expect(copied).toContain(`src="${d.url}/sdk.js"`);
    await d.screenshot(page, 'settings-sdk');
    await page.close();
  });

  it('an admin invites an agent and sees the one-time password', async () => {
    const page = await d.newPage();
    await d.login(page);
    await page.goto(`${d.url}/settings/users`);
    await page.getByLabel('E-mail').fill(AGENT.email);
    await page.getByRole('combobox', { name: /^Role(?! of)/ }).selectOption('agent');
    await page.getByRole('button', { name: 'Invite' }).click();
    const password = page.getByLabel('One-time password');
    await password.waitFor();
    AGENT.password = (await password.textContent())!;
    expect(AGENT.password.length).toBeGreaterThanOrEqual(8);
    await page.getByRole('cell', { name: AGENT.email, exact: true }).waitFor();
    await d.screenshot(page, 'settings-users');
    await page.goto(`${d.url}/settings/rules`);
    await page.getByLabel('NPS at most').waitFor();
    expect(await page.getByLabel('NPS at most').isDisabled()).toBe(false);
    await d.screenshot(page, 'settings-rules');
    await page.goto(`${d.url}/settings/keys`);
    await page.getByRole('button', { name: 'Rotate secret key…' }).click();
    await page.getByRole('button', { name: 'Yes, rotate the secret key' }).waitFor();
    await d.screenshot(page, 'settings-keys');
    await page.close();
  });

  it('the agent cannot edit rules (disabled, and the API says 403) but works cases', async () => {
    const page = await d.newPage();
    await d.login(page, AGENT);
    await page.goto(`${d.url}/settings/rules`);
    await page.getByLabel('NPS at most').waitFor();
    expect(await page.getByLabel('NPS at most').isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Save rule' }).first().isDisabled()).toBe(true);
    await page.getByText('Only admins can change rules').waitFor();
    await d.screenshot(page, 'agent-settings-rules');
    const put = await page.request.put(`${d.url}/api/v1/rules/detractor`, {
      headers: { 'x-touchpoint-workspace': d.server.defaultWorkspace.id },
      data: { id: 'detractor', name: 'Detractor', enabled: false, when: { kind: 'response', npsAtMost: 6 }, openCase: { priority: 'high', slaHours: 24 } },
    });
    expect(put.status()).toBe(403);

    await page.goto(`${d.url}/cases`);
    await openLateDelivery(page);
    await page.getByRole('button', { name: 'Assign to me' }).click();
    const audit = page.getByRole('list', { name: 'Audit trail' });
    await audit.getByText(`changed owner from unassigned to ${AGENT.email}`).waitFor();
    await page.getByRole('button', { name: 'Start work' }).click();
    await audit.getByText('changed status from Open to In progress').waitFor();
    await expect(audit.getByRole('listitem').last().textContent()).resolves.toContain(AGENT.email);
    await page.close();
  });

  it('each view fits a phone-sized screen', async () => {
    const page = await d.newPage({ width: 390, height: 844 });
    await d.login(page);
    for (const [path, name, ready] of [
      ['/cases', 'phone-cases', '.case-card'], ['/at-risk', 'phone-at-risk', '.at-risk-table tbody tr'],
      ['/customers', 'phone-customers', '.customer-table tbody tr'], ['/settings/sdk', 'phone-settings-sdk', 'pre'],
    ] as const) {
      await page.goto(`${d.url}${path}`);
      await page.locator(ready).first().waitFor({ timeout: 20_000 });
      await noHorizontalScroll(page);
      await d.screenshot(page, name);
    }
    await page.goto(`${d.url}/customers`);
    await page.locator('.customer-table tbody tr a').first().click({ timeout: 20_000 });
    await page.locator('.tl-event').first().waitFor();
    await noHorizontalScroll(page);
    await d.screenshot(page, 'phone-customer-360');
    await page.goto(`${d.url}/cases`);
    await page.locator('.case-card a').first().click();
    await page.getByRole('heading', { name: 'Audit trail' }).waitFor();
    await noHorizontalScroll(page);
    await d.screenshot(page, 'phone-case-detail');
    await page.close();
    expect(d.errors).toEqual([]);
  }, 180_000);
});
