/** Answer of `POST /api/v1/query/retention` (src/analytics/retention/schema.ts). */
export interface Cohort { cohort: string; start: string; size: number; retained: number[]; rates: number[]; repeaters: number; repeatRate: number }
export interface RetentionResult {
  cohort: 'week' | 'month';
  periods: number;
  event: string;
  returnEvent: string;
  asOf: string | null;
  cohorts: Cohort[];
  repeat: { customers: number; repeaters: number; rate: number };
  timeBetween: {
    intervals: number; meanDays: number | null; medianDays: number | null; p75Days: number | null;
    buckets: { label: string; fromDays: number; toDays: number | null; count: number; share: number }[];
  };
}
