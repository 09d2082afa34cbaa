import { z } from 'zod';
import type { Journey } from '../../journeys/definition.ts';
import { DurationSchema } from '../common/duration.ts';
import { PersonaFilterField } from '../common/persona-filter.ts';
import { TimeRangeFields } from '../common/time-range.ts';

/**
 * `POST /api/v1/query/dropoff` body, without the journey reference (`journey`/`journeyId`,
 * `version`), which the route resolves into the `journey` that `runDropoff` takes.
 */
export const DropoffRequestSchema = z.strictObject({
  ...TimeRangeFields,
  /** Moving on counts only within this long of entering the stage (default: any time in range). */
  window: DurationSchema.optional(),
  /** Only customers of this persona of the journey. */
  persona: PersonaFilterField,
  /** Rows in each ranking. */
  limit: z.int().min(1).max(100).default(10),
}).superRefine((r, ctx) => {
  if (r.from && r.to && r.from >= r.to) ctx.addIssue({ code: 'custom', path: ['to'], input: r.to, message: 'must be after from' });
});
export type DropoffRequest = z.infer<typeof DropoffRequestSchema>;

/** What `runDropoff` takes: the request plus the journey (and its version, for the answer). */
export type DropoffInput = z.input<typeof DropoffRequestSchema> & { journey: Journey; version?: number | null };

export interface RankedTouchpoint {
  touchpointId: string;
  name: string;
  stageId: string;
  customers: number;
  /** Of the customers who dropped off. */
  share: number;
}

export interface RankedEvent {
  event: string;
  customers: number;
  share: number;
}

export interface StageTransition {
  from: { id: string; name: string };
  to: { id: string; name: string };
  /** Customers who entered `from` (reached it before any later stage). */
  reached: number;
  /** Of those, customers who then entered `to` (within the window, if any). */
  reachedNext: number;
  /** Customers who moved on to `to` or any later stage (within the window, if any). */
  advanced: number;
  /** reached − advanced. */
  dropped: number;
  /** dropped / reached (0 when nobody reached it). */
  dropOffRate: number;
  /** Where the customers who dropped off were last: their last touchpoint event after entering `from`. */
  lastTouchpoints: RankedTouchpoint[];
  /** Their last event of any kind after entering `from` (page timings left out): for events no touchpoint covers. */
  lastEvents: RankedEvent[];
}

export interface DropoffResult {
  journey: { id: string; name: string; version: number | null };
  range: { from: string | null; to: string | null };
  window: string | null;
  persona: string | null;
  transitions: StageTransition[];
}
