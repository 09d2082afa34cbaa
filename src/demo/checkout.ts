import { identifyGuest, logIn } from './account.ts';
import { cents, productProperties } from './catalog.ts';
import { checkoutStepSeconds, slowPageAbandonBoost } from './friction.ts';
import { CHECKOUT_STEPS, CONFIRMATION } from './pages.ts';
import type { CustomerSim, Order } from './sim.ts';
import { chat } from './support.ts';
import type { Visit } from './visit.ts';

const FAILURE_REASONS = { card_declined: 5, insufficient_funds: 2.5, '3ds_failed': 2.5 };

/**
 * Segment's checkout funnel: Checkout Started → Checkout Step Viewed/Completed ×3 → Payment Info
 * Entered → (Payment Failed) → Order Completed. Abandonment grows with the friction met on the way —
 * a slow page, a JS error, a long distraction, a declined card — which is the correlation the
 * friction analytics are meant to find. Returns the order, or undefined if the cart was abandoned.
 */
export function checkout(sim: CustomerSim, visit: Visit, coupon?: string): Order | undefined {
  const { rng } = sim;
  let guest = false;
  if (!visit.device.signedIn) {
    if (!sim.hasAccount && rng.chance(sim.persona.guest)) guest = true;
    else logIn(sim, visit);
  }
  const orderId = sim.nextId('ord');
  const checkoutId = sim.nextId('chk');
  const products = sim.cart.map((l, i) => productProperties(l.product, { quantity: l.quantity, position: i + 1 }));
  const subtotal = cents(sim.cartValue());
  const discount = coupon ? cents(subtotal * 0.1) : 0;
  const shippingMethod = rng.chance(0.2) ? 'express' : 'standard';
  const paymentMethod = rng.weighted({ credit_card: 62, paypal: 20, apple_pay: 18 });
  // A bored or unhappy customer gives up more easily at every step.
  const stepRisk = 0.05 + 0.08 * Math.max(0, 1 - sim.engagement);

  for (let step = 1; step <= 3; step++) {
    const loadMs = visit.view(CHECKOUT_STEPS[step - 1]);
    if (step === 1) {
      const started: Record<string, unknown> = { checkout_id: checkoutId, order_id: orderId, value: subtotal, revenue: cents(subtotal - discount), currency: 'USD', products };
      if (coupon) Object.assign(started, { coupon, discount });
      visit.track('Checkout Started', started);
    }
    if (rng.chance(slowPageAbandonBoost(loadMs)) || (visit.lastViewErrored && rng.chance(0.35))) return undefined;
    const stepProps = { checkout_id: checkoutId, step, ...(step >= 2 ? { shipping_method: shippingMethod } : {}), ...(step === 3 ? { payment_method: paymentMethod } : {}) };
    visit.track('Checkout Step Viewed', stepProps);
    if (guest && step === 1) identifyGuest(sim, visit);
    const { seconds, distracted } = checkoutStepSeconds(rng, visit.device);
    visit.t += seconds * 1000;
    if (rng.chance(stepRisk + (distracted ? 0.15 : 0))) return undefined;
    if (step === 3 && !pay(sim, visit, { checkoutId, orderId, paymentMethod, amount: subtotal })) return undefined;
    visit.track('Checkout Step Completed', stepProps);
  }

  const shipping = shippingMethod === 'express' ? 19.99 : subtotal >= 99 ? 0 : 9.99;
  const revenue = cents(subtotal - discount);
  const tax = sim.person.place.country === 'US' ? cents(revenue * 0.08) : 0;
  const total = cents(revenue + shipping + tax);
  visit.wait(2, 6);
  const completed: Record<string, unknown> = {
    checkout_id: checkoutId, order_id: orderId, affiliation: visit.web ? 'Riffs & Co Online' : 'Riffs & Co App',
    total, subtotal, revenue, shipping, tax, discount, currency: 'USD', products, payment_method: paymentMethod, shipping_method: shippingMethod,
  };
  if (coupon) completed.coupon = coupon;
  visit.track('Order Completed', completed);
  visit.view(CONFIRMATION, { order_id: orderId });
  const order: Order = {
    orderId, placedAt: visit.t, lines: sim.cart, total, channel: visit.web ? 'web' : 'app',
    who: sim.backOfficeIdentity(visit.device), device: visit.device, express: shippingMethod === 'express',
  };
  sim.cart = [];
  sim.cartId = '';
  return order;
}

interface Payment {
  checkoutId: string;
  orderId: string;
  paymentMethod: string;
  amount: number;
}

/** Payment Info Entered, with card failures (3-D Secure fails more on phones) and one retry. */
function pay(sim: CustomerSim, visit: Visit, p: Payment): boolean {
  const { rng } = sim;
  const mobile = visit.device.type !== 'desktop';
  let method = p.paymentMethod;
  for (let attempt = 1; attempt <= 2; attempt++) {
    visit.track('Payment Info Entered', { checkout_id: p.checkoutId, order_id: p.orderId, step: 3, payment_method: method });
    const failRate = method === 'credit_card' ? (mobile ? 0.12 : 0.08) : 0.03;
    visit.wait(2, 8);
    if (!rng.chance(failRate)) return true;
    const reason = mobile ? rng.weighted({ ...FAILURE_REASONS, '3ds_failed': 5 }) : rng.weighted(FAILURE_REASONS);
    visit.track('Payment Failed', { checkout_id: p.checkoutId, order_id: p.orderId, payment_method: method, reason, amount: p.amount, currency: 'USD' });
    if (rng.chance(0.12)) chat(sim, visit, 'payment issue', p.orderId);
    if (attempt === 2 || !rng.chance(0.6)) return false;
    visit.wait(20, 120);
    if (rng.chance(0.4)) method = method === 'paypal' ? 'credit_card' : 'paypal';
  }
  return false;
}
