import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../ingest/event.ts';
import { channelOf, customerOf, defaultDemo, groupBy, median, prop, share, tracks } from './demo-fixture.ts';
import { PERSONA_NAMES } from './personas.ts';
import type { SegmentMessage } from './segment-message.ts';
import { DAY, MINUTE } from './time.ts';

const all = () => defaultDemo();
const isIso = (v: unknown) => typeof v === 'string' && new Date(v).toISOString() === v;

describe('demo journey coverage', () => {
  it('uses every channel', () => {
    const seen = new Set(all().map(channelOf));
    for (const channel of CHANNELS) expect(seen, channel).toContain(channel);
  });

  it('covers the journey with Segment e-commerce spec names', () => {
    const events = new Set(all().map((m) => m.event));
    for (const e of [
      'Ad Clicked', 'Campaign Viewed', 'Products Searched', 'Product List Viewed', 'Product Viewed', 'Product Added',
      'Cart Viewed', 'Checkout Started', 'Checkout Step Viewed', 'Checkout Step Completed', 'Payment Info Entered', 'Payment Failed',
      'Order Completed', 'Order Shipped', 'Order Delivered', 'Return Requested', 'Return Completed', 'Order Refunded',
      'Exchange Requested', 'Product Reviewed', 'Referral Sent', 'Referral Accepted', 'Email Opened', 'Email Link Clicked',
      'Support Chat Started', 'Support Chat Ended', 'Call Completed', 'Signed Up', 'Signed In', 'Page Load', 'Error',
      'Application Installed', 'Application Opened',
    ]) expect(events, e).toContain(e);
    const types = new Set(all().map((m) => m.type));
    expect([...types].sort()).toEqual(['alias', 'group', 'identify', 'page', 'screen', 'track']);
  });

  it('sends web context from analytics.js: page, user agent, locale', () => {
    const web = all().filter((m) => m.type === 'page');
    for (const m of web.slice(0, 2000)) {
      expect(m.context?.library.name).toBe('analytics.js');
      expect(m.context?.userAgent).toMatch(/^Mozilla\/5\.0 \(/);
      expect(m.context?.locale).toMatch(/^[a-z]{2}-[A-Z]{2}$/);
      expect(m.context?.page).toMatchObject({ path: prop(m, 'path'), url: expect.stringMatching(/^https:\/\/www\.riffsandco\.com\//) });
    }
    expect(web.some((m) => /iPhone|Android.*Mobile/.test(m.context?.userAgent ?? ''))).toBe(true);
    expect(web.some((m) => /Windows NT|Macintosh/.test(m.context?.userAgent ?? ''))).toBe(true);
  });

  it('sends app traffic as screen calls from the mobile SDKs with a device type', () => {
    const app = all().filter((m) => m.context?.channel === 'app');
    expect(app.some((m) => m.type === 'screen')).toBe(true);
    expect(all().filter((m) => m.type === 'screen').every((m) => m.context?.channel === 'app')).toBe(true);
    const libraries = new Set(app.map((m) => m.context?.library.name));
    expect([...libraries].sort()).toEqual(['analytics-android', 'analytics-ios']);
    expect(app.every((m) => m.context?.device?.type === 'mobile' || m.context?.device?.type === 'tablet')).toBe(true);
  });

  it('tags campaigns: e-mail, paid and organic social, and search ads', () => {
    const media = new Set(all().map((m) => m.context?.campaign?.medium).filter(Boolean));
    for (const medium of ['email', 'social', 'paid_social', 'cpc', 'referral']) expect(media, medium).toContain(medium);
    for (const m of tracks(all(), 'Ad Clicked')) expect(m.context).toMatchObject({ channel: 'social', campaign: { medium: 'paid_social' } });
    for (const m of tracks(all(), 'Email Link Clicked')) expect(m.context).toMatchObject({ channel: 'email', campaign: { medium: 'email' } });
  });

  it('starts customers anonymous and identifies them with the same anonymous id', () => {
    const identifies = all().filter((m) => m.type === 'identify' && m.userId);
    expect(identifies.length).toBeGreaterThan(500);
    for (const m of identifies) {
      expect(m.userId).toMatch(/^u_\d{6}$/);
      expect(m.anonymousId).toBeTruthy();
      expect(PERSONA_NAMES).toContain(m.traits?.persona);
      expect(m.traits).toMatchObject({ email: expect.stringContaining('@example.'), city: expect.any(String), country: expect.any(String) });
      expect(isIso(m.traits?.created_at)).toBe(true);
    }
    expect(identifies.some((m) => typeof m.traits?.phone === 'string')).toBe(true);
    // Sign-ups were browsing anonymously on that device before they identified.
    const signUps = tracks(all(), 'Signed Up');
    const byDevice = groupBy(all().filter((m) => m.anonymousId), (m) => m.anonymousId!);
    const anonymousFirst = signUps.filter((s) => byDevice.get(s.anonymousId!)!.some((m) => !m.userId && m.timestamp < s.timestamp));
    expect(share(anonymousFirst.length, signUps.length)).toBeGreaterThan(0.9);
  });

  it('links second devices and aliases to the same user id', () => {
    const devicesPerUser = groupBy(all().filter((m) => m.type === 'identify' && m.userId), (m) => m.userId!);
    const multiDevice = [...devicesPerUser.values()].filter((ms) => new Set(ms.map((m) => m.anonymousId)).size > 1);
    expect(multiDevice.length).toBeGreaterThan(50);
    const aliases = all().filter((m) => m.type === 'alias');
    expect(aliases.length).toBeGreaterThan(0);
    const anonymousIds = new Set(all().filter((m) => !m.userId).map((m) => m.anonymousId));
    for (const a of aliases) expect(anonymousIds).toContain(a.previousId);
  });

  it('never shares an anonymous id between two customers', () => {
    const owners = groupBy(all().filter((m) => m.anonymousId), (m) => m.anonymousId!);
    for (const ms of owners.values()) expect(new Set(ms.map(customerOf)).size).toBe(1);
  });

  it('describes products and orders with spec properties in USD', () => {
    for (const m of tracks(all(), 'Product Viewed').slice(0, 500)) {
      expect(m.properties).toMatchObject({ product_id: expect.any(String), sku: expect.any(String), category: expect.any(String), name: expect.any(String), brand: expect.any(String), price: expect.any(Number), currency: 'USD' });
    }
    const orders = tracks(all(), 'Order Completed');
    expect(orders.length).toBeGreaterThan(500);
    for (const o of orders) {
      expect(o.properties).toMatchObject({ order_id: expect.any(String), total: expect.any(Number), revenue: expect.any(Number), currency: 'USD' });
      expect(prop<unknown[]>(o, 'products').length).toBeGreaterThan(0);
      expect(prop<number>(o, 'revenue')).toBeLessThanOrEqual(prop<number>(o, 'total'));
    }
    expect(new Set(orders.map((o) => prop(o, 'order_id'))).size).toBe(orders.length);
    expect(orders.filter((o) => o.context?.channel === 'store').length).toBeGreaterThan(10);
    expect(orders.filter((o) => o.context?.channel === 'voice').length).toBeGreaterThan(0);
  });

  it('delivers mostly on time, with 5–25 % late', () => {
    const delivered = tracks(all(), 'Order Delivered');
    expect(delivered.length).toBeGreaterThan(300);
    for (const d of delivered) expect(isIso(prop(d, 'promised_at')) && isIso(prop(d, 'delivered_at'))).toBe(true);
    const late = delivered.filter((d) => prop<string>(d, 'delivered_at') > prop<string>(d, 'promised_at'));
    expect(share(late.length, delivered.length)).toBeGreaterThan(0.05);
    expect(share(late.length, delivered.length)).toBeLessThan(0.25);
    const early = delivered.filter((d) => Date.parse(prop(d, 'promised_at')) - Date.parse(prop(d, 'delivered_at')) > DAY);
    expect(early.length).toBeGreaterThan(0);
    // Nothing arrives before it was shipped.
    const shipped = new Map(tracks(all(), 'Order Shipped').map((s) => [prop<string>(s, 'order_id'), s.timestamp]));
    for (const d of delivered) expect(shipped.get(prop(d, 'order_id'))! < d.timestamp).toBe(true);
  });

  it('has card failures with the spec reasons, in a plausible share of payments', () => {
    const failed = tracks(all(), 'Payment Failed');
    expect(new Set(failed.map((m) => prop(m, 'reason')))).toEqual(new Set(['card_declined', 'insufficient_funds', '3ds_failed']));
    const rate = share(failed.length, tracks(all(), 'Payment Info Entered').length);
    expect(rate).toBeGreaterThan(0.02);
    expect(rate).toBeLessThan(0.2);
  });

  it('returns and exchanges orders for the four reasons, at a few per cent of orders', () => {
    const requests = [...tracks(all(), 'Return Requested'), ...tracks(all(), 'Exchange Requested')];
    expect(new Set(requests.map((m) => prop(m, 'reason')))).toEqual(new Set(['wrong size', 'damaged', 'not as described', 'changed mind']));
    const orderIds = new Set(tracks(all(), 'Order Completed').map((o) => prop(o, 'order_id')));
    for (const r of requests) expect(orderIds).toContain(prop(r, 'order_id'));
    const rate = share(requests.length, tracks(all(), 'Order Delivered').length);
    expect(rate).toBeGreaterThan(0.04);
    expect(rate).toBeLessThan(0.25);
  });

  it('collects 1–5 star reviews with short English text', () => {
    const reviews = tracks(all(), 'Product Reviewed');
    expect(reviews.length).toBeGreaterThan(50);
    for (const r of reviews) {
      expect([1, 2, 3, 4, 5]).toContain(prop(r, 'rating'));
      expect(prop<string>(r, 'review_body')).toMatch(/^[A-Z][\w\s&'.,!/-]+[.!]$/);
    }
    expect(new Set(reviews.map((r) => prop(r, 'rating'))).size).toBe(5);
  });

  it('runs support over chat and phone with the expected topics', () => {
    const topics = new Set(tracks(all(), 'Support Chat Started').map((m) => prop(m, 'topic')));
    for (const t of ['where is my order', 'return', 'product question']) expect(topics).toContain(t);
    for (const m of tracks(all(), 'Support Chat Started')) expect(m.context?.channel).toBe('chat');
    const calls = tracks(all(), 'Call Completed');
    expect(calls.length).toBeGreaterThan(5);
    for (const c of calls) expect(c.properties).toMatchObject({ reason: expect.any(String), duration_seconds: expect.any(Number) });
  });

  it('times page loads mostly under 2 s, slow ones up to 8 s, slowest on mobile checkout', () => {
    const loads = tracks(all(), 'Page Load');
    const ms = loads.map((m) => prop<number>(m, 'duration_ms'));
    expect(share(ms.filter((d) => d < 2000).length, ms.length)).toBeGreaterThan(0.8);
    expect(ms.filter((d) => d >= 2000).length).toBeGreaterThan(1000);
    expect(ms.every((d) => d > 0 && d <= 8000)).toBe(true);
    const checkout = loads.filter((m) => prop(m, 'path') === '/checkout');
    const mobile = checkout.filter((m) => /iPhone|Mobile/.test(m.context?.userAgent ?? '')).map((m) => prop<number>(m, 'duration_ms'));
    const desktop = checkout.filter((m) => /Windows NT|Macintosh/.test(m.context?.userAgent ?? '')).map((m) => prop<number>(m, 'duration_ms'));
    expect(median(mobile)).toBeGreaterThan(median(desktop) * 1.3);
    for (const e of tracks(all(), 'Error')) expect(e.properties).toMatchObject({ message: expect.any(String), path: expect.any(String) });
  });

  it('comes in sessions: seconds to minutes apart, days between visits', () => {
    const gaps: number[] = [];
    for (const ms of groupBy(all(), customerOf).values()) {
      for (let i = 1; i < ms.length; i++) gaps.push(Date.parse(ms[i].timestamp) - Date.parse(ms[i - 1].timestamp));
    }
    expect(gaps.every((g) => g >= 0)).toBe(true);
    expect(share(gaps.filter((g) => g < 5 * MINUTE).length, gaps.length)).toBeGreaterThan(0.75);
    expect(gaps.filter((g) => g > DAY).length).toBeGreaterThan(2000);
  });

  it('makes personas behave differently', () => {
    const persona = new Map<string, string>();
    for (const m of all()) if (m.type === 'identify') persona.set(customerOf(m), m.traits?.persona as string);
    const orders = groupBy(tracks(all(), 'Order Completed'), customerOf);
    const stats = (name: string) => {
      const customers = [...persona].filter(([, p]) => p === name).map(([c]) => c);
      const os = customers.flatMap((c) => orders.get(c) ?? []);
      const buyers = customers.filter((c) => orders.has(c));
      return { orderValue: os.reduce((s, o) => s + prop<number>(o, 'total'), 0) / os.length, ordersPerBuyer: os.length / buyers.length };
    };
    const pro = stats('Gigging Pro');
    const beginner = stats('Beginner');
    const gift = stats('Gift Buyer');
    expect(pro.orderValue).toBeGreaterThan(beginner.orderValue * 1.3);
    expect(pro.ordersPerBuyer).toBeGreaterThan(gift.ordersPerBuyer * 1.4);
    const mobileShare = (name: string) => {
      const customers = new Set([...persona].filter(([, p]) => p === name).map(([c]) => c));
      const pages = all().filter((m) => m.type === 'page' && customers.has(customerOf(m)));
      return share(pages.filter((m: SegmentMessage) => /iPhone|Mobile/.test(m.context?.userAgent ?? '')).length, pages.length);
    };
    expect(mobileShare('Beginner')).toBeGreaterThan(mobileShare('Studio Producer') + 0.2);
  });
});
