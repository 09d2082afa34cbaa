import { z } from 'zod';

/**
 * Zod schemas of the Segment HTTP tracking API (the edge schemas are also the types). Unknown
 * top-level fields are kept out; `context`, `properties` and `traits` are free-form objects checked
 * for size and depth separately (limits.ts).
 */
const id = z.union([z.string().min(1).max(255), z.number().finite()]).transform(String);
const isoTime = z.string().max(64).refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO-8601 date-time');
/** Free-form objects: checked to be plain objects only (their size and depth are checked in limits.ts);
 * a per-key record schema would walk every property a second time. */
const obj = z.custom<Record<string, unknown>>((v) => v !== null && typeof v === 'object' && !Array.isArray(v), { message: 'must be a JSON object' });

const common = {
  messageId: z.string().min(1).max(255).optional(),
  userId: id.nullish(),
  anonymousId: id.nullish(),
  timestamp: isoTime.nullish(),
  originalTimestamp: isoTime.nullish(),
  sentAt: isoTime.nullish(),
  context: obj.nullish(),
  integrations: obj.nullish(),
};

const needsIdentity = (m: { userId?: string | null; anonymousId?: string | null }) => Boolean(m.userId || m.anonymousId);
const identityMessage = { message: 'either userId or anonymousId is required', path: ['userId'] };

export const trackSchema = z.object({
  ...common, type: z.literal('track'),
  event: z.string().trim().min(1, 'event name is required').max(200),
  properties: obj.nullish(),
}).refine(needsIdentity, identityMessage);

export const pageSchema = z.object({
  ...common, type: z.literal('page'),
  name: z.string().max(200).nullish(), category: z.string().max(200).nullish(),
  properties: obj.nullish(),
}).refine(needsIdentity, identityMessage);

export const screenSchema = z.object({
  ...common, type: z.literal('screen'),
  name: z.string().max(200).nullish(), category: z.string().max(200).nullish(),
  properties: obj.nullish(),
}).refine(needsIdentity, identityMessage);

export const identifySchema = z.object({ ...common, type: z.literal('identify'), traits: obj.nullish() })
  .refine(needsIdentity, identityMessage);

export const groupSchema = z.object({ ...common, type: z.literal('group'), groupId: id, traits: obj.nullish() })
  .refine(needsIdentity, identityMessage);

export const aliasSchema = z.object({ ...common, type: z.literal('alias'), userId: id, previousId: id });

export const SEGMENT_SCHEMAS = {
  track: trackSchema, page: pageSchema, screen: screenSchema,
  identify: identifySchema, group: groupSchema, alias: aliasSchema,
} as const;

export type SegmentType = keyof typeof SEGMENT_SCHEMAS;
export type SegmentMessage =
  | z.infer<typeof trackSchema> | z.infer<typeof pageSchema> | z.infer<typeof screenSchema>
  | z.infer<typeof identifySchema> | z.infer<typeof groupSchema> | z.infer<typeof aliasSchema>;

export function isSegmentType(t: unknown): t is SegmentType {
  return typeof t === 'string' && t in SEGMENT_SCHEMAS;
}
