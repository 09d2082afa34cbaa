import { cents, productProperties } from './catalog.ts';
import { RETURNS, REFER, orderPage, reviewPage } from './pages.ts';
import { reviewBody, reviewRating, type Experience } from './reviews.ts';
import type { CustomerSim, Order } from './sim.ts';
import { contactSupport } from './support.ts';
import { DAY, HOUR, MINUTE } from './time.ts';
import { Visit } from './visit.ts';

interface Delivery {
  deliveredAt: number;
  late: boolean;
  early: boolean;
}

const CARRIERS: Record<string, string[]> = {
  US: ['UPS', 'FedEx', 'USPS'], CA: ['Canada Post', 'Purolator'], GB: ['Royal Mail', 'DPD'], DE: ['DHL', 'DPD'], AU: ['Australia Post'],
};

/**
 * Everything after an order, scheduled at its own future time: shipping, delivery against the
 * promised date, "where is my order" contacts, returns and exchanges, reviews and referrals. Late
 * delivery is the lever: it drives WISMO contacts and returns up and engagement — hence repeat
 * purchases — down, which is what the post-purchase and churn views are meant to surface.
 */
export function afterOrder(sim: CustomerSim, order: Order): void {
  const none: Experience = { late: false, early: false, complaint: false };
  if (order.channel === 'store') {
    maybeReview(sim, order, order.placedAt, none);
    return;
  }
  const d = deliver(sim, order);
  if (d.late) {
    sim.engagement *= 0.55;
    if (sim.rng.chance(0.3)) sim.churned = true;
  } else if (d.early) {
    sim.engagement = Math.min(1.5, sim.engagement * 1.08);
  }
  sim.notBefore = Math.max(sim.notBefore, d.deliveredAt);
  const ret = maybeReturn(sim, order, d);
  const x: Experience = { late: d.late, early: d.early, complaint: ret.complaint };
  if (!ret.returned || ret.complaint) maybeReview(sim, order, d.deliveredAt, x);
  if (!d.late && !ret.returned) maybeRefer(sim, order, d.deliveredAt);
}

function deliver(sim: CustomerSim, order: Order): Delivery {
  const { rng, out } = sim;
  const country = sim.person.place.country;
  const carrier = rng.pick(CARRIERS[country] ?? CARRIERS.US);
  const tracking = `${carrier === 'UPS' ? '1Z' : ''}${rng.hex(16).toUpperCase()}`;
  const shippedAt = order.placedAt + Math.max(2 * HOUR, rng.logNormal(0.8 * DAY, 0.5));
  const days = (order.express ? 2 : rng.int(3, 5)) + (country === 'US' ? 0 : 2);
  // Promised "by the end of day N", as shops show it.
  const promisedAt = Math.floor((order.placedAt + days * DAY) / DAY) * DAY + 23 * HOUR;
  const outcome = rng.weighted({ early: 22, on_time: 65, late: 13 });
  let deliveredAt =
    outcome === 'early' ? promisedAt - rng.between(1, 2.5) * DAY
    : outcome === 'on_time' ? promisedAt - rng.between(1, 14) * HOUR
    : promisedAt + rng.logNormal(2 * DAY, 0.6);
  deliveredAt = Math.max(deliveredAt, shippedAt + 6 * HOUR);
  const late = deliveredAt > promisedAt;
  const early = deliveredAt < promisedAt - DAY;
  const base = { order_id: order.orderId, carrier, tracking_number: tracking, promised_at: new Date(promisedAt).toISOString() };
  out.server(shippedAt, order.who, 'Order Shipped', { ...base, shipping_method: order.express ? 'express' : 'standard' }, 'other');
  out.server(deliveredAt, order.who, 'Order Delivered', { ...base, delivered_at: new Date(deliveredAt).toISOString() }, 'other');

  // Where is my order? Most people chase a late parcel; a few worry even when it is on time.
  if (late && rng.chance(0.6)) {
    const at = promisedAt + rng.between(0.2, 1.5) * DAY;
    if (at < deliveredAt) contactSupport(sim, at, 'where is my order', order);
  } else if (!late && rng.chance(0.04)) {
    const at = shippedAt + rng.between(0.3, 1.5) * DAY;
    if (at < deliveredAt) contactSupport(sim, at, 'where is my order', order);
  }
  return { deliveredAt, late, early };
}

function maybeReturn(sim: CustomerSim, order: Order, d: Delivery): { returned: boolean; complaint: boolean } {
  const { rng, persona } = sim;
  const damaged = rng.chance(0.012);
  if (!damaged && !rng.chance(persona.returnRate * (d.late ? 1.5 : 1))) return { returned: false, complaint: false };
  // Items sold in sizes are the ones that come back most.
  const sized = order.lines.filter((l) => l.product.sized);
  const line = sized.length && rng.chance(0.8) ? rng.pick(sized) : rng.pick(order.lines);
  const reason = damaged ? 'damaged'
    : line.product.sized ? rng.weighted({ 'wrong size': 5, 'not as described': 2, 'changed mind': 3 })
    : rng.weighted({ 'not as described': 3.5, 'changed mind': persona.name === 'Gift Buyer' ? 7 : 4.5, damaged: 1 });
  const exchange = rng.chance(reason === 'wrong size' ? 0.6 : reason === 'damaged' ? 0.5 : 0.1);
  const at = d.deliveredAt + (reason === 'damaged' ? rng.between(0.1, 2) : rng.between(1, 12)) * DAY;
  if (rng.chance(0.25)) contactSupport(sim, at - rng.between(1, 20) * HOUR, exchange ? 'exchange' : 'return', order);

  const visit = new Visit(sim, order.device, at);
  visit.view(orderPage(order.orderId));
  visit.wait(10, 60);
  visit.view(RETURNS);
  visit.wait(30, 180);
  const properties = { order_id: order.orderId, reason };
  if (exchange) {
    visit.track('Exchange Requested', { ...properties, exchange_id: sim.nextId('exc'), product_id: line.product.product_id, sku: line.product.sku, quantity: line.quantity });
  } else {
    const returnId = sim.nextId('ret');
    const refund = cents(line.product.price * line.quantity);
    visit.track('Return Requested', { ...properties, return_id: returnId, products: [productProperties(line.product, { quantity: line.quantity })], value: refund, currency: 'USD' });
    const doneAt = visit.t + rng.between(4, 12) * DAY;
    sim.out.server(doneAt, order.who, 'Return Completed', { ...properties, return_id: returnId, refund_amount: refund, currency: 'USD' }, 'other');
    sim.out.server(doneAt + MINUTE, order.who, 'Order Refunded', { order_id: order.orderId, total: refund, currency: 'USD' }, 'other');
  }
  const complaint = reason === 'damaged' || reason === 'not as described';
  sim.engagement *= complaint ? 0.7 : 0.85;
  return { returned: true, complaint };
}

function maybeReview(sim: CustomerSim, order: Order, after: number, x: Experience): void {
  const { rng, persona } = sim;
  // Unhappy customers are more likely to speak up.
  if (!rng.chance(persona.reviewRate * (x.late ? 1.4 : 1) * (x.complaint ? 1.5 : 1))) return;
  const product = rng.pick(order.lines).product;
  const rating = reviewRating(rng, x);
  const visit = new Visit(sim, order.device, after + rng.between(2, 18) * DAY);
  visit.view(reviewPage(product));
  visit.wait(40, 240);
  visit.track('Product Reviewed', {
    product_id: product.product_id, review_id: sim.nextId('rev'), order_id: order.orderId, rating, review_body: reviewBody(rng, product, rating, x),
  });
}

function maybeRefer(sim: CustomerSim, order: Order, deliveredAt: number): void {
  const { rng, persona } = sim;
  if (!sim.hasAccount || !rng.chance(persona.referral * Math.min(1, sim.engagement))) return;
  const code = `RC${sim.key.toUpperCase()}`;
  const visit = new Visit(sim, order.device, deliveredAt + rng.between(2, 25) * DAY);
  visit.view(REFER);
  visit.wait(10, 60);
  visit.track('Referral Sent', { referral_code: code, share_method: rng.weighted({ email: 4, sms: 3, link: 3 }), reward_amount: 20, currency: 'USD' });
  if (rng.chance(0.35)) {
    sim.out.server(visit.t + rng.between(1, 14) * DAY, { userId: sim.userId }, 'Referral Accepted', { referral_code: code, reward_amount: 20, currency: 'USD' }, 'other');
  }
}
