import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { loadDemoIfEmpty } from '../../src/cli/demo-loader.ts';
import { loadConfig } from '../../src/config/config.ts';
import { startServer, type RunningServer } from '../../src/server/start.ts';
import { launchChromium } from '../../src/sdk/test-support.ts';

export const ADMIN = { email: 'cx-lead@example.com', password: 'demo-password-1' };
export const SCREENSHOTS = join(process.cwd(), 'test-results', 'screenshots');

export interface Dashboard {
  server: RunningServer;
  browser: Browser;
  url: string;
  /** A new page that records console errors and uncaught exceptions (see `errors`). */
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  /** Console errors and page errors seen so far, on every page. */
  errors: string[];
  login(page: Page, who?: { email: string; password: string }): Promise<void>;
  screenshot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real server with the demo workspace (small: 300 customers, the same generator as `npm start`),
 * an admin user, and headless Chromium. The dashboard is built by test/global-setup.ts.
 */
export async function startDashboard(options: { customers?: number } = {}): Promise<Dashboard> {
  const dataDir = mkdtempSync(join(tmpdir(), 'touchpoint-dash-'));
  const server = await startServer(loadConfig({
    port: 0, host: '127.0.0.1', dataDir, logLevel: 'silent', adminEmail: ADMIN.email, adminPassword: ADMIN.password,
  }, {}));
  await loadDemoIfEmpty(server, { customers: options.customers ?? 300, days: 120, seed: 42, quiet: true });
  await server.services.settle();
  const browser = await launchChromium();
  const errors: string[] = [];
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    server, browser, url: server.url, errors,
    async newPage(viewport = { width: 1440, height: 900 }) {
      const page = await browser.newPage({ viewport });
      page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()} (${page.url()})`); });
      page.on('pageerror', (e) => errors.push(`page error: ${e.message} (${page.url()})`));
      return page;
    },
    async login(page, who = ADMIN) {
      await page.goto(`${server.url}/`);
      await page.getByLabel('E-mail').fill(who.email);
      await page.getByLabel('Password').fill(who.password);
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.locator('main#main').waitFor();
    },
    async screenshot(page, name) {
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
    },
    async close() {
      await browser.close();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
