import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/app.ts';
import { sql } from '../storage/sql.ts';

let t: TestApp;
beforeEach(async () => { t = await createTestApp(); });
afterEach(async () => { await t.close(); });

let n = 0;
const at = (minute: number) => new Date(Date.UTC(2026, 9, 1, 10, minute)).toISOString();
const send = async (...batch: Record<string, unknown>[]) => {
  const r = await t.app.inject({ method: 'POST', url: '/v1/batch', headers: { authorization: t.basic, 'content-type': 'application/json' },
    payload: JSON.stringify({ batch: batch.map((m) => ({ messageId: `m${n++}`, ...m })) }) });
  expect(r.statusCode).toBe(200);
};
const get = (url: string, auth = t.bearer) => t.app.inject({ method: 'GET', url, headers: { authorization: auth } });
const customersOfEvents = async () => (await t.services.store.query<{ n: number }>(sql`SELECT count(DISTINCT customer_id) AS n FROM events`))[0].n;

describe('identity stitching', () => {
  it('a later identify merges earlier anonymous history into the user', async () => {
    await send({ type: 'page', anonymousId: 'anon-A', timestamp: at(0), properties: { path: '/' } });
    await send({ type: 'track', anonymousId: 'anon-A', event: 'Product Viewed', timestamp: at(1) });
    await send({ type: 'identify', anonymousId: 'anon-A', userId: 'user-1', traits: { email: 'Ann@Example.com', persona: 'Beginner' }, timestamp: at(2) });
    await send({ type: 'track', userId: 'user-1', event: 'Order Completed', timestamp: at(3) });
    expect(await customersOfEvents()).toBe(1);
    const byAnon = (await get('/api/v1/customers/anon-A')).json();
    const byEmail = (await get('/api/v1/customers/ann@example.com')).json();
    expect(byAnon.id).toBe(byEmail.id);
    expect(byAnon.userId).toBe('user-1');
    expect(byAnon.persona).toBe('Beginner');
    expect(byAnon.identities.map((i: { type: string }) => i.type).sort()).toEqual(['anon', 'email', 'user']);
    const tl = (await get('/api/v1/customers/user-1/timeline')).json();
    expect(tl.events.map((e: { event: string }) => e.event)).toEqual(['Page Viewed', 'Product Viewed', 'Identify', 'Order Completed']);
  });

  it('a second device that identifies as the same user merges into one customer', async () => {
    await send({ type: 'identify', anonymousId: 'laptop', userId: 'user-2', timestamp: at(0) });
    await send({ type: 'track', anonymousId: 'phone', event: 'Product Viewed', timestamp: at(5), context: { channel: 'app' } });
    expect(await customersOfEvents()).toBe(2);
    await send({ type: 'identify', anonymousId: 'phone', userId: 'user-2', timestamp: at(6) });
    expect(await customersOfEvents()).toBe(1);
    const tl = (await get('/api/v1/customers/phone/timeline')).json();
    expect(tl.events).toHaveLength(3);
    expect(tl.events[1]).toMatchObject({ event: 'Product Viewed', channel: 'app', anonymousId: 'phone' });
  });

  it('a shared device does not fuse two signed-up people', async () => {
    await send({ type: 'identify', anonymousId: 'kiosk', userId: 'alice', timestamp: at(0) });
    await send({ type: 'identify', anonymousId: 'kiosk', userId: 'bob', timestamp: at(1) });
    const alice = (await get('/api/v1/customers/alice')).json();
    const bob = (await get('/api/v1/customers/bob')).json();
    expect(alice.id).not.toBe(bob.id);
  });

  it('alias links an old id to the new user id', async () => {
    await send({ type: 'track', userId: 'legacy-42', event: 'Order Completed', timestamp: at(0) });
    await send({ type: 'track', userId: 'new-42', event: 'Product Viewed', timestamp: at(1) });
    await send({ type: 'alias', previousId: 'legacy-42', userId: 'new-42', timestamp: at(2) });
    const c = (await get('/api/v1/customers/legacy-42')).json();
    expect(c.eventCount).toBe(3);
    expect((await get('/api/v1/customers/new-42')).json().id).toBe(c.id);
  });

  it('stitches within one batch, including a merge that happens later in the batch', async () => {
    await send(
      { type: 'track', anonymousId: 'x1', event: 'A', timestamp: at(0) },
      { type: 'identify', userId: 'u-x', timestamp: at(1) },
      { type: 'identify', anonymousId: 'x1', userId: 'u-x', timestamp: at(2) },
    );
    expect(await customersOfEvents()).toBe(1);
  });

  it('reading needs the secret key; write keys and other workspaces are refused', async () => {
    await send({ type: 'track', userId: 'private', event: 'A' });
    expect((await get('/api/v1/customers/private', `Bearer ${t.ws.writeKey}`)).statusCode).toBe(403);
    expect((await get('/api/v1/customers/private', 'Bearer tps_wrong')).statusCode).toBe(401);
    expect((await get('/api/v1/customers/private', '')).statusCode).toBe(401);
    const other = await t.services.workspaces.create('Other');
    expect((await get('/api/v1/customers/private', `Bearer ${other.secretKey}`)).statusCode).toBe(404);
    expect((await get('/api/v1/customers/nobody')).statusCode).toBe(404);
  });

  it('pages the timeline with a cursor', async () => {
    for (let i = 0; i < 5; i++) await send({ type: 'track', userId: 'pager', event: `E${i}`, timestamp: at(i) });
    const p1 = (await get('/api/v1/customers/pager/timeline?limit=2')).json();
    const p2 = (await get(`/api/v1/customers/pager/timeline?limit=2&after=${p1.next}`)).json();
    const p3 = (await get(`/api/v1/customers/pager/timeline?limit=2&after=${p2.next}`)).json();
    expect([...p1.events, ...p2.events, ...p3.events].map((e: { event: string }) => e.event)).toEqual(['E0', 'E1', 'E2', 'E3', 'E4']);
    expect(p3.next).toBeNull();
    expect((await get('/api/v1/customers/pager/timeline?limit=0')).statusCode).toBe(400);
  });
});
