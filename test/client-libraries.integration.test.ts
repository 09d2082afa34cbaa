import { Analytics } from '@segment/analytics-node';
import { PostHog } from 'posthog-node';
import RudderAnalytics from '@rudderstack/rudder-sdk-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from './helpers/server.ts';

/**
 * The real client libraries, unchanged, pointed at a real Touchpoint server over a socket — the
 * compatibility users rely on when they switch their existing tracking to Touchpoint.
 */
let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => { await server.close(); });

const read = async (path: string) => {
  const r = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${server.defaultWorkspace.secretKey}` } });
  expect(r.status, await r.clone().text()).toBe(200);
  return r.json();
};

describe('existing client libraries', () => {
  it('@segment/analytics-node: identify + track + page land on one customer timeline', async () => {
    const analytics = new Analytics({ writeKey: server.defaultWorkspace.writeKey, host: server.url, flushAt: 2, maxRetries: 2 });
    const errors: unknown[] = [];
    analytics.on('error', (e) => errors.push(e));
    // Explicit times a second apart: calls made in the same millisecond have no defined order.
    const at = (s: number) => new Date(Date.now() - 60_000 + s * 1000);
    analytics.page({ anonymousId: 'seg-anon', name: 'Home', properties: { path: '/', url: 'https://shop.test/' }, timestamp: at(0) });
    analytics.identify({ anonymousId: 'seg-anon', userId: 'seg-user', traits: { email: 'seg@example.com', plan: 'pro' }, timestamp: at(1) });
    analytics.track({ userId: 'seg-user', event: 'Order Completed', properties: { order_id: 'o-1', total: 99.5 }, context: { channel: 'web' }, timestamp: at(2) });
    await analytics.closeAndFlush();
    expect(errors).toEqual([]);
    const customer = await read('/api/v1/customers/seg@example.com');
    expect(customer.userId).toBe('seg-user');
    expect(customer.traits).toMatchObject({ email: 'seg@example.com', plan: 'pro' });
    const tl = await read('/api/v1/customers/seg-anon/timeline');
    expect(tl.events.map((e: { event: string }) => e.event)).toEqual(['Page Viewed', 'Identify', 'Order Completed']);
    expect(tl.events[2]).toMatchObject({ channel: 'web', source: '@segment/analytics-node', properties: { order_id: 'o-1', total: 99.5 } });
  });

  it('posthog-node (gzip): capture + identify + alias', async () => {
    const posthog = new PostHog(server.defaultWorkspace.writeKey, { host: server.url, flushAt: 1, flushInterval: 0 });
    posthog.capture({ distinctId: 'ph-user', event: 'Product Viewed', properties: { sku: 'LP-59' } });
    posthog.identify({ distinctId: 'ph-user', properties: { email: 'ph@example.com', persona: 'Gigging Pro' } });
    posthog.alias({ distinctId: 'ph-user', alias: 'ph-legacy' });
    await posthog.shutdown();
    const customer = await read('/api/v1/customers/ph@example.com');
    expect(customer.persona).toBe('Gigging Pro');
    const tl = await read('/api/v1/customers/ph-legacy/timeline');
    expect(tl.events.map((e: { event: string }) => e.event).sort()).toEqual(['Alias', 'Identify', 'Product Viewed']);
    expect(tl.events.find((e: { event: string }) => e.event === 'Product Viewed').properties.sku).toBe('LP-59');
  });

  it('@rudderstack/rudder-sdk-node (gzip labelled form-urlencoded): identify + track', async () => {
    const rudder = new RudderAnalytics(server.defaultWorkspace.writeKey, { dataPlaneUrl: server.url, flushAt: 1, logLevel: 'error' });
    const at = (s: number) => new Date(Date.now() - 60_000 + s * 1000);
    rudder.identify({ userId: 'rs-user', anonymousId: 'rs-anon', traits: { phone: '+48 600 100 200' }, timestamp: at(0) });
    rudder.track({ userId: 'rs-user', event: 'Call Completed', properties: { reason: 'where is my order' }, context: { channel: 'phone' }, timestamp: at(1) });
    await rudder.flush();
    await new Promise((r) => setTimeout(r, 200));
    const deadline = Date.now() + 10_000;
    let tl;
    do {
      const r = await fetch(`${server.url}/api/v1/customers/rs-anon/timeline`, { headers: { authorization: `Bearer ${server.defaultWorkspace.secretKey}` } });
      tl = r.status === 200 ? await r.json() : null;
      if (tl?.events.length === 2) break;
      await new Promise((r) => setTimeout(r, 200));
    } while (Date.now() < deadline);
    expect(tl.events.map((e: { event: string; channel: string }) => [e.event, e.channel])).toEqual([['Identify', 'other'], ['Call Completed', 'phone']]);
    expect((await read('/api/v1/customers/+48600100200')).userId).toBe('rs-user');
  });
});
