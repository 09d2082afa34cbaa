/**
 * Helpers for real-browser SDK tests. Two servers, on two origins like in production:
 * - a *site* (the customer's web pages, each embedding the snippet), and
 * - a *fake Touchpoint* serving `/sdk.js` and recording `POST /v1/batch`.
 * A test against the real server keeps `startSite` and `testPage` and swaps the fake for the app.
 */
import { existsSync } from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import { chromium, type Browser } from 'playwright-core';
import { buildSdk } from './build.ts';
import type { BatchBody, Message } from './types.ts';

export interface PageOptions {
  /** Touchpoint base URL serving `/sdk.js` and `/v1/batch`. */
  host: string;
  /** Omit to leave out `data-write-key`, so the page must call `init` itself. */
  writeKey?: string;
  title?: string;
  /** Extra `data-*` attributes for the SDK tag, e.g. `{ 'flush-interval': '60000' }`. */
  data?: Record<string, string>;
  /** Script run before the snippet (inline JS, no tags). */
  before?: string;
  /** Script run right after the snippet, e.g. queued `touchpoint.push([...])` calls. */
  after?: string;
  body?: string;
}

/** An HTML page embedding the documented snippet. */
export function testPage(o: PageOptions): string {
  const attrs = Object.entries({ 'write-key': o.writeKey, host: o.host, ...o.data })
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` data-${k}="${v}"`)
    .join('');
  return `<!doctype html><html><head><meta charset="utf-8"><title>${o.title ?? 'Test page'}</title>
${o.before ? `<script>${o.before}</script>` : ''}
<script src="${o.host}/sdk.js"${attrs} async></script>
<script>window.touchpoint = window.touchpoint || [];${o.after ?? ''}</script>
</head><body>${o.body ?? '<h1>Touchpoint SDK test</h1>'}</body></html>`;
}

async function listen(app: FastifyInstance): Promise<string> {
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return address.replace('localhost', '127.0.0.1');
}

export interface Site {
  url: string;
  /** Serves `html` at `path` (a path without query; queries are ignored). */
  page(path: string, html: string): void;
  close(): Promise<void>;
}

/** A stand-in for the customer's website. `GET /delay?ms=N` answers after N ms, to slow a page's load. */
export async function startSite(): Promise<Site> {
  const pages = new Map<string, string>();
  const app = Fastify();
  app.get('/delay', async (req, reply) => {
    await new Promise((r) => setTimeout(r, Number((req.query as { ms?: string }).ms) || 0));
    return reply.type('text/plain').send('');
  });
  app.get('/*', async (req, reply) => {
    const html = pages.get(req.url.split('?')[0]!);
    return html === undefined ? reply.code(404).send('not found') : reply.type('text/html').send(html);
  });
  const url = await listen(app);
  return { url, page: (path, html) => void pages.set(path, html), close: () => app.close() };
}

/** One request received by the fake collector. */
export interface Received {
  at: number;
  status: number;
  contentType: string;
  /** `cors` for fetch, `no-cors` for sendBeacon (Fetch Metadata). */
  fetchMode: string;
  body: BatchBody;
}

export interface FakeTouchpoint {
  url: string;
  writeKey: string;
  requests: Received[];
  /** CORS preflight (OPTIONS) requests seen; text/plain bodies should cause none. */
  preflights: number;
  /** Answers the next `times` batch requests with `status` instead of 200. */
  failNext(status: number, times?: number): void;
  /** Messages of accepted (2xx) requests, in arrival order. */
  accepted(): Message[];
  /** Waits for an accepted message matching `match`. */
  waitForMessage(match: (m: Message) => boolean, what: string, timeoutMs?: number): Promise<Message>;
  close(): Promise<void>;
}

/** A fake Touchpoint server: `/sdk.js` from `buildSdk()` and a recording `/v1/batch` (401 on a bad key). */
export async function startFakeTouchpoint(writeKey = 'wk_test_123456'): Promise<FakeTouchpoint> {
  const requests: Received[] = [];
  const failures: number[] = [];
  const app = Fastify();
  const fake = { preflights: 0 } as FakeTouchpoint;
  app.addHook('onRequest', async (req) => {
    if (req.method === 'OPTIONS') fake.preflights++;
  });
  app.get('/sdk.js', async (_req, reply) => reply.type('application/javascript').send(await buildSdk()));
  app.post('/v1/batch', async (req, reply) => {
    const body = (typeof req.body === 'string' ? JSON.parse(req.body) : req.body) as BatchBody;
    const status = failures.shift() ?? (body.writeKey === writeKey ? 200 : 401);
    requests.push({
      at: Date.now(),
      status,
      contentType: String(req.headers['content-type']),
      fetchMode: String(req.headers['sec-fetch-mode']),
      body,
    });
    // The SDK posts cross-origin; without this header fetch cannot read the status.
    reply.header('access-control-allow-origin', '*');
    return reply.code(status).send(status === 200 ? { success: true } : { error: { code: `http_${status}` } });
  });
  const url = await listen(app);
  const accepted = () => requests.filter((r) => r.status === 200).flatMap((r) => r.body.batch);
  return Object.assign(fake, {
    url,
    writeKey,
    requests,
    failNext: (status: number, times = 1) => void failures.push(...Array<number>(times).fill(status)),
    accepted,
    waitForMessage: (match: (m: Message) => boolean, what: string, timeoutMs?: number) =>
      waitFor(() => accepted().find(match), what, timeoutMs),
    close: () => app.close(),
  });
}

/** Polls `probe` (sync or async) until it returns a value other than undefined. */
export async function waitFor<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const CHROMIUM = '/usr/bin/chromium';

/** Debian's headless Chromium with the flags this machine needs (no sandbox as root, no background traffic). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
