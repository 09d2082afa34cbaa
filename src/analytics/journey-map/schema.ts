import { z } from 'zod';
import type { Emotion, Journey } from '../../journeys/definition.ts';
import type { TemplateId } from '../../journeys/templates/index.ts';
import { PersonaFilterField } from '../common/persona-filter.ts';
import { TimeRangeFields } from '../common/time-range.ts';

/**
 * `GET /api/v1/journeys/{id}/map?from&to&version&persona`: the query string. The route loads the
 * journey version and passes it with these fields to `runJourneyMap`.
 */
export const JourneyMapQuerySchema = z.strictObject({
  /** Journey version (default: the latest). */
  version: z.coerce.number().int().min(1).optional(),
  ...TimeRangeFields,
  /** Only customers of this persona of the journey. */
  persona: PersonaFilterField,
}).superRefine((r, ctx) => {
  if (r.from && r.to && r.from >= r.to) ctx.addIssue({ code: 'custom', path: ['to'], input: r.to, message: 'must be after from' });
});
export type JourneyMapQuery = z.infer<typeof JourneyMapQuerySchema>;

/** What `runJourneyMap` takes: a journey (or, for benchmarks and tests, a template id) and the query. */
export type JourneyMapInput = (
  | { journey: Journey; version?: number | null }
  | { template: TemplateId }
) & Omit<z.input<typeof JourneyMapQuerySchema>, 'version'>;

export type Health = 'good' | 'warning' | 'bad';

/** Voice of the customer at a touchpoint or in a stage; filled once survey responses exist (map-voc.ts). */
export interface TouchpointVoc {
  nps: number | null;
  csat: number | null;
  /** Mean sentiment score of text answers, −1 … 1. */
  sentiment: number | null;
  /** Mean emotion answer on the expected-emotion scale, −2 … 2 (a 1–5 face answer minus 3). */
  emotion: number | null;
  /** Responses. */
  n: number;
}

/** Friction events placed at a touchpoint (placement rule: friction/placement-sql.ts). */
export interface TouchpointFriction {
  /** `Page Load` events slower than 2 s. */
  slowPages: number;
  /** `Error` events. */
  errors: number;
  paymentFailures: number;
  /** `Return Requested` and `Exchange Requested`. */
  returns: number;
  /** `Order Delivered` later than `promised_at`. */
  lateDeliveries: number;
  /** Customers who met any of these here. */
  customers: number;
  /** customers / reach. */
  share: number;
  /** All the friction events above / the touchpoint's events: how often a visit here goes wrong. */
  rate: number;
}

export interface MapTouchpoint {
  id: string;
  name: string;
  /** Channels declared on the touchpoint (empty: any). */
  declaredChannels: string[];
  /** Channels its events in range came from (in the order of `CHANNELS`). */
  channels: string[];
  /** Customers with at least one event at the touchpoint in range. */
  reach: number;
  events: number;
  /** Customers who met the touchpoint while in its stage (before moving past it). */
  inStage: number;
  /** Share of `inStage` who then moved past the stage; null in the last stage or when inStage is 0. */
  conversionToNextStage: number | null;
  /** Median seconds from their first event here to their first event in a later stage. */
  medianSecondsToNextStage: number | null;
  friction: TouchpointFriction;
  health: Health;
  voc: TouchpointVoc | null;
}

export interface DropOffTouchpoint {
  touchpointId: string;
  name: string;
  customers: number;
  /** Of the customers who left the stage. */
  share: number;
}

export interface MapStage {
  id: string;
  name: string;
  /** Expected emotion as a score, −2 … 2 (null when not set). */
  expectedEmotion: number | null;
  expectedEmotionLabel: Emotion | null;
  goal: { description: string; target: number | null; reached: number | null; met: boolean | null } | null;
  /** Customers who entered the stage (reached it before any later stage). */
  reach: number;
  /** Of those, customers who moved on to a later stage (the next one, or beyond it). */
  advanced: number;
  /** advanced / reach; null in the last stage or when reach is 0. */
  conversionToNext: number | null;
  medianSecondsToNext: number | null;
  /** Where the customers who did not move on were last: top 3 touchpoints. */
  dropOff: DropOffTouchpoint[];
  /** Survey responses asked in this stage (measured emotion and sentiment); null without any. */
  voc: TouchpointVoc | null;
  touchpoints: MapTouchpoint[];
}

export interface JourneyMapResult {
  journey: { id: string; name: string; version: number | null };
  range: { from: string | null; to: string | null };
  persona: string | null;
  stages: MapStage[];
  /** Channels with touchpoint events in range (swimlanes), in the order of `CHANNELS`. */
  channels: string[];
  totals: {
    /** Customers with at least one touchpoint event in range (after the persona filter). */
    customers: number;
    /** All events in range (after the persona filter), touchpoint or not. */
    events: number;
  };
}
