import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/app.ts';
import { sql } from '../storage/sql.ts';
import { batchPool, POOL_MIN_BYTES } from './batch-pool.ts';
import type { TouchEvent } from './event.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await batchPool().ready;
});
afterAll(async () => { await t.close(); });

const basic = (key: string) => 'Basic ' + Buffer.from(`${key}:`).toString('base64');
const post = (payload: unknown, key = t.ws.writeKey) => t.app.inject({ method: 'POST', url: '/v1/batch',
  payload: typeof payload === 'string' ? payload : JSON.stringify(payload), headers: { 'content-type': 'application/json', authorization: basic(key) } });

/** A varied batch (all timestamped, so both paths store the same times): every call type, unicode, a control character, traits, page fields, two bad messages, a repeated messageId. */
function messages(n: number) {
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    const anon = `anon-${i % 17}`;
    const at = new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString();
    switch (i % 8) {
      case 0: out.push({ type: 'track', event: `Viewed – ${i % 3}`, anonymousId: anon, messageId: `m${i}`, timestamp: at, properties: { price: i, tags: ['a', 'é'], nested: { ok: true } } }); break;
      case 1: out.push({ type: 'identify', userId: `user-${i % 5}`, anonymousId: anon, messageId: `m${i}`, traits: { email: `U${i % 5}@Example.com`, plan: 'pro' }, timestamp: at }); break;
      case 2: out.push({ type: 'page', name: 'Home', anonymousId: anon, messageId: `m${i}`, context: { page: { path: '/x', url: 'https://shop.test/x' }, userAgent: 'Mozilla/5.0 (iPhone)' }, timestamp: at }); break;
      case 3: out.push({ type: 'track', event: 'Line\nBreak\u0002', userId: `user-${i % 5}`, messageId: `m${i}`, timestamp: at }); break;
      case 4: out.push({ type: 'group', groupId: 'g1', anonymousId: anon, messageId: `m${i}`, timestamp: at }); break;
      case 5: out.push({ type: 'alias', previousId: anon, userId: `user-${i % 5}`, messageId: `m${i}`, timestamp: at }); break;
      case 6: out.push(i % 3 === 0 ? { type: 'track', event: 'No identity', messageId: `bad${i}`, timestamp: at } : { type: 'track', event: 'Bad time', anonymousId: anon, timestamp: 'soon', messageId: `bad${i}` }); break;
      default: out.push({ type: 'screen', name: 'Cart', anonymousId: anon, messageId: `m${i - 7}` }); // the same messageId as an earlier message
    }
  }
  return out;
}

const columns = sql`SELECT message_id, type, event, name, anonymous_id, user_id, previous_id, group_id, channel, device, source, ts, properties, traits, context`;

describe('large batches on the batch worker', () => {
  it('stores exactly what the main-thread path stores, with the same answer', async () => {
    const batch = messages(240);
    const context = { library: { name: 'analytics-node', version: '1' }, locale: 'de-DE' };
    const sentAt = new Date().toISOString();
    const body = { batch, context, sentAt };
    expect(JSON.stringify(body).length).toBeGreaterThan(POOL_MIN_BYTES);
    const viaPool = await post(body);
    expect(viaPool.statusCode).toBe(200);

    // The same messages in small requests (under POOL_MIN_BYTES: handled on the main thread), in another workspace.
    const other = await t.services.workspaces.create('Main thread');
    let stored = 0;
    const rejected: unknown[] = [];
    for (let i = 0; i < batch.length; i += 20) {
      const r = (await post({ batch: batch.slice(i, i + 20), context, sentAt }, other.writeKey)).json();
      stored += r.stored;
      for (const d of r.rejected ?? []) rejected.push({ ...d, index: d.index + i, path: d.path.replace(/^batch\[\d+\]/, `batch[${d.index + i}]`) });
    }
    const answer = viaPool.json();
    expect(answer.stored).toBe(stored);
    expect(answer.duplicates).toBe(30);
    expect(answer.rejected).toEqual(rejected);
    expect(answer.rejected).toHaveLength(30);

    const rows = async (ws: string) => t.services.store.query(sql`${columns} FROM events WHERE workspace_id = ${ws} ORDER BY message_id`);
    const pooled = await rows(t.ws.id);
    expect(pooled).toHaveLength(stored);
    expect(pooled).toEqual(await rows(other.id));
    // Stitching saw the same identities: the same events share a customer in both workspaces.
    const partition = async (ws: string) => {
      const r = await t.services.store.query<{ ids: string[] }>(sql`SELECT list(message_id ORDER BY message_id) AS ids FROM events WHERE workspace_id = ${ws} GROUP BY customer_id`);
      return r.map((x) => x.ids.join(',')).sort();
    };
    expect(await partition(t.ws.id)).toEqual(await partition(other.id));
  });

  it('hands rules the events with their properties, traits and context', async () => {
    const seen: TouchEvent[] = [];
    t.services.writer.onCommitted((events) => seen.push(...events));
    const batch = messages(160).map((m, i) => ({ ...m, messageId: `rules-${i}` }));
    expect((await post({ batch, context: { locale: 'fr' } })).statusCode).toBe(200);
    const first = seen.find((e) => e.messageId === 'rules-0')!;
    expect(first.properties).toEqual({ price: 0, tags: ['a', 'é'], nested: { ok: true } });
    expect(first.context).toEqual({ locale: 'fr' });
    expect(first.customerId).toMatch(/[0-9a-f-]{36}/);
    const identify = seen.find((e) => e.messageId === 'rules-1')!;
    expect(identify.traits).toEqual({ email: 'U1@Example.com', plan: 'pro' });
    expect(seen.find((e) => e.messageId === 'rules-2')!.traits).toBeNull();
  });

  it('answers bad bodies as the main thread does: body, then key, then batch', async () => {
    const pad = 'x'.repeat(POOL_MIN_BYTES);
    const bad = await post(`{"pad": "${pad}", "batch": [`, 'no-such-key');
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'invalid_json']);
    const unknownKey = await post({ pad, batch: [] }, 'no-such-key');
    expect(unknownKey.statusCode).toBe(401);
    const notArray = await post({ pad, batch: 'nope' });
    expect([notArray.statusCode, notArray.json().code]).toEqual([400, 'invalid_body']);
    const allBad = await post({ pad, batch: [{ type: 'track', event: 'E' }] });
    expect([allBad.statusCode, allBad.json().code]).toEqual([400, 'validation_failed']);
    // The write key in the body instead of the header.
    const inBody = await t.app.inject({ method: 'POST', url: '/v1/batch', headers: { 'content-type': 'text/plain' },
      payload: JSON.stringify({ writeKey: t.ws.writeKey, pad, batch: [{ type: 'track', event: 'Keyed', userId: 'k' }] }) });
    expect(inBody.json()).toMatchObject({ success: true, stored: 1 });
  });
});
