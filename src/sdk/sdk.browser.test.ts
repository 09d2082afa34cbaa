/**
 * The SDK in a real headless Chromium (needs /usr/bin/chromium: `apt-get install -y chromium`).
 * Pages come from one origin (the "site"), `sdk.js` and `/v1/batch` from another (a fake
 * Touchpoint), as on a customer's site.
 */
import { readFileSync } from 'node:fs';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Message } from './types.ts';
import { launchChromium, startFakeTouchpoint, startSite, testPage, waitFor, type FakeTouchpoint, type PageOptions, type Site } from './test-support.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));

let browser: Browser;
let site: Site;
let tp: FakeTouchpoint;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  site = await startSite();
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});
beforeEach(async () => {
  tp = await startFakeTouchpoint();
});
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
  await tp.close();
});

/** Serves a snippet page at `path` and opens it in a fresh browser profile. */
async function open(path: string, o: Partial<PageOptions> = {}, query = ''): Promise<Page> {
  site.page(path, testPage({ host: tp.url, writeKey: tp.writeKey, data: { 'flush-interval': '100' }, ...o }));
  const context = await browser.newContext();
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(site.url + path + query);
  return page;
}

const ofVisitor = (anonymousId: string) => tp.accepted().filter((m) => m.anonymousId === anonymousId);
const requestsWith = (m: Message) => tp.requests.filter((r) => r.body.batch.some((b) => b.messageId === m.messageId));
const tpQueue = (page: Page) => page.evaluate(() => localStorage.getItem('tp_queue'));

describe('browser SDK', () => {
  it('sends a page view with page context, campaign and a persisted anonymous id', async () => {
    const page = await open('/home', { title: 'Home' }, '?utm_source=news&utm_medium=email&utm_campaign=spring');
    const view = await tp.waitForMessage((m) => m.type === 'page' && m.properties?.path === '/home', 'page view');

    expect(view.anonymousId).toMatch(UUID);
    expect(view.messageId).toMatch(UUID);
    expect(await page.evaluate(() => localStorage.getItem('tp_anon'))).toBe(view.anonymousId);
    expect(await page.evaluate(() => document.cookie)).toContain(`tp_anon=${view.anonymousId}`);
    expect(view.userId).toBeUndefined();
    expect(Math.abs(Date.parse(view.timestamp) - Date.now())).toBeLessThan(10_000);
    const url = `${site.url}/home?utm_source=news&utm_medium=email&utm_campaign=spring`;
    expect(view.properties).toEqual({ path: '/home', url, referrer: '', title: 'Home', search: '?utm_source=news&utm_medium=email&utm_campaign=spring' });
    expect(view.context).toMatchObject({
      library: { name: 'touchpoint.js', version },
      page: { path: '/home', url, title: 'Home' },
      campaign: { source: 'news', medium: 'email', name: 'spring' },
      userAgent: expect.stringContaining('Chrome'),
      locale: expect.any(String),
      screen: { width: expect.any(Number), height: expect.any(Number) },
    });

    expect(view.context.channel).toBeUndefined(); // the server infers 'email' from the campaign medium
    const [request] = requestsWith(view);
    expect(request!.body.writeKey).toBe(tp.writeKey);
    expect(Math.abs(Date.parse(request!.body.sentAt) - Date.now())).toBeLessThan(10_000);
    // text/plain keeps the cross-origin POST a "simple" request: no preflight.
    expect(request!.contentType).toMatch(/^text\/plain/);
    expect(request!.fetchMode).toBe('cors');
    expect(tp.preflights).toBe(0);
  });

  it('reports the page load time from Navigation Timing', async () => {
    // The image holds the load event back by 300 ms.
    await open('/slow', { body: '<img src="/delay?ms=300" alt="">' });
    const load = await tp.waitForMessage((m) => m.event === 'Page Load', 'Page Load');
    expect(load.type).toBe('track');
    expect(load.properties).toMatchObject({ path: '/slow', duration_ms: expect.any(Number), ttfb_ms: expect.any(Number) });
    expect(load.properties!.duration_ms).toBeGreaterThanOrEqual(300);
    expect(load.properties!.duration_ms).toBeLessThan(10_000);
  });

  it('reports uncaught errors and unhandled rejections, at most 10 per page', async () => {
    const page = await open('/errors', {
      before: `function explode(n) { for (let i = 0; i < n; i++) setTimeout(function () { throw new Error('boom ' + i); }); }`,
    });
    const view = await tp.waitForMessage((m) => m.type === 'page' && m.properties?.path === '/errors', 'page view');
    const errors = () => ofVisitor(view.anonymousId).filter((m) => m.event === 'Error');

    await page.evaluate(() => void Promise.reject(new Error('payment widget failed')));
    const rejection = await waitFor(() => errors()[0], 'rejection Error');
    expect(rejection.properties).toMatchObject({ message: 'payment widget failed', kind: 'js', path: '/errors', unhandledRejection: true });

    await page.evaluate(() => (window as unknown as { explode(n: number): void }).explode(15));
    await waitFor(() => (errors().length >= 10 ? true : undefined), '10 Error events');
    const first = errors()[1]!;
    expect(first.properties).toMatchObject({ message: 'Uncaught Error: boom 0', source: `${site.url}/errors`, kind: 'js', path: '/errors' });
    expect(first.properties!.line).toBeGreaterThan(0);
    expect(first.properties!.column).toBeGreaterThan(0);
    expect(first.properties!.stack).toContain('boom 0');

    await page.waitForTimeout(500); // more than a flush interval: nothing beyond the limit follows
    expect(errors()).toHaveLength(10);
  });

  it('carries the user id after identify, with the same anonymous id, across reloads until reset', async () => {
    const page = await open('/account');
    const view = await tp.waitForMessage((m) => m.type === 'page' && m.properties?.path === '/account', 'page view');
    await page.evaluate(() => {
      const tp = (window as any).touchpoint;
      tp.identify('user-42', { email: 'ana@example.com' });
      tp.track('Order Completed', { order_id: 'o-1' });
    });
    const identify = await tp.waitForMessage((m) => m.type === 'identify' && m.anonymousId === view.anonymousId, 'identify');
    expect(identify).toMatchObject({ userId: 'user-42', traits: { email: 'ana@example.com' } });
    const order = await tp.waitForMessage((m) => m.event === 'Order Completed', 'Order Completed');
    expect(order).toMatchObject({ userId: 'user-42', anonymousId: view.anonymousId, properties: { order_id: 'o-1' } });

    // localStorage wiped (e.g. by a privacy tool): the first-party cookie still has both ids.
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    const again = await tp.waitForMessage((m) => m.type === 'page' && m.messageId !== view.messageId, 'second page view');
    expect(again).toMatchObject({ userId: 'user-42', anonymousId: view.anonymousId });

    await page.evaluate(() => {
      (window as any).touchpoint.reset();
      (window as any).touchpoint.track('After Reset');
    });
    const after = await tp.waitForMessage((m) => m.event === 'After Reset', 'After Reset');
    expect(after.userId).toBeUndefined();
    expect(after.anonymousId).toMatch(UUID);
    expect(after.anonymousId).not.toBe(view.anonymousId);
  });

  it('hands queued messages to sendBeacon when the visitor navigates away', async () => {
    const page = await open('/cart', { data: { 'flush-interval': '60000' } });
    await page.evaluate(() => (window as any).touchpoint.track('Checkout Started', { cart_id: 'c-9' }));
    expect(tp.requests).toHaveLength(0); // nothing due before a minute
    site.page('/next', '<!doctype html><title>Next</title>');
    await page.goto(`${site.url}/next`);

    const checkout = await tp.waitForMessage((m) => m.event === 'Checkout Started', 'Checkout Started');
    const view = await tp.waitForMessage((m) => m.type === 'page', 'page view');
    expect(checkout.anonymousId).toBe(view.anonymousId);
    expect(requestsWith(checkout).map((r) => [r.fetchMode, r.contentType])).toEqual([['no-cors', 'text/plain']]);
    expect(await tpQueue(page)).toBeNull();
  });

  it('flushes with a beacon when the page becomes hidden', async () => {
    const page = await open('/tab', { data: { 'flush-interval': '60000' } });
    await page.evaluate(() => {
      (window as any).touchpoint.track('Tab Hidden');
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    const hidden = await tp.waitForMessage((m) => m.event === 'Tab Hidden', 'Tab Hidden');
    expect(requestsWith(hidden)[0]!.fetchMode).toBe('no-cors');
  });

  it('retries 503 and 429 with backoff, keeping the message in tp_queue meanwhile', async () => {
    tp.failNext(503);
    tp.failNext(429);
    const page = await open('/retry', { data: { 'flush-interval': '100', 'auto-page': 'false', friction: 'false' } });
    await page.evaluate(() => (window as any).touchpoint.track('Retry Me'));
    await waitFor(() => tp.requests[0], 'first attempt');
    const messageId = tp.requests[0]!.body.batch[0]!.messageId;
    expect(await tpQueue(page)).toContain(messageId);

    await tp.waitForMessage((m) => m.event === 'Retry Me', 'Retry Me');
    const attempts = tp.requests.filter((r) => r.body.batch.some((m) => m.messageId === messageId));
    expect(attempts.map((r) => r.status)).toEqual([503, 429, 200]);
    expect(tp.accepted().filter((m) => m.messageId === messageId)).toHaveLength(1);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(450);
    expect(attempts[2]!.at - attempts[1]!.at).toBeGreaterThanOrEqual(950);
    await waitFor(async () => ((await tpQueue(page)) === null ? true : undefined), 'empty tp_queue');
  });

  it('does not retry a batch rejected with 401 (bad write key)', async () => {
    const page = await open('/bad-key', { writeKey: 'wk_wrong_key' });
    await waitFor(() => tp.requests[0], 'first attempt');
    await page.waitForTimeout(1500); // a retry would come after 500–750 ms
    const view = tp.requests[0]!.body.batch.find((m) => m.type === 'page')!;
    expect(tp.requests.filter((r) => r.body.batch.some((m) => m.messageId === view.messageId)).map((r) => r.status)).toEqual([401]);
    expect((await tpQueue(page)) ?? '').not.toContain(view.messageId);
  });

  it('replays calls queued before the script loaded, in order, including init', async () => {
    const page = await open('/queued', {
      writeKey: undefined, // no data-write-key: the queued init call starts tracking
      after: `
        window.queuedBeforeLoad = Array.isArray(window.touchpoint);
        touchpoint.push(['track', 'Queued Event', { n: 1 }]);
        touchpoint.push(['identify', 'early-bird', { plan: 'pro' }]);
        touchpoint.push(['init', { writeKey: '${tp.writeKey}', host: '${tp.url}', flushInterval: 100 }]);`,
    });
    expect(await page.evaluate(() => (window as any).queuedBeforeLoad)).toBe(true);
    const queued = await tp.waitForMessage((m) => m.event === 'Queued Event', 'Queued Event');
    expect(queued.properties).toEqual({ n: 1 });
    expect(queued.userId).toBeUndefined(); // tracked before the identify call
    const identify = await tp.waitForMessage((m) => m.type === 'identify', 'identify');
    expect(identify).toMatchObject({ userId: 'early-bird', anonymousId: queued.anonymousId, traits: { plan: 'pro' } });
    await tp.waitForMessage((m) => m.type === 'page' && m.anonymousId === queued.anonymousId, 'auto page view');

    // push keeps working once loaded, so snippet code never needs to know.
    await page.evaluate(() => (window as any).touchpoint.push(['track', 'Pushed Later']));
    const later = await tp.waitForMessage((m) => m.event === 'Pushed Later', 'Pushed Later');
    expect(later.userId).toBe('early-bird');
  });

  it('sends messages a previous page left in tp_queue, and bounds the queue at 100', async () => {
    const leftOver: Message = {
      type: 'track',
      event: 'Left Over',
      messageId: '11111111-2222-4333-8444-555555555555',
      timestamp: new Date().toISOString(),
      anonymousId: 'anon-left-over',
      properties: {},
      context: {},
    };
    site.page('/blank', '<!doctype html><title>Blank</title>');
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${site.url}/blank`);
    await page.evaluate((m) => localStorage.setItem('tp_queue', JSON.stringify([m])), leftOver);

    site.page('/resume', testPage({ host: tp.url, writeKey: tp.writeKey, data: { 'flush-interval': '60000', 'batch-size': '1000' } }));
    await page.goto(`${site.url}/resume`);
    await tp.waitForMessage((m) => m.messageId === leftOver.messageId, 'left-over message');

    // The server is down and the page keeps tracking: only the newest 100 are kept.
    tp.failNext(503, 1000);
    await page.evaluate(() => {
      for (let i = 0; i < 150; i++) (window as any).touchpoint.track('Burst', { i });
    });
    const stored: Message[] = JSON.parse((await tpQueue(page))!);
    expect(stored).toHaveLength(100);
    expect(stored.at(-1)!.properties).toEqual({ i: 149 });
    expect(stored[0]!.properties).toEqual({ i: 50 });
  });
});
