import { z } from 'zod';

/**
 * Rules turn bad moments into cases. A rule watches either survey responses (scores, sentiment) or
 * events (a name with optional property conditions, a late delivery, N occurrences within a time span).
 */
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

const ResponseCondition = z.strictObject({
  kind: z.literal('response'),
  npsAtMost: z.number().int().min(0).max(10).optional(),
  csatAtMost: z.number().int().min(1).max(5).optional(),
  cesAtLeast: z.number().int().min(1).max(7).optional(),
  sentiment: z.literal('negative').optional(),
}).refine((c) => c.npsAtMost !== undefined || c.csatAtMost !== undefined || c.cesAtLeast !== undefined || c.sentiment, { message: 'give at least one threshold' });

const EventCondition = z.strictObject({
  kind: z.literal('event'),
  event: z.string().min(1).max(200),
  /** `delivered_at` later than `promised_at` (both ISO properties). */
  late: z.boolean().optional(),
  /** Only when this many such events happened within `withinMinutes` (e.g. Payment Failed twice in a session). */
  count: z.number().int().min(1).max(100).default(1),
  withinMinutes: z.number().min(1).max(60 * 24 * 30).default(30),
  /** Only when the customer's latest `since` event came more than this many minutes before (e.g. checkout over 4 minutes). */
  slowerThan: z.strictObject({ since: z.string().min(1).max(200), minutes: z.number().min(0.1).max(60 * 24 * 30) }).optional(),
  /** Only customers whose traits hold this value, e.g. `{ "vip": true }`. */
  traits: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});

export const RuleSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, { message: 'must be a slug such as "detractor"' }),
  name: z.string().min(1).max(200),
  enabled: z.boolean().default(true),
  when: z.discriminatedUnion('kind', [ResponseCondition, EventCondition]),
  openCase: z.strictObject({
    priority: z.enum(PRIORITIES).default('normal'),
    team: z.string().max(100).optional(),
    owner: z.string().max(200).optional(),
    /** Assignment: the member of this list with the fewest open cases gets the case (when no owner is set). */
    assignTo: z.array(z.string().min(1).max(200)).max(100).optional(),
    slaHours: z.number().min(0.1).max(24 * 90).default(24),
  }),
  /** No second case for the same customer and rule within this many hours. */
  cooldownHours: z.number().min(0).max(24 * 365).default(72),
});
export type Rule = z.infer<typeof RuleSchema>;

/** Every new workspace starts with these (DESIGN.md); an admin can change or disable them. */
export const DEFAULT_RULES: Rule[] = [
  RuleSchema.parse({ id: 'detractor', name: 'Detractor response (NPS 0–6)', when: { kind: 'response', npsAtMost: 6 }, openCase: { priority: 'high', team: 'customer-care', slaHours: 24 } }),
  RuleSchema.parse({ id: 'late-delivery', name: 'Delivery later than promised', when: { kind: 'event', event: 'Order Delivered', late: true }, openCase: { priority: 'normal', team: 'fulfilment', slaHours: 48 } }),
];
