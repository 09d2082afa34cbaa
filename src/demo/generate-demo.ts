import { simulateCustomer } from './customer.ts';
import { campaignCalendar } from './email.ts';
import type { SegmentMessage } from './segment-message.ts';
import { DAY } from './time.ts';

export interface DemoOptions {
  /** Same seed and options → byte-identical messages. Default 42. */
  seed?: number;
  /** Default 2000. Output grows linearly with it. */
  customers?: number;
  /** Length of the window ending at `end`. Default 120. */
  days?: number;
  /** Exclusive end of the window. Default 2026-11-01T00:00:00Z — fixed, never "now", so runs repeat. */
  end?: Date;
}

export const DEMO_DEFAULTS = { seed: 42, customers: 2000, days: 120, end: new Date('2026-11-01T00:00:00Z') } as const;

/**
 * Segment HTTP API messages for the "Riffs & Co" music shop: anonymous browsing, sign-ups, cross-device
 * identities, checkouts with friction, deliveries, returns, support, reviews and referrals, across the
 * web, app, email, social, chat, phone, store, voice and other channels. Yields one customer at a
 * time (each in time order), so memory stays small however many customers are asked for.
 * Message ids are `demo-<seed>-<customer>-<sequence>` (base 36): unique, stable across runs, and
 * distinct between seeds, so re-loading the same demo is de-duplicated by ingest.
 *
 * @example
 *   for (const message of generateDemo({ customers: 100, days: 30 })) batch.push(message);
 */
export function* generateDemo(options: DemoOptions = {}): Generator<SegmentMessage> {
  const seed = options.seed ?? DEMO_DEFAULTS.seed;
  const customers = options.customers ?? DEMO_DEFAULTS.customers;
  const end = (options.end ?? DEMO_DEFAULTS.end).getTime();
  const start = end - (options.days ?? DEMO_DEFAULTS.days) * DAY;
  if (!Number.isFinite(start) || !Number.isFinite(end) || start >= end) throw new RangeError('demo window must be a positive number of days ending at a valid date');
  const campaigns = campaignCalendar(start, end);
  for (let i = 0; i < customers; i++) yield* simulateCustomer(seed, i, { start, end }, campaigns);
}

/** All demo messages at once; see `generateDemo`. */
export function generateDemoArray(options: DemoOptions = {}): SegmentMessage[] {
  return [...generateDemo(options)];
}
