import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  const batch = [
    { type: 'track', userId: 'u1', event: 'Product Viewed', properties: { sku: 'g1', price: 10 }, timestamp: '2026-10-05T10:00:00Z' },
    { type: 'track', userId: 'u2', event: 'Product Viewed', properties: { sku: 'g2' }, timestamp: '2026-10-05T11:00:00Z' },
    { type: 'track', userId: 'u2', event: 'Order Completed', properties: { total: 30 }, timestamp: '2026-10-06T11:00:00Z' },
    { type: 'identify', userId: 'u2', traits: { plan: 'vip' }, timestamp: '2026-10-06T11:00:00Z' },
  ];
  const r = await t.app.inject({ method: 'POST', url: '/v1/batch', headers: { authorization: t.basic, 'content-type': 'application/json' }, payload: { batch } });
  expect(r.statusCode, r.body).toBe(200);
});
afterAll(async () => { await t.close(); });

const get = (url: string, authorization = t.bearer) => t.app.inject({ method: 'GET', url, headers: { authorization } });

describe('GET /api/v1/events/names', () => {
  it('lists event names with counts, customers and property keys', async () => {
    const r = await get('/api/v1/events/names');
    expect(r.statusCode, r.body).toBe(200);
    const { events } = r.json();
    expect(events.map((e: { name: string; events: number; customers: number }) => [e.name, e.events, e.customers]))
      .toEqual([['Product Viewed', 2, 2], ['Order Completed', 1, 1]]);
    expect(events[0].properties).toEqual([{ key: 'sku', share: 1 }, { key: 'price', share: 0.5 }]);
  });

  it('takes a date range in the query string and checks it', async () => {
    const r = await get('/api/v1/events/names?from=2026-10-06&to=2026-10-07');
    expect(r.json().events.map((e: { name: string }) => e.name)).toEqual(['Order Completed']);
    const bad = await get('/api/v1/events/names?from=yesterday');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].path).toBe('from');
  });

  it('needs the secret key', async () => {
    expect((await get('/api/v1/events/names', `Bearer ${t.ws.writeKey}`)).statusCode).toBe(403);
    expect((await get('/api/v1/events/names', '')).statusCode).toBe(401);
  });
});
