import { likelyProduct } from './acquisition.ts';
import { CATALOG, cents, type Product, productProperties } from './catalog.ts';
import type { CartLine, CustomerSim, Order } from './sim.ts';

const STORES: Record<string, { store_id: string; store_name: string }> = {
  Austin: { store_id: 'store_atx', store_name: 'Riffs & Co Austin' },
  Nashville: { store_id: 'store_bna', store_name: 'Riffs & Co Nashville' },
  Brooklyn: { store_id: 'store_bkn', store_name: 'Riffs & Co Brooklyn' },
  'Los Angeles': { store_id: 'store_lax', store_name: 'Riffs & Co Los Angeles' },
  Chicago: { store_id: 'store_chi', store_name: 'Riffs & Co Chicago' },
};

/** The shop that a customer can walk into, if their city has one. */
export function nearbyStore(sim: CustomerSim): { store_id: string; store_name: string } | undefined {
  return STORES[sim.person.place.city];
}

function orderProps(orderId: string, lines: CartLine[], taxRate: number): Record<string, unknown> & { total: number } {
  const subtotal = cents(lines.reduce((s, l) => s + l.product.price * l.quantity, 0));
  const tax = cents(subtotal * taxRate);
  return {
    order_id: orderId, total: cents(subtotal + tax), subtotal, revenue: subtotal, tax, shipping: 0, discount: 0, currency: 'USD',
    products: lines.map((l, i) => productProperties(l.product, { quantity: l.quantity, position: i + 1 })),
  };
}

/**
 * A till purchase by a loyalty-card holder, sent by the point-of-sale system on the `store` channel.
 * People go to a shop to try instruments, so store baskets lean to guitars and amps.
 */
export function storeOrder(sim: CustomerSim, at: number): Order | undefined {
  const store = nearbyStore(sim);
  if (!store || !sim.hasAccount) return undefined;
  const { rng } = sim;
  const lines: CartLine[] = [{ product: likelyProduct(sim, rng.weighted({ Guitars: 4, Amps: 3, Pedals: 2, Accessories: 1 })), quantity: 1 }];
  if (rng.chance(0.4)) lines.push({ product: likelyProduct(sim, rng.weighted({ Strings: 2, Accessories: 3 })), quantity: 1 });
  const orderId = sim.nextId('pos');
  const props = orderProps(orderId, lines, 0.08);
  sim.out.server(at, { userId: sim.userId }, 'Order Completed', {
    ...props, ...store, affiliation: store.store_name, payment_method: rng.weighted({ card: 8, cash: 1, apple_pay: 3 }),
  }, 'store');
  return { orderId, placedAt: at, lines, total: props.total, channel: 'store', who: { userId: sim.userId }, device: sim.web, express: false };
}

/** "Alexa, reorder my guitar strings": a repeat string order placed through a smart speaker. */
export function voiceReorder(sim: CustomerSim, at: number): Order | undefined {
  if (!sim.hasAccount) return undefined;
  const { rng } = sim;
  const previous = sim.orders.flatMap((o) => o.lines.map((l) => l.product)).filter((p) => p.category === 'Strings');
  const product: Product = previous.length ? rng.pick(previous) : rng.pick(CATALOG.Strings);
  const lines: CartLine[] = [{ product, quantity: rng.int(1, 3) }];
  const orderId = sim.nextId('vox');
  const props = orderProps(orderId, lines, sim.person.place.country === 'US' ? 0.08 : 0);
  sim.out.server(at, { userId: sim.userId }, 'Order Completed', {
    ...props, affiliation: 'Riffs & Co Voice', voice_assistant: rng.weighted({ alexa: 3, google_assistant: 1 }), reorder: true, payment_method: 'credit_card',
  }, 'voice');
  return { orderId, placedAt: at, lines, total: props.total, channel: 'voice', who: { userId: sim.userId }, device: sim.web, express: false };
}
