import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/app.ts';
import { sql } from '../storage/sql.ts';

let t: TestApp;
beforeEach(async () => { t = await createTestApp(); });
afterEach(async () => { await t.close(); });

const count = async () => (await t.services.store.query<{ n: number }>(sql`SELECT count(*) AS n FROM events`))[0].n;
const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, payload: typeof payload === 'string' || Buffer.isBuffer(payload) ? payload : JSON.stringify(payload),
    headers: { 'content-type': 'application/json', authorization: t.basic, ...headers } });

describe('Segment HTTP API', () => {
  it('stores a track call and answers {success:true}', async () => {
    const r = await post('/v1/track', { userId: 'u1', event: 'Product Viewed', properties: { sku: 'G-1' }, messageId: 'm1' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ success: true, stored: 1 });
    const rows = await t.services.store.query<{ event: string; user_id: string; channel: string }>(sql`SELECT event, user_id, channel FROM events`);
    expect(rows).toEqual([{ event: 'Product Viewed', user_id: 'u1', channel: 'other' }]);
  });

  it('accepts the write key in the body, gzip, and text/plain', async () => {
    const body = gzipSync(JSON.stringify({ writeKey: t.ws.writeKey, batch: [{ type: 'page', anonymousId: 'a1', name: 'Home', properties: { path: '/' } }] }));
    const r = await t.app.inject({ method: 'POST', url: '/v1/batch', payload: body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(r.statusCode).toBe(200);
    const r2 = await t.app.inject({ method: 'POST', url: '/v1/batch', payload: JSON.stringify({ writeKey: t.ws.writeKey, batch: [{ type: 'track', event: 'X', anonymousId: 'a2' }] }), headers: { 'content-type': 'text/plain' } });
    expect(r2.statusCode).toBe(200);
    const rows = await t.services.store.query<{ event: string; channel: string }>(sql`SELECT event, channel FROM events ORDER BY event`);
    expect(rows).toEqual([{ event: 'Page Viewed', channel: 'web' }, { event: 'X', channel: 'other' }]);
  });

  it('reads UTF-8 bodies, with or without a byte-order mark', async () => {
    const json = JSON.stringify({ batch: [{ type: 'track', event: 'Gitarren – Übersicht 🎸', userId: 'u' }] });
    for (const body of [Buffer.from(json), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)])]) {
      expect((await post('/v1/batch', body)).statusCode).toBe(200);
    }
    const rows = await t.services.store.query<{ event: string }>(sql`SELECT DISTINCT event FROM events`);
    expect(rows).toEqual([{ event: 'Gitarren – Übersicht 🎸' }]);
  });

  it('stores the same messageId once', async () => {
    const msg = { userId: 'u1', event: 'Order Completed', messageId: 'dup-1' };
    expect((await post('/v1/track', msg)).json()).toMatchObject({ stored: 1, duplicates: 0 });
    expect((await post('/v1/batch', { batch: [{ ...msg, type: 'track' }, { ...msg, type: 'track' }] })).json()).toMatchObject({ stored: 0, duplicates: 2 });
    expect(await count()).toBe(1);
  });

  it('rejects unknown write keys with 401 and secret keys cannot be used to write silently', async () => {
    const r = await post('/v1/track', { userId: 'u', event: 'E' }, { authorization: 'Basic ' + Buffer.from('nope:').toString('base64') });
    expect(r.statusCode).toBe(401);
    expect(r.json().code).toBe('unauthorized');
    expect(await count()).toBe(0);
  });

  it('explains bad input with 4xx and details, writing nothing', async () => {
    const cases: [unknown, number, string][] = [
      ['{"batch": [', 400, 'invalid_json'],
      [{ batch: 'nope' }, 400, 'invalid_body'],
      [{ batch: [{ type: 'track', event: 'E' }] }, 400, 'validation_failed'],
      [{ batch: [{ type: 'track', userId: 'u', event: 42 }] }, 400, 'validation_failed'],
      [{ batch: [{ type: 'track', userId: 'u', event: 'E', timestamp: '2099-01-01T00:00:00Z' }] }, 400, 'validation_failed'],
      [{ batch: [{ type: 'track', userId: 'u', event: 'E', timestamp: 'yesterday' }] }, 400, 'validation_failed'],
      [{ batch: [{ type: 'shout', userId: 'u' }] }, 400, 'validation_failed'],
    ];
    for (const [payload, status, code] of cases) {
      const r = await post('/v1/batch', payload);
      expect(r.statusCode, JSON.stringify(payload)).toBe(status);
      expect(r.json().code).toBe(code);
      expect(Array.isArray(r.json().details)).toBe(true);
    }
    const future = await post('/v1/batch', cases[4][0]);
    expect(future.json().details[0]).toMatchObject({ path: 'batch[0].timestamp', index: 0 });
    expect(await count()).toBe(0);
  });

  it('refuses bodies over 500 KB (raw or gzipped), non-UTF-8, deep and huge properties', async () => {
    const big = { batch: [{ type: 'track', userId: 'u', event: 'E', properties: { blob: 'x'.repeat(600 * 1024) } }] };
    expect((await post('/v1/batch', big)).statusCode).toBe(413);
    const gz = await post('/v1/batch', gzipSync(JSON.stringify(big)), { 'content-encoding': 'gzip' });
    expect(gz.statusCode).toBe(413);
    const latin1 = Buffer.concat([Buffer.from('{"batch":[{"type":"track","userId":"'), Buffer.from([0xff, 0xfe]), Buffer.from('","event":"E"}]}')]);
    expect((await post('/v1/batch', latin1)).json().code).toBe('invalid_encoding');
    let deep: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 40; i++) deep = { d: deep };
    const d = await post('/v1/track', { userId: 'u', event: 'E', properties: deep });
    expect(d.statusCode).toBe(400);
    expect(d.json().details[0].message).toMatch(/nested deeper/);
    const huge = await post('/v1/track', { userId: 'u', event: 'E', properties: { text: 'y'.repeat(40 * 1024) } });
    expect(huge.statusCode).toBe(400);
    expect(huge.json().details[0].message).toMatch(/limit is 32768/);
    expect(await count()).toBe(0);
    expect((await post('/v1/track', { userId: 'u', event: 'Still serving' })).statusCode).toBe(200);
  });

  it('keeps the good messages of a mixed batch and lists the bad ones', async () => {
    const r = await post('/v1/batch', { batch: [
      { type: 'track', userId: 'u', event: 'Good 1', messageId: 'g1' },
      { type: 'track', event: 'No identity', messageId: 'b1' },
      { type: 'identify', userId: 'u', traits: { email: 'u@example.com' } },
    ] });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ success: true, stored: 2, rejected: [{ index: 1, messageId: 'b1', path: 'batch[1].userId' }] });
    expect(await count()).toBe(2);
  });
});

describe('PostHog capture API', () => {
  it('maps $pageview, $identify and custom events', async () => {
    const body = { api_key: t.ws.writeKey, batch: [
      { event: '$pageview', distinct_id: 'anon-1', properties: { $is_identified: false, $current_url: 'https://shop.test/guitars', $pathname: '/guitars', $lib: 'web' }, uuid: 'p1', timestamp: new Date().toISOString() },
      { event: '$identify', distinct_id: 'user-9', properties: { $anon_distinct_id: 'anon-1', $set: { email: 'nine@example.com' } }, uuid: 'p2' },
      { event: 'Product Added', distinct_id: 'user-9', properties: { sku: 'A' }, uuid: 'p3' },
    ] };
    const r = await t.app.inject({ method: 'POST', url: '/batch/', payload: gzipSync(JSON.stringify(body)), headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } });
    expect(r.statusCode).toBe(200);
    const rows = await t.services.store.query<{ type: string; event: string; customer_id: string; channel: string }>(sql`SELECT type, event, customer_id, channel FROM events ORDER BY message_id`);
    expect(rows.map((x) => [x.type, x.event, x.channel])).toEqual([['page', 'Page Viewed', 'web'], ['identify', 'Identify', 'other'], ['track', 'Product Added', 'other']]);
    expect(new Set(rows.map((x) => x.customer_id)).size).toBe(1);
  });

  it('401 without api_key', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/capture/', payload: JSON.stringify({ event: 'x', distinct_id: 'd' }), headers: { 'content-type': 'application/json' } });
    expect(r.statusCode).toBe(401);
  });
});
