import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startDashboard, type Dashboard } from '../helpers/dashboard.ts';

let d: Dashboard;
beforeAll(async () => { d = await startDashboard(); }, 120_000);
afterAll(async () => { await d?.close(); });

describe('dashboard shell', () => {
  it('refuses a wrong password on the login page, then logs in and lands on the journey map', async () => {
    const page = await d.newPage();
    await page.goto(`${d.url}/`);
    await page.getByLabel('E-mail').fill(ADMIN.email);
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Wrong e-mail or password');
    await d.screenshot(page, 'login-error');
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('navigation', { name: 'Views' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/map');
    // The 401 of the wrong password is the only expected console error (Chromium logs failed fetches).
    d.errors.splice(0, d.errors.length, ...d.errors.filter((e) => !e.includes('401')));
    await page.close();
  });

  it('a deep link survives a reload, and the app keeps the session', async () => {
    const page = await d.newPage();
    await d.login(page);
    await page.goto(`${d.url}/cases`);
    await page.getByRole('navigation', { name: 'Views' }).waitFor();
    await expect(page.locator('[aria-current="page"]').textContent()).resolves.toContain('Cases');
    await page.close();
  });

  it('on a phone-sized screen the menu folds into a button and still reaches every view', async () => {
    const page = await d.newPage({ width: 390, height: 844 });
    await d.login(page);
    const nav = page.getByRole('navigation', { name: 'Views' });
    expect(await nav.isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('link', { name: 'Funnels' }).click();
    expect(new URL(page.url()).pathname).toBe('/funnels');
    expect(await nav.isVisible()).toBe(false);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await d.screenshot(page, 'phone-funnels');
    await page.close();
  });

  it('keyboard: Tab reaches the skip link first and it moves focus to the content', async () => {
    const page = await d.newPage();
    await d.login(page);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.close();
  });

  it('logs out back to the login page', async () => {
    const page = await d.newPage();
    await d.login(page);
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByLabel('E-mail').waitFor();
    await page.close();
    expect(d.errors).toEqual([]);
  });
});
