import { describe, expect, it } from 'vitest';
import { validateJourney, type Journey } from './index.ts';
import { countEventsFrom, personaOf, ruleHolds, type CountEvents } from './persona-memory.ts';
import { T0, ev } from './test-events.ts';

const DAY = 86_400_000;
const counts = (table: Record<string, number>): CountEvents => (event) => table[event] ?? 0;

function journeyWith(personas: unknown[]): Journey {
  const r = validateJourney({ id: 'j', name: 'J', stages: [{ id: 's', name: 'S', touchpoints: [{ id: 't', name: 'T', match: { event: 'x' } }] }], personas });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.journey;
}

describe('persona rules', () => {
  it('trait conditions use the matcher semantics on profile traits', () => {
    const none = counts({});
    expect(ruleHolds({ property: 'traits.persona', op: 'eq', value: 'Beginner' }, { persona: 'Beginner' }, none)).toBe(true);
    expect(ruleHolds({ property: 'traits.persona', op: 'eq', value: 'Beginner' }, { persona: 'beginner' }, none)).toBe(false);
    expect(ruleHolds({ property: 'traits.plan', op: 'in', value: ['pro', 'studio'] }, { plan: 'studio' }, none)).toBe(true);
    expect(ruleHolds({ property: 'traits.address.country', op: 'eq', value: 'IL' }, { address: { country: 'IL' } }, none)).toBe(true);
    expect(ruleHolds({ property: 'traits.age', op: 'gte', value: 30 }, { age: '31' }, none)).toBe(true);
    expect(ruleHolds({ property: 'traits.plan', op: 'neq', value: 'pro' }, null, none)).toBe(true);
    expect(ruleHolds({ property: 'traits.plan', op: 'exists' }, null, none)).toBe(false);
  });

  it('behaviour counts: minCount (default 1), maxCount (0 = never), several event names add up', () => {
    const c = counts({ 'Order Completed': 2, 'Order Refunded': 1 });
    expect(ruleHolds({ event: 'Order Completed' }, null, c)).toBe(true);
    expect(ruleHolds({ event: 'Order Completed', minCount: 3 }, null, c)).toBe(false);
    expect(ruleHolds({ event: ['Order Completed', 'Order Refunded'], minCount: 3 }, null, c)).toBe(true);
    expect(ruleHolds({ event: 'Product Reviewed', maxCount: 0 }, null, c)).toBe(true);
    expect(ruleHolds({ event: 'Order Completed', maxCount: 1 }, null, c)).toBe(false);
    expect(ruleHolds({ event: 'Order Completed', minCount: 2, maxCount: 2 }, null, c)).toBe(true);
  });

  it('all / any / not combine', () => {
    const traits = { plan: 'pro' };
    const c = counts({ 'Order Completed': 3 });
    expect(ruleHolds({ all: [{ property: 'traits.plan', op: 'eq', value: 'pro' }, { event: 'Order Completed', minCount: 3 }] }, traits, c)).toBe(true);
    expect(ruleHolds({ all: [{ property: 'traits.plan', op: 'eq', value: 'pro' }, { event: 'Order Completed', minCount: 4 }] }, traits, c)).toBe(false);
    expect(ruleHolds({ any: [{ property: 'traits.plan', op: 'eq', value: 'free' }, { event: 'Order Completed', minCount: 3 }] }, traits, c)).toBe(true);
    expect(ruleHolds({ not: { property: 'traits.plan', op: 'eq', value: 'pro' } }, traits, c)).toBe(false);
  });

  it('the first persona whose rule holds wins; none gives null', () => {
    const j = journeyWith([
      { id: 'loyal', name: 'Loyal', rule: { event: 'Order Completed', minCount: 3, withinDays: 90 } },
      { id: 'beginner', name: 'Beginner', rule: { property: 'traits.persona', op: 'eq', value: 'Beginner' } },
    ]);
    expect(personaOf(j, { persona: 'Beginner' }, counts({ 'Order Completed': 5 }))?.id).toBe('loyal');
    expect(personaOf(j, { persona: 'Beginner' }, counts({}))?.id).toBe('beginner');
    expect(personaOf(j, { persona: 'Gift Buyer' }, counts({}))).toBeNull();
    expect(personaOf(journeyWith([]), {}, counts({}))).toBeNull();
  });
});

describe('countEventsFrom', () => {
  const events = [
    ev({ timestamp: T0 - 100 * DAY }),
    ev({ timestamp: T0 - 90 * DAY }),     // exactly 90 days before: outside "within 90 days"
    ev({ timestamp: T0 - 89 * DAY }),
    ev({ timestamp: T0 }),
    ev({ timestamp: T0 + 1 }),             // after asOf: ignored
    ev({ event: 'Product Viewed', timestamp: T0 - DAY }),
  ];
  const count = countEventsFrom(events, T0);

  it('counts all events up to asOf, or those in the last N days', () => {
    expect(count('Order Completed')).toBe(4);
    expect(count('Order Completed', 90)).toBe(2);
    expect(count('Order Completed', 1)).toBe(1);
    expect(count('Product Viewed', 1)).toBe(0);
    expect(count('Product Viewed', 2)).toBe(1);
    expect(count('Referral Sent')).toBe(0);
  });

  it('feeds personaOf with windowed behaviour', () => {
    const j = journeyWith([{ id: 'frequent', name: 'Frequent', rule: { event: 'Order Completed', minCount: 3, withinDays: 90 } }]);
    expect(personaOf(j, null, count)).toBeNull();
    // A day later the window (T0 - 89d, T0 + 1d] holds only two orders.
    expect(personaOf(j, null, countEventsFrom(events, T0 + DAY))).toBeNull();
    expect(personaOf(j, null, countEventsFrom([...events, ev({ timestamp: T0 - 10 * DAY })], T0))?.id).toBe('frequent');
  });
});
