/**
 * Deterministic, realistic Segment traffic for the ingest benchmark: an online shop's analytics.js
 * calls. Per event, 1 in 20 comes from a customer not seen before; ~10 % are `identify` (user id,
 * e-mail trait) and ~10 % are tracks of signed-in users, so ~20 % carry a user id; the rest are
 * anonymous tracks and pages. A customer always pairs its user id with one of its anonymous ids
 * (sometimes a new device), so stitching links but never has to merge two customers.
 */
export type Message = Record<string, unknown>;

interface Customer {
  /** Customer id for the raw-appender rows (the server assigns its own). */
  id: string;
  anon: string[];
  user: string;
  email: string;
  /** Has sent its user id: only then can a new device be linked to it. */
  signedIn: boolean;
}

const TRACKS = ['Product Viewed', 'Product Added', 'Cart Viewed', 'Checkout Started', 'Order Completed', 'Products Searched'];
const CATEGORIES = ['Guitars', 'Amps', 'Pedals', 'Strings', 'Accessories'];
const PAGES = [
  { name: 'Home', path: '/', title: 'Guitars, Amps, Pedals & Strings | Riffs & Co' },
  { name: 'Category', path: '/c/guitars', title: 'Guitars | Riffs & Co' },
  { name: 'Product', path: '/p/g-1042', title: 'Telecaster Deluxe | Riffs & Co' },
  { name: 'Cart', path: '/cart', title: 'Your Cart | Riffs & Co' },
  { name: 'Checkout', path: '/checkout', title: 'Checkout – Shipping | Riffs & Co' },
];
const AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
];
const LIBRARY = { name: 'analytics.js', version: 'npm:next-1.70.0' };
const ORIGIN = 'https://riffsandco.com';

/** mulberry32: tiny seeded generator, the same sequence on every run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Traffic {
  readonly customers: Customer[] = [];
  private readonly r: () => number;
  private count = 0;
  private readonly tag: string;

  /** `start`: epoch ms of the first event; events are ~30 ms apart, so 1 M events span ~8 h. */
  constructor(seed: number, private readonly start = Date.now() - 12 * 3600_000) {
    this.r = mulberry32(seed);
    this.tag = this.hex(8) + '-' + this.hex(4) + '-4' + this.hex(3) + '-8' + this.hex(3);
  }

  private hex(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += Math.floor(this.r() * 16).toString(16);
    return s;
  }

  private pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.r() * xs.length)];
  }

  /** The next message, as a Segment library puts it in a batch; `onlyTrack` for the `/v1/track` test. */
  next(onlyTrack = false): { message: Message; customer: Customer } {
    const i = this.count++;
    let customer: Customer;
    if (this.customers.length === 0 || this.r() < 1 / 20) {
      const n = this.customers.length;
      customer = { id: `cust-${this.tag}-${n}`, anon: [`${this.tag}-a${n.toString(16).padStart(11, '0')}`], user: `user_${n}`, email: `customer${n}@example.com`, signedIn: false };
      this.customers.push(customer);
    } else {
      customer = this.customers[Math.floor(this.r() * this.customers.length)];
    }
    const roll = onlyTrack ? 0.1 + this.r() * 0.55 : this.r();
    if (roll < 0.002 && customer.signedIn) customer.anon.push(`${this.tag}-d${this.hex(11)}`); // signs in on a new device
    if (roll < 0.2) customer.signedIn = true;
    const page = this.pick(PAGES);
    const context = {
      library: LIBRARY,
      page: { path: page.path, referrer: this.r() < 0.3 ? 'https://www.google.com/' : '', search: '', title: page.title, url: ORIGIN + page.path },
      userAgent: this.pick(AGENTS),
      locale: 'en-US',
    };
    const base: Message = {
      messageId: `${this.tag}-${i.toString(16).padStart(12, '0')}`,
      anonymousId: customer.anon[customer.anon.length - 1],
      timestamp: new Date(this.start + i * 30).toISOString(),
      context,
    };
    if (roll < 0.1) {
      return { customer, message: { ...base, type: 'identify', userId: customer.user, traits: { email: customer.email, name: `Customer ${customer.user.slice(5)}`, plan: this.pick(['free', 'member', 'pro']) } } };
    }
    if (roll < 0.65) {
      const message: Message = {
        ...base, type: 'track', event: this.pick(TRACKS),
        properties: { product_id: `G-${1000 + Math.floor(this.r() * 500)}`, category: this.pick(CATEGORIES), price: Math.round(this.r() * 200000) / 100, currency: 'EUR' },
      };
      if (roll < 0.2) message.userId = customer.user;
      return { customer, message };
    }
    return { customer, message: { ...base, type: 'page', name: page.name, properties: { ...context.page } } };
  }
}

/** Event names the server stores for calls other than `track`. */
const IMPLICIT: Record<string, string> = { page: 'Page Viewed', identify: 'Identify' };

/**
 * The row the server would store for a message, in the `events` column order (see
 * src/storage/duckdb/schema.ts), with JSON columns already serialised.
 */
export type RawRow = [
  workspace: string, messageId: string, type: string, event: string, name: string | null, customerId: string,
  anonymousId: string | null, userId: string | null, previousId: null, groupId: null, channel: string, device: string | null,
  source: string | null, ts: number, receivedAt: number, properties: string, traits: string | null, context: string,
];

export function rawRow(m: Message, customerId: string, receivedAt: number): RawRow {
  const context = m.context as { userAgent: string; library: { name: string } };
  return [
    'ws_bench', m.messageId as string, m.type as string, (m.event as string | undefined) ?? IMPLICIT[m.type as string],
    (m.name as string | undefined) ?? null, customerId, (m.anonymousId as string | undefined) ?? null, (m.userId as string | undefined) ?? null,
    null, null, 'web', /iPhone/.test(context.userAgent) ? 'mobile' : 'desktop', context.library.name,
    Date.parse(m.timestamp as string), receivedAt, JSON.stringify(m.properties ?? {}),
    m.traits ? JSON.stringify(m.traits) : null, JSON.stringify(m.context),
  ];
}
