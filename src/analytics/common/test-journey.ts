import type { Journey } from '../../journeys/definition.ts';
import { validateJourney } from '../../journeys/validate.ts';

/** Test helper: a validated journey, or an exception listing what is wrong with it. */
export function testJourney(definition: unknown): Journey {
  const r = validateJourney(definition);
  if (!r.ok) throw new Error(`invalid test journey: ${JSON.stringify(r.errors)}`);
  return r.journey;
}

/**
 * A small shop journey for hand-computed tests: discover (ad, home page) → shop (product view, add
 * to cart) → buy (checkout, order), with a goal per stage and two personas.
 */
export const SHOP_JOURNEY: Journey = testJourney({
  id: 'shop', name: 'Shop',
  stages: [
    { id: 'discover', name: 'Discover', expectedEmotion: 'positive', goal: { description: 'They look at a product.', metric: { touchpoint: 'view' }, target: 0.5 },
      touchpoints: [
        { id: 'ad', name: 'Ad click', channel: 'social', match: { event: 'Ad Clicked' } },
        { id: 'home', name: 'Home page', match: { type: 'page', where: [{ property: 'path', op: 'eq', value: '/' }] } },
      ] },
    { id: 'shop', name: 'Shop', expectedEmotion: 0, goal: { description: 'They add to cart.', metric: { touchpoint: 'add' }, target: 0.8 },
      touchpoints: [
        { id: 'view', name: 'Product view', match: { event: 'Product Viewed' } },
        { id: 'add', name: 'Add to cart', match: { event: 'Product Added' } },
      ] },
    { id: 'buy', name: 'Buy', goal: { description: 'Checkouts end in an order.', metric: { event: 'Order Completed' } },
      touchpoints: [
        { id: 'checkout', name: 'Checkout', match: { event: 'Checkout Started' } },
        { id: 'order', name: 'Order', match: { event: 'Order Completed' } },
      ] },
  ],
  personas: [
    { id: 'vip', name: 'VIP', rule: { property: 'traits.plan', op: 'eq', value: 'vip' } },
    { id: 'buyer', name: 'Buyer', rule: { event: 'Order Completed' } },
  ],
});
