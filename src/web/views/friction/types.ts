/** Answers of `POST /api/v1/query/friction` and `/dropoff` (src/analytics/friction/schema.ts, dropoff/schema.ts). */
export interface ConversionGroup { n: number; converted: number; rate: number }
export interface Counted { value: string; occurrences: number; customers: number }
export type Details =
  | { kind: 'slow_page'; paths: { path: string; loads: number; slow: number; slowShare: number; p50Ms: number | null; p90Ms: number | null }[] }
  | { kind: 'js_error'; messages: Counted[]; paths: Counted[] }
  | { kind: 'payment_failed'; reasons: Counted[] }
  | { kind: 'slow_checkout'; checkouts: number; slow: number; p50Seconds: number | null; p90Seconds: number | null }
  | { kind: 'cart_abandonment'; carts: number; abandoned: number; rate: number; recovered: number }
  | { kind: 'late_delivery'; deliveries: number; late: number; lateRate: number; p50HoursLate: number | null; p90HoursLate: number | null }
  | { kind: 'return'; returns: number; exchanges: number; reasons: Counted[] };
export interface Signal {
  signal: string;
  label: string;
  occurrences: number;
  customers: number;
  share: number;
  exposed: { customers: number; rate: number };
  conversion: { outcome: 'purchase' | 'repeat_purchase'; window: string; withFriction: ConversionGroup; withoutFriction: ConversionGroup; lift: number | null } | null;
  byTouchpoint?: { touchpointId: string; name: string; stageId: string; occurrences: number; customers: number }[];
  topDetails: Details;
  trend: { day: string; occurrences: number; customers: number }[];
}
export interface FrictionResult { asOf: string | null; activeCustomers: number; signals: Signal[] }

export interface Transition {
  from: { id: string; name: string };
  to: { id: string; name: string };
  reached: number; reachedNext: number; advanced: number; dropped: number; dropOffRate: number;
  lastTouchpoints: { touchpointId: string; name: string; customers: number; share: number }[];
  lastEvents: { event: string; customers: number; share: number }[];
}
export interface DropoffResult { journey: { id: string; name: string; version: number | null }; transitions: Transition[] }
