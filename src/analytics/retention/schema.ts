import { z } from 'zod';
import { IsoTime, TimeRangeFields } from '../common/time-range.ts';

export const COHORT_UNITS = ['week', 'month'] as const;
export type CohortUnit = (typeof COHORT_UNITS)[number];
export const DEFAULT_PERIODS: Record<CohortUnit, number> = { week: 8, month: 6 };

/** `POST /api/v1/query/retention` body. See `runRetention` for the semantics. */
export const RetentionRequestSchema = z.strictObject({
  cohort: z.enum(COHORT_UNITS).default('week'),
  /** Periods per cohort, period 0 included; default 8 weeks or 6 months. */
  periods: z.int().min(1).max(104).optional(),
  /** The event whose first occurrence puts a customer in a cohort. */
  event: z.string().min(1).max(200).default('Order Completed'),
  /** The event that counts as coming back; default the same as `event`. */
  returnEvent: z.string().min(1).max(200).optional(),
  /** Cohorts whose first event is in [from, to). */
  ...TimeRangeFields,
  /** Measure as of this instant (default: the workspace's latest event): later periods are not shown. */
  asOf: IsoTime.optional(),
});
export type RetentionRequest = z.infer<typeof RetentionRequestSchema>;
export type RetentionRequestInput = z.input<typeof RetentionRequestSchema>;

export interface Cohort {
  /** `2026-W41` (ISO week) or `2026-10` (month). */
  cohort: string;
  /** First day of the cohort period, `YYYY-MM-DD` (UTC; weeks start on Monday). */
  start: string;
  size: number;
  /** Customers active in period k (k = 0 is the cohort period, always `size`); only periods begun by `asOf`. */
  retained: number[];
  /** retained[k] / size. */
  rates: number[];
  /** Members with at least two `event`s by `asOf`. */
  repeaters: number;
  repeatRate: number;
}

export interface TimeBetweenBucket {
  label: string;
  fromDays: number;
  /** Exclusive; null for the open last bucket. */
  toDays: number | null;
  count: number;
  share: number;
}

export interface TimeBetween {
  /** Consecutive pairs of `event` counted. */
  intervals: number;
  meanDays: number | null;
  medianDays: number | null;
  p75Days: number | null;
  buckets: TimeBetweenBucket[];
}

export interface RetentionResult {
  cohort: CohortUnit;
  periods: number;
  event: string;
  returnEvent: string;
  asOf: string | null;
  cohorts: Cohort[];
  /** Over all cohorts: customers, those with ≥ 2 `event`s, and the share. */
  repeat: { customers: number; repeaters: number; rate: number };
  timeBetween: TimeBetween;
}
