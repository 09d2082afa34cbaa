import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startDashboard, type Dashboard } from '../helpers/dashboard.ts';

let d: Dashboard;
beforeAll(async () => { d = await startDashboard(); }, 120_000);
afterAll(async () => { await d?.close(); });

interface StepResult { name: string; count: number }
interface FunnelAnswer { steps: StepResult[]; breakdowns?: { value: string | null; steps: StepResult[] }[] }

/** The same query with the workspace's secret key, as an API user would send it. */
async function apiFunnel(body: unknown): Promise<FunnelAnswer> {
  const res = await fetch(`${d.url}/api/v1/query/funnel`, {
    method: 'POST', body: JSON.stringify(body),
    headers: { authorization: `Bearer ${d.server.defaultWorkspace.secretKey}`, 'content-type': 'application/json' },
  });
  expect(res.status).toBe(200);
  return res.json() as Promise<FunnelAnswer>;
}

/** The first whole number in each matching element ("1,234 (56 %)" → 1234). */
const numbers = async (scope: Pick<Page, 'locator'>, selector: string) =>
  (await scope.locator(selector).allTextContents()).map((t) => Number((/\d[\d,]*/.exec(t)?.[0] ?? 'NaN').replace(/,/g, '')));

/** Waits until a view's charts have drawn (ECharts is loaded on first use). */
const chartsDrawn = (page: Page, label: string) => page.locator(`[role="img"][aria-label^="${label}"] canvas`).first().waitFor();

async function funnelRequestAfter(page: Page, action: () => Promise<void>, match: (body: Record<string, unknown>) => boolean) {
  const response = page.waitForResponse((r) => r.url().endsWith('/api/v1/query/funnel') && match(r.request().postDataJSON()));
  await action();
  const r = await response;
  expect(r.status()).toBe(200);
  return r.request().postDataJSON() as Record<string, unknown>;
}

describe('analysis views on the demo workspace', () => {
  it('builds a 3-step funnel in the UI whose numbers are the API\'s, keeps it in the address, and breaks it down', async () => {
    const page = await d.newPage();
    await d.login(page);
    await page.goto(`${d.url}/funnels`);
    // Start from two steps: remove the third the view suggests, then build the funnel step by step.
    await page.getByRole('button', { name: 'Remove step 3' }).click();
    await page.getByLabel('Step 1 event').selectOption('Product Added');
    await page.getByLabel('Step 2 event').selectOption('Product Viewed');
    await page.getByRole('button', { name: 'Move step 2 up' }).click();
    await page.getByRole('button', { name: 'Add step' }).click();
    await page.getByLabel('Step 3 event').selectOption('Order Completed');
    await page.getByLabel('Conversion window').selectOption('7d');
    const body = await funnelRequestAfter(page, () => page.getByRole('button', { name: 'Show funnel' }).click(), (b) => b.window === '7d');
    expect(body.steps).toEqual([{ event: 'Product Viewed' }, { event: 'Product Added' }, { event: 'Order Completed' }]);

    await page.locator('.funnel-results[aria-busy="false"] .funnel-table').waitFor();
    const shown = await numbers(page, '.funnel-table [data-testid="step-count"]');
    const answer = await apiFunnel(body);
    expect(shown).toEqual(answer.steps.map((s) => s.count));
    expect(shown[0]).toBeGreaterThan(shown[2]);
    expect(shown[2]).toBeGreaterThan(0);
    await chartsDrawn(page, 'Funnel:');
    await d.screenshot(page, 'analytics-funnel');

    // Exclusions: customers who opened a support chat between adding to cart and ordering are left out.
    await page.getByRole('button', { name: 'Add exclusion' }).click();
    const chat = (await page.getByLabel('Exclusion 1 event').locator('option').allTextContents()).find((o) => o.startsWith('Support Chat Started'))!;
    await page.getByLabel('Exclusion 1 event').selectOption({ label: chat });
    await page.getByLabel('Exclusion 1 from step').selectOption('1');
    const excluded = await funnelRequestAfter(page, () => page.getByRole('button', { name: 'Show funnel' }).click(), (b) => Array.isArray(b.exclusions));
    expect(excluded.exclusions).toEqual([{ event: 'Support Chat Started', fromStep: 1, toStep: 2 }]);
    const without = (await apiFunnel(excluded)).steps.map((s) => s.count);
    await page.waitForFunction((n) => document.querySelector('.funnel-results [data-testid="step-count"]')?.textContent?.replace(/,/g, '') === String(n), without[0]);
    expect(without[2]).toBeLessThanOrEqual(answer.steps[2].count);
    expect(new URL(page.url()).searchParams.get('funnel')).toContain('Support Chat Started');

    // The definition is in the address: a reload shows the same funnel, exclusion included.
    expect(new URL(page.url()).searchParams.get('funnel')).toContain('Order Completed');
    await page.reload();
    await page.locator('.funnel-results[aria-busy="false"] .funnel-table').waitFor();
    expect(await page.getByLabel('Conversion window').inputValue()).toBe('7d');
    expect(await page.getByLabel('Exclusion 1 event').inputValue()).toBe('Support Chat Started');
    expect(await numbers(page, '.funnel-table [data-testid="step-count"]')).toEqual(without);

    // Breakdown by channel: one row per channel, the same counts as the API's.
    await page.getByLabel('Breakdown').selectOption('channel');
    const byChannel = await funnelRequestAfter(page, () => page.getByRole('button', { name: 'Show funnel' }).click(), (b) => b.breakdown === 'channel');
    const groups = (await apiFunnel(byChannel)).breakdowns!;
    const table = page.getByRole('table', { name: 'Funnel by channel' });
    await table.waitFor();
    const web = groups.find((g) => g.value === 'web')!;
    const row = table.getByRole('row', { name: /^web\b/ });
    expect(await numbers(row, 'td')).toEqual([...web.steps.map((s) => s.count), expect.any(Number)]);
    expect(await table.locator('tbody tr').count()).toBe(groups.length);
    await page.getByRole('heading', { name: 'Time to convert' }).waitFor();
    await d.screenshot(page, 'analytics-funnel-breakdown');
    await page.close();
  });

  it('paths: a Sankey around the anchor and the top paths to purchase and abandonment', async () => {
    const page = await d.newPage();
    await d.login(page);
    await page.goto(`${d.url}/paths`);
    await chartsDrawn(page, 'Paths of');
    for (const name of ['Top paths to purchase', 'Top paths to abandonment']) {
      const list = page.getByRole('list', { name });
      await list.waitFor();
      expect(await list.getByRole('listitem').count()).toBeGreaterThan(0);
    }
    await expect(page.getByRole('list', { name: 'Top paths to purchase' }).textContent()).resolves.toContain('Order Completed');
    await d.screenshot(page, 'analytics-paths');
    await page.close();
  });

  it('retention heatmap and attribution models side by side', async () => {
    const page = await d.newPage();
    await d.login(page);
    await page.goto(`${d.url}/retention`);
    await chartsDrawn(page, 'Retention by week cohort');
    await expect(page.locator('.stat', { hasText: 'Repeat rate' }).textContent()).resolves.toMatch(/\d+\.\d %/);
    await d.screenshot(page, 'analytics-retention');

    await page.goto(`${d.url}/attribution`);
    await chartsDrawn(page, 'Credited conversions by model');
    const table = page.getByRole('table', { name: /Conversions credited per channel/ });
    expect(await table.getByRole('columnheader').allTextContents()).toEqual(
      ['Channel', 'First touch', 'Last touch', 'Linear', 'Position (40/20/40)', 'Time decay', 'Data-driven (Markov)']);
    await expect(table.getByRole('row', { name: /^web\b/ }).textContent()).resolves.toMatch(/\d+ %/);
    await d.screenshot(page, 'analytics-attribution');
    await page.close();
  });

  it('friction: signals with real numbers, a trend and the drop-off ranking', async () => {
    const page = await d.newPage();
    await d.login(page);
    await page.goto(`${d.url}/friction`);
    const table = page.getByRole('table', { name: 'Friction signals' });
    await table.waitFor();
    const slow = table.getByRole('row', { name: /Slow page loads/ });
    const [occurrences, customers] = await numbers(slow, 'td');
    expect(occurrences).toBeGreaterThan(0);
    expect(customers).toBeGreaterThan(0);
    expect(occurrences).toBeGreaterThanOrEqual(customers);
    await chartsDrawn(page, 'Friction per week');
    await page.getByRole('button', { name: 'Failed payments' }).click();
    await page.getByRole('heading', { name: 'Failed payments: details' }).waitFor();
    await page.getByText('card_declined').waitFor();
    await page.getByText('Pre-purchase → Purchase').waitFor();
    await d.screenshot(page, 'analytics-friction');
    await page.close();
  });

  it('a new workspace without events is told how to send them, in every analysis view', async () => {
    const page = await d.newPage();
    await d.login(page);
    const created = await page.evaluate(async () => {
      const r = await fetch('/api/v1/workspaces', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'New shop' }) });
      return (await r.json()) as { id: string };
    });
    await page.evaluate((id) => localStorage.setItem('touchpoint.workspace', id), created.id);
    for (const view of ['funnels', 'paths', 'retention', 'attribution', 'friction']) {
      await page.goto(`${d.url}/${view}`);
      await page.getByText('No events yet').waitFor();
      expect(await page.getByRole('link', { name: /SDK snippet/ }).getAttribute('href')).toBe('/settings/sdk');
    }
    await page.evaluate(() => localStorage.removeItem('touchpoint.workspace'));
    await page.close();
  });

  it('on a phone-sized screen the funnel builder and results fit the width', async () => {
    const page = await d.newPage({ width: 390, height: 844 });
    await d.login(page);
    await page.goto(`${d.url}/funnels`);
    await page.locator('.funnel-results[aria-busy="false"] .funnel-table').waitFor();
    await chartsDrawn(page, 'Funnel:');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await d.screenshot(page, 'analytics-funnel-phone');
    await page.goto(`${d.url}/paths`);
    await chartsDrawn(page, 'Paths of');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await d.screenshot(page, 'analytics-paths-phone');
    await page.close();
    expect(d.errors).toEqual([]);
  });
});
