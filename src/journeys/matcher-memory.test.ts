import { describe, expect, it } from 'vitest';
import type { TouchEvent } from '../ingest/event.ts';
import { ConditionSchema, touchpointMatcher, type Condition, type Matcher } from './matcher.ts';
import { compileCondition, compileMatcher } from './matcher-memory.ts';
import { ev, page } from './test-events.ts';

function cond(c: unknown): Condition {
  return ConditionSchema.parse(c);
}
/** Which of the events the condition matches, by index. */
function hits(c: unknown, events: TouchEvent[]): number[] {
  const holds = compileCondition(cond(c));
  return events.flatMap((e, i) => (holds(e) ? [i] : []));
}
const props = (...list: Record<string, unknown>[]) => list.map((properties) => ev({ properties }));

describe('conditions in memory', () => {
  it('eq with a string compares text, case-sensitively', () => {
    const events = props({ plan: 'pro' }, { plan: 'Pro' }, {}, { plan: null }, { code: 5 });
    expect(hits({ property: 'plan', op: 'eq', value: 'pro' }, events)).toEqual([0]);
    expect(hits({ property: 'code', op: 'eq', value: '5' }, events)).toEqual([4]);
  });

  it('eq with a number compares numerically, numeric strings included', () => {
    const events = props({ total: 100 }, { total: '100' }, { total: 100.0 }, { total: '100abc' }, { total: 99.5 }, {});
    expect(hits({ property: 'total', op: 'eq', value: 100 }, events)).toEqual([0, 1, 2]);
  });

  it('eq with a boolean matches the JSON boolean or its text', () => {
    const events = props({ gift: true }, { gift: 'true' }, { gift: false }, {});
    expect(hits({ property: 'properties.gift', op: 'eq', value: true }, events)).toEqual([0, 1]);
    expect(hits({ property: 'properties.gift', op: 'eq', value: false }, events)).toEqual([2]);
  });

  it('neq also holds when the property is absent', () => {
    const events = props({ plan: 'pro' }, { plan: 'free' }, {}, { plan: null });
    expect(hits({ property: 'plan', op: 'neq', value: 'pro' }, events)).toEqual([1, 2, 3]);
    expect(hits({ property: 'plan', op: 'neq', value: 7 }, events)).toEqual([0, 1, 2, 3]);
  });

  it('gt, gte, lt, lte compare numbers at the boundary; non-numbers never match', () => {
    const events = props({ total: 99 }, { total: 100 }, { total: ' 150 ' }, { total: true }, { total: 'n/a' }, {});
    expect(hits({ property: 'total', op: 'gt', value: 100 }, events)).toEqual([2]);
    expect(hits({ property: 'total', op: 'gte', value: 100 }, events)).toEqual([1, 2]);
    expect(hits({ property: 'total', op: 'lt', value: 100 }, events)).toEqual([0]);
    expect(hits({ property: 'total', op: 'lte', value: 100 }, events)).toEqual([0, 1]);
  });

  it('timestamp compares the event time with an ISO date', () => {
    const events = [ev({ timestamp: Date.UTC(2024, 3, 30, 23, 59) }), ev({ timestamp: Date.UTC(2024, 4, 1) }), ev({ timestamp: Date.UTC(2024, 4, 2) })];
    expect(hits({ property: 'timestamp', op: 'gte', value: '2024-05-01' }, events)).toEqual([1, 2]);
    expect(hits({ property: 'timestamp', op: 'lt', value: '2024-05-01T02:00:00+02:00' }, events)).toEqual([0]);
    expect(hits({ property: 'timestamp', op: 'lte', value: '2024-05-01T00:00:00Z' }, events)).toEqual([0, 1]);
  });

  it('contains and starts_with test the text, case-sensitively', () => {
    const events = [page('/checkout/payment'), page('/Checkout'), page('/help/checkout'), ev({ properties: { sku: 12345 } })];
    expect(hits({ property: 'path', op: 'starts_with', value: '/checkout' }, events)).toEqual([0]);
    expect(hits({ property: 'path', op: 'contains', value: 'checkout' }, events)).toEqual([0, 2]);
    expect(hits({ property: 'sku', op: 'contains', value: '234' }, events)).toEqual([3]);
  });

  it('path reads properties.path, falling back to context.page.path', () => {
    const events = [
      ev({ type: 'page', properties: { path: '/a' }, context: { page: { path: '/b' } } }),
      ev({ type: 'page', properties: {}, context: { page: { path: '/b' } } }),
      ev({ type: 'page', properties: { path: null }, context: { page: { path: '/b' } } }),
    ];
    expect(hits({ property: 'path', op: 'eq', value: '/b' }, events)).toEqual([1, 2]);
    expect(hits({ property: 'context.page.path', op: 'eq', value: '/b' }, events)).toEqual([0, 1, 2]);
  });

  it('in matches one of a list of strings, or of numbers', () => {
    const events = [ev({ channel: 'email' }), ev({ channel: 'web' }), ev({ channel: 'store' })];
    expect(hits({ property: 'channel', op: 'in', value: ['email', 'store'] }, events)).toEqual([0, 2]);
    const rated = props({ rating: 5 }, { rating: '4' }, { rating: 3 }, {});
    expect(hits({ property: 'properties.rating', op: 'in', value: [4, 5] }, rated)).toEqual([0, 1]);
    expect(hits({ property: 'properties.rating', op: 'in', value: ['4', '5'] }, rated)).toEqual([0, 1]);
  });

  it('exists: present and not null; exists false: the opposite', () => {
    const events = [ev({ device: null }), ev({ device: 'mobile', properties: { coupon: '' } }), ev({ properties: { coupon: null } })];
    expect(hits({ property: 'device', op: 'exists' }, events)).toEqual([1, 2]);
    expect(hits({ property: 'coupon', op: 'exists' }, events)).toEqual([1]);
    expect(hits({ property: 'coupon', op: 'exists', value: false }, events)).toEqual([0, 2]);
  });

  it('nested keys walk objects but not arrays', () => {
    const events = props({ product: { category: 'guitars' } }, { product: [{ category: 'guitars' }] }, { product: 'guitars' });
    expect(hits({ property: 'properties.product.category', op: 'eq', value: 'guitars' }, events)).toEqual([0]);
  });

  it('columns: name, source, type, device', () => {
    const events = [ev({ type: 'screen', event: 'Screen Viewed', name: 'Cart', source: 'ios' }), ev({ name: null })];
    expect(hits({ property: 'name', op: 'eq', value: 'Cart' }, events)).toEqual([0]);
    expect(hits({ property: 'source', op: 'starts_with', value: 'io' }, events)).toEqual([0]);
    expect(hits({ property: 'type', op: 'neq', value: 'track' }, events)).toEqual([0]);
  });
});

describe('matchers in memory', () => {
  it('require every given field: event, type, channel and all conditions', () => {
    const m: Matcher = { event: ['Order Completed', 'Order Refunded'], channel: ['web', 'app'], where: [{ property: 'total', op: 'gt', value: 100 }, { property: 'currency', op: 'eq', value: 'EUR' }] };
    const match = compileMatcher(m);
    expect(match(ev({ properties: { total: 150, currency: 'EUR' } }))).toBe(true);
    expect(match(ev({ event: 'Order Refunded', channel: 'app', properties: { total: 150, currency: 'EUR' } }))).toBe(true);
    expect(match(ev({ channel: 'store', properties: { total: 150, currency: 'EUR' } }))).toBe(false);
    expect(match(ev({ properties: { total: 150, currency: 'USD' } }))).toBe(false);
    expect(match(ev({ event: 'Product Added', properties: { total: 150, currency: 'EUR' } }))).toBe(false);
    expect(compileMatcher({ type: 'page' })(page('/'))).toBe(true);
    expect(compileMatcher({ type: 'page' })(ev())).toBe(false);
  });

  it('a touchpoint channel narrows its match', () => {
    const m = touchpointMatcher({ channel: ['social', 'email'], match: { event: 'Ad Clicked', channel: ['social', 'web'] } });
    expect(m.channel).toEqual(['social']);
    const match = compileMatcher(m);
    expect(match(ev({ event: 'Ad Clicked', channel: 'social' }))).toBe(true);
    expect(match(ev({ event: 'Ad Clicked', channel: 'web' }))).toBe(false);
    expect(match(ev({ event: 'Ad Clicked', channel: 'email' }))).toBe(false);
    expect(touchpointMatcher({ channel: 'social', match: { event: 'x' } }).channel).toEqual(['social']);
  });
});
