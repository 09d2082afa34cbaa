/** The answer of `POST /api/v1/query/funnel` (src/analytics/funnel/types.ts). */
export interface StepResult {
  name: string;
  count: number;
  conversionRate: number;
  conversionFromPrevious: number;
  dropOff: number;
  dropOffRate: number;
  averageSecondsFromPrevious: number | null;
  medianSecondsFromPrevious: number | null;
  timeDistribution?: { bucketSeconds: number; count: number }[];
}
export interface FunnelResult { steps: StepResult[]; breakdowns?: { value: string | null; steps: StepResult[] }[] }
