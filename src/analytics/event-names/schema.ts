import { z } from 'zod';
import { TimeRangeFields } from '../common/time-range.ts';

/** `GET /api/v1/events/names` query string. */
export const EventNamesRequestSchema = z.strictObject({
  ...TimeRangeFields,
  /** Names returned, most events first. */
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  /** Latest events per name whose `properties` keys are read (a sample, so the call stays cheap). */
  sample: z.coerce.number().int().min(1).max(1000).default(200),
});
export type EventNamesRequest = z.infer<typeof EventNamesRequestSchema>;
export type EventNamesRequestInput = z.input<typeof EventNamesRequestSchema>;

export interface PropertyKey {
  key: string;
  /** Share of the sampled events of this name that carry the key. */
  share: number;
}

export interface EventName {
  name: string;
  /** `track`, `page` or `screen`: the call that produced it. */
  type: string;
  events: number;
  customers: number;
  lastSeen: string;
  /** Top-level `properties` keys, most common first (usable in `where` and `breakdown`). */
  properties: PropertyKey[];
}

export interface EventNamesResult {
  events: EventName[];
}
