/** Retention: cohort retention by first-purchase week or month, repeat purchase rate, time between purchases. */
export { runRetention } from './run-retention.ts';
export { GAP_BUCKETS } from './time-between.ts';
export {
  RetentionRequestSchema, COHORT_UNITS, DEFAULT_PERIODS,
  type RetentionRequest, type RetentionRequestInput, type RetentionResult, type Cohort, type CohortUnit,
  type TimeBetween, type TimeBetweenBucket,
} from './schema.ts';
