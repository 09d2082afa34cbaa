/**
 * The browser SDK end to end: a page on one origin loads `/sdk.js` from a real Touchpoint server
 * (another origin), and what it tracks is read back from the customer timeline API.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startSite, testPage, waitFor, type Site } from '../src/sdk/test-support.ts';
import { startTestServer } from './helpers/server.ts';

let browser: Browser;
let site: Site;
let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  browser = await launchChromium();
  site = await startSite();
  server = await startTestServer();
});
afterAll(async () => { await browser?.close(); await site?.close(); await server?.close(); });

async function timeline(id: string) {
  const r = await fetch(`${server.url}/api/v1/customers/${encodeURIComponent(id)}/timeline`, { headers: { authorization: `Bearer ${server.defaultWorkspace.secretKey}` } });
  return r.status === 200 ? (await r.json()) as { events: { event: string; channel: string; userId: string | null; properties: Record<string, unknown> }[] } : null;
}

describe('browser SDK against the real server', () => {
  it('page view, page-load timing, a JS error, identify and track form one customer timeline', async () => {
    site.page('/favicon.ico', '');
    site.page('/shop', testPage({ host: server.url, writeKey: server.defaultWorkspace.writeKey, title: 'Guitars', data: { 'flush-interval': '200' },
      after: `touchpoint.push(['identify','sdk-user',{email:'sdk@example.com'}]); touchpoint.push(['track','Product Viewed',{sku:'LP-59'}]);
              setTimeout(function(){ throw new Error('boom in checkout'); }, 1500);` }));
    const context = await browser.newContext();
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error' && !/boom in checkout/.test(m.text())) consoleErrors.push(m.text()); });
    await page.goto(`${site.url}/shop`);
    const anonymousId = await page.evaluate(() => new Promise<string>((resolve) => {
      const poll = () => { const id = localStorage.getItem('tp_anon'); if (id) resolve(id); else setTimeout(poll, 20); };
      poll();
    }));
    const tl = await waitFor(async () => {
      const t = await timeline(anonymousId);
      const names = t?.events.map((e) => e.event) ?? [];
      return ['Page Viewed', 'Identify', 'Product Viewed', 'Page Load', 'Error'].every((n) => names.includes(n)) ? t : undefined;
    }, 'the timeline to hold every tracked event', 15_000);
    const byName = (n: string) => tl!.events.find((e) => e.event === n)!;
    expect(byName('Page Viewed')).toMatchObject({ channel: 'web', properties: { path: '/shop', title: 'Guitars' } });
    expect(typeof byName('Page Load').properties.duration_ms).toBe('number');
    expect(byName('Error').properties.message).toMatch(/boom in checkout/);
    expect(byName('Product Viewed')).toMatchObject({ userId: 'sdk-user', properties: { sku: 'LP-59' } });
    const profile = await (await fetch(`${server.url}/api/v1/customers/sdk@example.com`, { headers: { authorization: `Bearer ${server.defaultWorkspace.secretKey}` } })).json();
    expect(profile.identities.map((i: { type: string }) => i.type).sort()).toEqual(['anon', 'email', 'user']);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
