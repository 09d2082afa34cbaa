import { describe, expect, it } from 'vitest';
import type { TouchEvent } from '../ingest/event.ts';
import { touchpointOf } from './assign.ts';
import { getTemplate } from './templates/index.ts';
import { ev, page } from './test-events.ts';

const journey = getTemplate('five-stage')!;
const at = (e: TouchEvent) => {
  const hit = touchpointOf(journey, e);
  return hit && `${hit.stage.id}/${hit.touchpoint.id}`;
};

describe('touchpointOf (five-stage template)', () => {
  it('places each event at the first matching touchpoint, in stage then touchpoint order', () => {
    expect(at(ev({ event: 'Ad Clicked', channel: 'social' }))).toBe('awareness/social-ad-click');
    expect(at(ev({ event: 'Ad Clicked', channel: 'web' }))).toBeNull(); // the touchpoint is narrowed to social
    expect(at(page('/'))).toBe('awareness/landing-page');
    expect(at(ev({ type: 'page', event: 'Page Viewed', context: { page: { path: '/' } } }))).toBe('awareness/landing-page');
    expect(at(page('/', { context: { campaign: { medium: 'cpc' } } }))).toBe('awareness/paid-search-visit');
    expect(at(page('/blog/tube-vs-modeling-amps'))).toBe('awareness/blog-article');
    expect(at(ev({ event: 'Product Viewed' }))).toBe('consideration/product-viewed');
    expect(at(ev({ event: 'Order Completed', properties: { total: 120 } }))).toBe('purchase/order-completed');
    expect(at(ev({ event: 'Order Delivered' }))).toBe('retention/order-delivered');
    expect(at(page('/account/orders/o-17'))).toBe('retention/order-status-check');
    expect(at(ev({ type: 'screen', event: 'Screen Viewed', name: 'Order Detail', channel: 'app' }))).toBe('retention/order-status-check-app');
    expect(at(ev({ event: 'Call Completed', channel: 'phone' }))).toBe('retention/support-call');
  });

  it('splits one event name by its properties', () => {
    expect(at(ev({ event: 'Product Reviewed', properties: { rating: 2 } }))).toBe('retention/critical-review');
    expect(at(ev({ event: 'Product Reviewed', properties: { rating: 5 } }))).toBe('advocacy/positive-review');
    expect(at(ev({ event: 'Product Reviewed', properties: { rating: '4' } }))).toBe('advocacy/positive-review');
    expect(at(ev({ event: 'Product Reviewed', properties: {} }))).toBeNull();
  });

  it('returns the indexes too, and null for events no touchpoint stands for', () => {
    expect(touchpointOf(journey, ev({ event: 'Referral Sent' }))).toMatchObject({ stageIndex: 4, touchpointIndex: 1, touchpoint: { id: 'referral-sent' } });
    expect(at(page('/products/guitar'))).toBeNull();
    expect(at(ev({ event: 'Page Load', properties: { duration_ms: 3500 } }))).toBeNull();
  });
});
