/** Answers of `POST /api/v1/query/friction` and `/dropoff`, typed once by the server (type-only imports). */
export type {
  ConversionGroup, CountedValue as Counted, FrictionDetails as Details, SignalResult as Signal, FrictionResult,
} from '../../../analytics/friction/schema.ts';

export type { StageTransition as Transition, DropoffResult } from '../../../analytics/dropoff/schema.ts';
