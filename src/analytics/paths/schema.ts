import { z } from 'zod';
import { PersonaFilterField } from '../common/persona-filter.ts';
import { StepMatcherSchema } from '../common/step.ts';
import { TimeRangeFields } from '../common/time-range.ts';

export const MAX_DEPTH = 10;

const ExcludeSchema = z.array(z.string().min(1).max(200)).max(100).default([]);

/** `POST /api/v1/query/paths` body. See `runPaths` for the semantics of each field. */
export const PathsRequestSchema = z.strictObject({
  start: StepMatcherSchema.optional(),
  end: StepMatcherSchema.optional(),
  /** Steps per path, the anchor included. */
  depth: z.int().min(2).max(MAX_DEPTH).default(5),
  ...TimeRangeFields,
  collapseRepeats: z.boolean().default(true),
  /** Links with fewer customers are dropped. */
  minCount: z.int().min(1).default(1),
  /** Keep the N strongest links. */
  limit: z.int().min(1).max(1000).default(50),
  /** A path ends at the first gap of inactivity longer than this (both directions from the anchor). */
  sessionGapMinutes: z.number().positive().max(43_200).optional(),
  /** Event names left out of sequences entirely (e.g. `Page Load`, `Error`). */
  exclude: ExcludeSchema,
  /** Only customers of this persona of the journey (as the funnel's `persona`). */
  persona: PersonaFilterField,
});
export type PathsRequest = z.infer<typeof PathsRequestSchema>;
export type PathsRequestInput = z.input<typeof PathsRequestSchema>;

export interface PathNode {
  /** `"<step>:<name>"`, e.g. `"2:Product Viewed"` or `"-1:Checkout Started"`. */
  id: string;
  name: string;
  /** Position relative to the anchor: 0 is the anchor, positive after it, negative before it. */
  step: number;
  /** Customers whose path passes this node. */
  value: number;
  /** Of those, customers whose path ends here (no later step within depth/session). */
  exits: number;
}

export interface PathLink {
  source: string;
  target: string;
  /** Customers going from source to target. */
  value: number;
}

export interface PathsResult {
  /** Customers with a path (who had the anchor, or any step when there is no anchor). */
  customers: number;
  nodes: PathNode[];
  links: PathLink[];
}

export const PATH_OUTCOMES = ['purchase', 'abandonment'] as const;

/**
 * Most common paths to purchase or abandonment. See `topPaths`. The outcome is `outcome`, not `to`:
 * `from`/`to` are ISO times in every analytics request.
 */
export const TopPathsRequestSchema = z.strictObject({
  outcome: z.enum(PATH_OUTCOMES),
  limit: z.int().min(1).max(100).default(10),
  depth: z.int().min(1).max(MAX_DEPTH).default(5),
  ...TimeRangeFields,
  purchaseEvent: z.string().min(1).max(200).default('Order Completed'),
  /** Events that show buying intent; abandonment = one of these with no purchase soon after. */
  abandonEvents: z.array(z.string().min(1).max(200)).min(1).max(20).default(['Product Added', 'Checkout Started']),
  abandonWithinDays: z.number().positive().max(365).default(7),
  sessionGapMinutes: z.number().positive().max(43_200).default(30),
  collapseRepeats: z.boolean().default(true),
  exclude: ExcludeSchema,
});
export type TopPathsRequest = z.infer<typeof TopPathsRequestSchema>;
export type TopPathsRequestInput = z.input<typeof TopPathsRequestSchema>;

export interface TopPath {
  /** Step names in time order; the last is the purchase, or the last step before the customer left. */
  steps: string[];
  customers: number;
  /** customers / all customers with this outcome. */
  share: number;
}

export interface TopPathsResult {
  outcome: (typeof PATH_OUTCOMES)[number];
  /** Customers with this outcome (the denominator of `share`). */
  customers: number;
  paths: TopPath[];
}
