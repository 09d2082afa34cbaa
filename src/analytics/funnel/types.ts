import { z } from 'zod';
import { ConditionSchema } from '../../journeys/matcher.ts';
import { resolveProperty } from '../../journeys/property.ts';
import { PersonaFilterField } from '../common/persona-filter.ts';
import { TimeRangeFields } from '../common/time-range.ts';

/**
 * `POST /api/v1/query/funnel`: the request and response schemas (they are also the types). The
 * semantics of every field are documented in README.md and on `runFunnel`.
 */
export const MAX_STEPS = 20;
export const ORDERS = ['ordered', 'strict', 'unordered'] as const;
export type FunnelOrder = (typeof ORDERS)[number];

const Name = z.string().min(1).max(200);
const Where = z.array(ConditionSchema).max(20).optional().describe('Property predicates on the step event; all must hold.');
const Label = z.string().min(1).max(200).optional().describe('Display name of the step (default: the event, touchpoint or stage).');

export const EventStepSchema = z.strictObject({ event: Name, where: Where, name: Label });
export const TouchpointStepSchema = z.strictObject({ touchpoint: Name, where: Where, name: Label });
export const StageStepSchema = z.strictObject({ stage: Name, where: Where, name: Label });
/** Exactly one of `event`, `touchpoint`, `stage`. */
export const FunnelStepSchema = z.union([EventStepSchema, TouchpointStepSchema, StageStepSchema]);
export type EventStep = z.infer<typeof EventStepSchema>;
export type TouchpointStep = z.infer<typeof TouchpointStepSchema>;
export type StageStep = z.infer<typeof StageStepSchema>;
export type FunnelStep = z.infer<typeof FunnelStepSchema>;

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
const WINDOW = /^([1-9]\d{0,5})([mhdw])$/;
export const MAX_WINDOW_MS = 366 * UNIT_MS.d;

/** `"30m"`, `"1h"`, `"7d"`, `"2w"` in milliseconds (null when not a duration). */
export function windowMs(text: string): number | null {
  const m = WINDOW.exec(text);
  return m ? Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS] : null;
}

const WindowSchema = z.string()
  .refine((w) => { const ms = windowMs(w); return ms !== null && ms <= MAX_WINDOW_MS; },
    { error: 'must be a duration such as "30m", "1h", "7d" or "2w" (at most 366 days)' })
  .default('14d');

export const BreakdownSchema = z.string().min(1).max(200)
  .refine((b) => {
    if (b === 'persona') return true;
    const ref = resolveProperty(b);
    return !('error' in ref) && ref.kind !== 'timestamp';
  }, { error: 'must be "channel", "device", "persona" or a property such as "properties.plan"' })
  .describe('Group customers by the value on their first step-1 event (channel, device, any property) or by persona.');

export const ExclusionSchema = z.strictObject({
  event: Name,
  fromStep: z.int().min(0).max(MAX_STEPS - 2),
  toStep: z.int().min(1).max(MAX_STEPS - 1),
});
export type Exclusion = z.infer<typeof ExclusionSchema>;

export const FunnelRequestSchema = z.strictObject({
  steps: z.array(FunnelStepSchema).min(2).max(MAX_STEPS),
  window: WindowSchema,
  order: z.enum(ORDERS).default('ordered'),
  ...TimeRangeFields,
  exclusions: z.array(ExclusionSchema).max(10).default([]),
  breakdown: BreakdownSchema.optional(),
  /** Breakdown values returned (most customers first). */
  breakdownLimit: z.int().min(1).max(100).default(25),
  persona: PersonaFilterField,
}).superRefine((r, ctx) => {
  r.exclusions.forEach((x, i) => {
    if (x.fromStep >= x.toStep || x.toStep >= r.steps.length) {
      ctx.addIssue({ code: 'custom', path: ['exclusions', i], input: x,
        message: `fromStep must be before toStep, and toStep at most ${r.steps.length - 1} (step indexes are 0-based)` });
    }
  });
  if (r.from && r.to && r.from >= r.to) ctx.addIssue({ code: 'custom', path: ['to'], input: r.to, message: 'must be after from' });
});
export type FunnelRequest = z.infer<typeof FunnelRequestSchema>;
export type FunnelRequestInput = z.input<typeof FunnelRequestSchema>;

export const TimeBucketSchema = z.object({
  /** Lower bound of the bucket: the count is of customers with `bucketSeconds ≤ time < next bucket`. */
  bucketSeconds: z.number(),
  count: z.int(),
});

export const FunnelStepResultSchema = z.object({
  name: z.string(),
  /** Customers who reached this step (each counted once). */
  count: z.int(),
  /** count / customers who entered (step 1); 1 for step 1 when anyone entered, 0 when nobody did. */
  conversionRate: z.number(),
  /** count / count of the previous step (1 for step 1 when anyone entered). */
  conversionFromPrevious: z.number(),
  /** Customers of the previous step who did not reach this one (0 for step 1). */
  dropOff: z.int(),
  dropOffRate: z.number(),
  /** Over customers who reached this step, from their chosen attempt; null for step 1 or when 0. */
  averageSecondsFromPrevious: z.number().nullable(),
  medianSecondsFromPrevious: z.number().nullable(),
  /** Histogram of the time from the previous step (absent on step 1). */
  timeDistribution: z.array(TimeBucketSchema).optional(),
});
export type FunnelStepResult = z.infer<typeof FunnelStepResultSchema>;

export const FunnelResultSchema = z.object({
  steps: z.array(FunnelStepResultSchema),
  /** Present when a breakdown was asked: one entry per value, most customers first. */
  breakdowns: z.array(z.object({ value: z.string().nullable(), steps: z.array(FunnelStepResultSchema) })).optional(),
});
export type FunnelResult = z.infer<typeof FunnelResultSchema>;

/** Display name of a step. */
export function stepName(step: FunnelStep): string {
  if (step.name) return step.name;
  if ('event' in step) return step.event;
  if ('touchpoint' in step) return step.touchpoint;
  return step.stage;
}
