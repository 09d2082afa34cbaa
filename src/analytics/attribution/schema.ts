import { z } from 'zod';
import { TimeRangeFields } from '../common/time-range.ts';

export const ATTRIBUTION_MODELS = ['first_touch', 'last_touch', 'linear', 'position_based', 'time_decay', 'data_driven'] as const;
export type AttributionModel = (typeof ATTRIBUTION_MODELS)[number];
export const HEURISTIC_MODELS = ['first_touch', 'last_touch', 'linear', 'position_based', 'time_decay'] as const;
export type HeuristicModel = (typeof HEURISTIC_MODELS)[number];

/** What a touch is credited to: its channel, its `context.campaign`, or its touchpoint (needs a journey). */
export const ATTRIBUTION_DIMENSIONS = ['channel', 'campaign', 'touchpoint'] as const;
export type AttributionDimension = (typeof ATTRIBUTION_DIMENSIONS)[number];

/** `POST /api/v1/query/attribution` body. See `runAttribution` for the semantics. */
export const AttributionRequestSchema = z.strictObject({
  /** One model; shorthand for `models: [model]`. */
  model: z.enum(ATTRIBUTION_MODELS).optional(),
  /** Models to compute in one call; default all of them. */
  models: z.array(z.enum(ATTRIBUTION_MODELS)).min(1).max(ATTRIBUTION_MODELS.length).optional(),
  dimension: z.enum(ATTRIBUTION_DIMENSIONS).default('channel'),
  /** Conversions (purchase events) in [from, to); their touches may start `lookbackDays` earlier. */
  ...TimeRangeFields,
  purchaseEvent: z.string().min(1).max(200).default('Order Completed'),
  lookbackDays: z.number().positive().max(365).default(30),
  /** Time decay: a touch this many days before the conversion weighs half as much as one at it. */
  halfLifeDays: z.number().positive().max(365).default(7),
});
export type AttributionRequest = z.infer<typeof AttributionRequestSchema>;
export type AttributionRequestInput = z.input<typeof AttributionRequestSchema>;

export interface ChannelCredit {
  /** Channel, campaign (`source / medium / name`) or touchpoint id; `(none)`/`(direct)` for conversions without touches. */
  channel: string;
  /** Fractional conversions credited. */
  conversions: number;
  /** Revenue credited (`properties.revenue`, else `properties.total`, else 0, per conversion). */
  revenue: number;
  /** conversions / all conversions. */
  share: number;
}

export interface ModelResult {
  model: AttributionModel;
  conversions: number;
  revenue: number;
  /** Most credited first. */
  channels: ChannelCredit[];
  /** `data_driven` only: P(conversion) of the fitted chain and each channel's removal effect. */
  markov?: { conversionProbability: number; removalEffects: Record<string, number> };
}

export interface AttributionResult {
  dimension: AttributionDimension;
  lookbackDays: number;
  conversions: number;
  revenue: number;
  models: ModelResult[];
}
