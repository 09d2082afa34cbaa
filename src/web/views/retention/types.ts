// The answer of `POST /api/v1/query/retention`, typed once by the server (type-only import).
export type { Cohort, RetentionResult } from '../../../analytics/retention/schema.ts';
