import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/storage/sql.ts';
import { startDashboard, type Dashboard } from '../helpers/dashboard.ts';

// Basic accessibility rules checked in the page on every view (the journey map has its own test):
// names for inputs, buttons and links, text for charts and images, nothing wider than a phone, visible focus.
let d: Dashboard;
let routes: string[];
beforeAll(async () => {
  d = await startDashboard();
  const store = d.server.services.store;
  const [aCase] = await store.query<{ id: string }>(sql`SELECT id FROM cases ORDER BY created_at LIMIT 1`);
  const [aCustomer] = await store.query<{ customer_id: string }>(sql`SELECT customer_id FROM events WHERE user_id IS NOT NULL ORDER BY ts DESC LIMIT 1`);
  const [aSurvey] = await store.query<{ id: string }>(sql`SELECT id FROM surveys ORDER BY created_at LIMIT 1`);
  routes = [
    '/funnels', '/paths', '/retention', '/attribution', '/friction',
    '/voc/scores', '/voc/inbox', '/voc/surveys', `/voc/surveys/${aSurvey.id}`, '/voc/surveys/new',
    '/cases', `/cases/${aCase.id}`, '/at-risk', '/customers', `/customers/${encodeURIComponent(aCustomer.customer_id)}`,
    ...['workspace', 'keys', 'sdk', 'users', 'rules', 'alerts', 'password'].map((t) => `/settings/${t}`),
  ];
}, 120_000);
afterAll(async () => { await d?.close(); });

/** Waits until the view has loaded its data and drawn its charts. */
async function settle(page: Page) {
  await page.locator('main#main').waitFor();
  await page.waitForFunction(() => {
    const main = document.querySelector('main#main');
    if (!main || main.querySelector('.loading, [aria-busy="true"]')) return false;
    return Array.from(main.querySelectorAll('.chart')).every((c) => c.querySelector('canvas'));
  }, undefined, { timeout: 30_000 });
}

/** Rule violations on the current page, as readable strings (empty when it passes). */
function audit(page: Page, viewport: number): Promise<string[]> {
  return page.evaluate((vw) => {
    const problems: string[] = [];
    const describe = (el: Element) => `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}> "${(el.textContent ?? '').trim().slice(0, 40)}"`;
    const text = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
    const labelledBy = (el: Element) => text((el.getAttribute('aria-labelledby') ?? '').split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' '));
    const ownName = (el: Element) => text(el.getAttribute('aria-label')) || labelledBy(el) || text(el.getAttribute('title'));
    const hidden = (el: Element) => !!el.closest('[aria-hidden="true"], [hidden]') || getComputedStyle(el).display === 'none';

    for (const el of Array.from(document.querySelectorAll('input:not([type="hidden"]), select, textarea'))) {
      if (hidden(el)) continue;
      const labels = Array.from((el as HTMLInputElement).labels ?? []).map((l) => text(l.textContent)).join(' ');
      if (!ownName(el) && !labels) problems.push(`field without a label: ${describe(el)}`);
    }
    for (const el of Array.from(document.querySelectorAll('button, [role="button"], a[href], [role="tab"], [role="link"]'))) {
      if (hidden(el)) continue;
      const inner = text(el.textContent) || Array.from(el.querySelectorAll('img[alt]')).map((i) => i.getAttribute('alt')).join(' ');
      if (!ownName(el) && !inner) problems.push(`control without a name: ${describe(el)}`);
    }
    for (const el of Array.from(document.querySelectorAll('img'))) {
      if (!el.hasAttribute('alt')) problems.push(`image without alt: ${el.getAttribute('src')?.slice(0, 60)}`);
    }
    for (const el of Array.from(document.querySelectorAll('canvas'))) {
      const box = el.closest('[role="img"]');
      if (!box || !ownName(box)) problems.push(`chart without a text alternative: ${describe(el.parentElement ?? el)}`);
    }
    for (const el of Array.from(document.querySelectorAll('svg'))) {
      if (hidden(el) || el.closest('.chart')) continue;
      if (!ownName(el) && !el.querySelector('title')) problems.push(`svg neither hidden nor named: ${describe(el.parentElement ?? el)}`);
    }
    // Interactive things must be reachable by keyboard: a click handler on a plain element needs a link, button or tabindex inside or on it.
    for (const el of Array.from(document.querySelectorAll('[tabindex]'))) {
      const t = Number(el.getAttribute('tabindex'));
      if (t > 0) problems.push(`positive tabindex breaks the Tab order: ${describe(el)}`);
    }
    if (vw < 500) {
      if (document.documentElement.scrollWidth > vw) problems.push(`page scrolls sideways: ${document.documentElement.scrollWidth} px wide`);
      const scrolls = (el: Element | null): boolean => {
        for (let p = el?.parentElement; p; p = p.parentElement) {
          const o = getComputedStyle(p).overflowX;
          if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') return p.getBoundingClientRect().right <= vw + 1;
        }
        return false;
      };
      for (const el of Array.from(document.querySelectorAll('main *'))) {
        const r = el.getBoundingClientRect();
        if (r.width > 0 && r.right > vw + 1 && !scrolls(el)) { problems.push(`wider than the screen: ${describe(el)} (right edge ${Math.round(r.right)} px)`); break; }
      }
    }
    return problems;
  }, viewport);
}

async function auditAll(width: number, height: number) {
  const page = await d.newPage({ width, height });
  await d.login(page);
  const found: string[] = [];
  for (const route of routes) {
    await page.goto(`${d.url}${route}`);
    await settle(page);
    for (const p of await audit(page, width)) found.push(`${route} @${width}: ${p}`);
  }
  await page.close();
  return found;
}

describe('accessibility of every view (except the journey map)', () => {
  it('at 1440 px: every field has a label, every control a name, every chart a text alternative', async () => {
    expect(await auditAll(1440, 900)).toEqual([]);
  }, 240_000);

  it('at 390 px: the same, and nothing is wider than the screen', async () => {
    expect(await auditAll(390, 844)).toEqual([]);
  }, 240_000);

  it('keyboard: Tab moves through the controls in reading order with a visible focus ring', async () => {
    const page = await d.newPage();
    await d.login(page);
    for (const route of ['/funnels', '/voc/inbox', '/cases', '/customers', '/settings/rules']) {
      await page.goto(`${d.url}${route}`);
      await settle(page);
      await page.locator('main#main').focus();
      const seen: { name: string; visible: boolean; top: number }[] = [];
      for (let i = 0; i < 12; i++) {
        await page.keyboard.press('Tab');
        seen.push(await page.evaluate(() => {
          const el = document.activeElement as HTMLElement;
          const s = getComputedStyle(el);
          const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
          return { name: `${el.tagName} ${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30)}`, visible: ring, top: el.getBoundingClientRect().top + window.scrollY };
        }));
      }
      expect(seen.filter((s) => !s.visible).map((s) => `${route}: ${s.name}`), 'focus ring missing').toEqual([]);
      expect(seen.some((s) => s.name.startsWith('BODY')), `${route}: focus fell out of the page`).toBe(false);
    }
    await page.close();
  }, 120_000);

  it('keyboard: Escape closes the phone menu and gives focus back to its button', async () => {
    const page = await d.newPage({ width: 390, height: 844 });
    await d.login(page);
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('link', { name: 'Funnels' }).focus();
    await page.keyboard.press('Escape');
    expect(await page.getByRole('navigation', { name: 'Views' }).isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-controls'))).toBe('nav');
    await page.close();
  });

  it('keyboard: Escape cancels resolving a case and focus returns to its Resolve button', async () => {
    const page = await d.newPage();
    await d.login(page);
    await page.goto(`${d.url}/cases`);
    const card = page.locator('.case-card').first();
    await card.getByRole('button', { name: 'Resolve', exact: true }).click();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('INPUT');
    await page.keyboard.press('Escape');
    await card.getByRole('button', { name: 'Resolve', exact: true }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Resolve');
    await page.close();
  });

  it('no console errors or warnings on the way', () => {
    expect(d.errors).toEqual([]);
  });
});
