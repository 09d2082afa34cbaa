import { z } from 'zod';
import { DurationSchema } from '../common/duration.ts';
import { TimeRangeFields } from '../common/time-range.ts';
import { DEFAULT_SLOW_CHECKOUT_SECONDS, DEFAULT_SLOW_PAGE_MS } from './friction-events.ts';

export const FRICTION_SIGNALS = ['slow_page', 'js_error', 'payment_failed', 'slow_checkout', 'cart_abandonment', 'late_delivery', 'return'] as const;
export type FrictionSignal = (typeof FRICTION_SIGNALS)[number];

export const SIGNAL_LABELS: Record<FrictionSignal, string> = {
  slow_page: 'Slow page loads',
  js_error: 'JavaScript errors',
  payment_failed: 'Failed payments',
  slow_checkout: 'Slow checkouts',
  cart_abandonment: 'Abandoned carts',
  late_delivery: 'Late deliveries',
  return: 'Returns and exchanges',
};

/**
 * `POST /api/v1/query/friction` body, without the journey reference (`journey`/`journeyId`,
 * `version`), which the route resolves into `options.journey`. See `runFriction` for the semantics.
 */
export const FrictionRequestSchema = z.strictObject({
  ...TimeRangeFields,
  /** The purchase: what converting (and buying again) means. */
  conversionEvent: z.string().min(1).max(200).default('Order Completed'),
  /** How long after the friction (or first exposure) a purchase still counts; also the cart-abandonment window. */
  window: DurationSchema.default('14d'),
  /** Same, for the post-purchase signals whose outcome is a repeat purchase. */
  repeatWindow: DurationSchema.default('30d'),
  /** A `Page Load` slower than this is a slow page. */
  slowPageMs: z.int().min(1).max(600_000).default(DEFAULT_SLOW_PAGE_MS),
  /** A checkout (Checkout Started → order) longer than this is slow. */
  slowCheckoutSeconds: z.number().positive().max(86_400).default(DEFAULT_SLOW_CHECKOUT_SECONDS),
  /** Only these signals (default all). */
  signals: z.array(z.enum(FRICTION_SIGNALS)).min(1).max(FRICTION_SIGNALS.length).optional(),
  /** Rows in each `topDetails` list. */
  topN: z.int().min(1).max(100).default(10),
}).superRefine((r, ctx) => {
  if (r.from && r.to && r.from >= r.to) ctx.addIssue({ code: 'custom', path: ['to'], input: r.to, message: 'must be after from' });
});
export type FrictionRequest = z.infer<typeof FrictionRequestSchema>;
export type FrictionRequestInput = z.input<typeof FrictionRequestSchema>;

export interface ConversionGroup {
  /** Customers judged: their whole window lies before the end of the data. */
  n: number;
  converted: number;
  /** converted / n (0 when n is 0). */
  rate: number;
}

export interface FrictionConversion {
  /** `purchase`: a conversion within `window` of the anchor; `repeat_purchase`: another one within `repeatWindow` after it. */
  outcome: 'purchase' | 'repeat_purchase';
  window: string;
  withFriction: ConversionGroup;
  withoutFriction: ConversionGroup;
  /** withFriction.rate − withoutFriction.rate; null unless both groups have customers. */
  lift: number | null;
}

export interface TouchpointFrictionCount {
  touchpointId: string;
  name: string;
  stageId: string;
  occurrences: number;
  customers: number;
}

export interface CountedValue {
  value: string;
  occurrences: number;
  customers: number;
}

export interface SlowPath {
  path: string;
  loads: number;
  slow: number;
  slowShare: number;
  p50Ms: number | null;
  p90Ms: number | null;
}

export type FrictionDetails =
  | { kind: 'slow_page'; paths: SlowPath[] }
  | { kind: 'js_error'; messages: CountedValue[]; paths: CountedValue[] }
  | { kind: 'payment_failed'; reasons: CountedValue[] }
  | { kind: 'slow_checkout'; checkouts: number; slow: number; p50Seconds: number | null; p90Seconds: number | null }
  | { kind: 'cart_abandonment'; carts: number; abandoned: number; rate: number; recovered: number }
  | { kind: 'late_delivery'; deliveries: number; late: number; lateRate: number; p50HoursLate: number | null; p90HoursLate: number | null }
  | { kind: 'return'; returns: number; exchanges: number; reasons: CountedValue[] };

export interface TrendPoint {
  /** UTC day, `YYYY-MM-DD`. */
  day: string;
  occurrences: number;
  customers: number;
}

export interface SignalResult {
  signal: FrictionSignal;
  label: string;
  occurrences: number;
  /** Customers who met the friction at least once. */
  customers: number;
  /** customers / active customers (any track, page or screen call in range). */
  share: number;
  /** Customers who could have met it (see `runFriction`), and customers / exposed. */
  exposed: { customers: number; rate: number };
  /** null for cart abandonment (not buying is what the signal is). */
  conversion: FrictionConversion | null;
  /** With a journey: where the friction happened, most occurrences first. */
  byTouchpoint?: TouchpointFrictionCount[];
  topDetails: FrictionDetails;
  trend: TrendPoint[];
}

export interface FrictionResult {
  range: { from: string | null; to: string | null };
  /** The end of the data the outcomes were judged against (`to`, else the latest event). */
  asOf: string | null;
  activeCustomers: number;
  signals: SignalResult[];
}
