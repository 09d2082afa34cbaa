import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { ErrorDetail } from '../api/errors.ts';
import { inferChannel, inferDevice } from './channel.ts';
import { IMPLICIT_EVENT_NAME, type Json, type TouchEvent } from './event.ts';
import { checkShape, jsonSize, MAX_MESSAGE_BYTES } from './limits.ts';
import { fastValidate, type ValidMessage } from './fast-normalize.ts';
import { isSegmentType, SEGMENT_SCHEMAS, type SegmentMessage, type SegmentType } from './segment-schema.ts';

/** Events more than this far ahead of the server clock are refused (after clock-skew correction). */
export const MAX_FUTURE_MS = 24 * 3600 * 1000;
/** Timestamps before this are almost always a unit mistake (seconds instead of ms). */
const MIN_TIME_MS = Date.UTC(2000, 0, 1);
/** Clock differences below this are treated as transit time, not skew. */
export const SKEW_THRESHOLD_MS = 30_000;

export interface NormalizeContext {
  workspaceId: string;
  receivedAt: number;
  /** `type` for single-call endpoints (`/v1/track` implies track). */
  impliedType?: SegmentType;
  /** Batch-level `context` and `sentAt` (Segment merges them into each message). */
  batchContext?: Json;
  sentAt?: string;
  /** Fallback library name when the message names none. */
  source?: string;
  /** `receivedAt - sentAt` of the batch, once computed (normalizeMessage fills it in). */
  skewMs?: number;
}

export type NormalizeOutcome = { ok: true; event: TouchEvent } | { ok: false; details: ErrorDetail[] };

function issuesToDetails(issues: z.core.$ZodIssue[], prefix: string): ErrorDetail[] {
  return issues.map((i) => ({ path: [prefix, ...i.path.map(String)].filter(Boolean).join('.'), message: i.message }));
}

/** Validates one Segment message and turns it into the internal event (customerId still empty). */
export function normalizeMessage(raw: unknown, ctx: NormalizeContext, prefix = ''): NormalizeOutcome {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, details: [{ path: prefix || undefined, message: 'message must be a JSON object' }] };
  }
  const input = raw as Json;
  const type = input.type ?? ctx.impliedType;
  if (!isSegmentType(type)) {
    return { ok: false, details: [{ path: join(prefix, 'type'), message: `type must be one of ${Object.keys(SEGMENT_SCHEMAS).join(', ')}` }] };
  }
  if (ctx.impliedType && input.type !== undefined && input.type !== ctx.impliedType) {
    return { ok: false, details: [{ path: join(prefix, 'type'), message: `this endpoint only accepts type "${ctx.impliedType}"` }] };
  }
  const m = fastValidate(input, type) ?? validate(input, type, prefix);
  if ('details' in m) return m;

  const time = eventTime(m, ctx);
  if (typeof time === 'string') return { ok: false, details: [{ path: join(prefix, 'timestamp'), message: time }] };

  // Batch context first, the message's own over it (Segment merges them so). Not copied when there is
  // nothing to merge: nothing downstream changes an event's objects.
  const context: Json = ctx.batchContext ? { ...ctx.batchContext, ...m.context } : m.context ?? {};
  let properties: Json = m.properties ?? {};
  const traits: Json | null = m.traits ?? (context.traits as Json | undefined) ?? null;
  // Page fields live in properties for pages (Segment's spec) and in context.page for other calls.
  if (m.type === 'page' && context.page && typeof context.page === 'object') {
    const page = context.page as Json;
    for (const k in page) {
      if (properties[k] !== undefined) continue;
      if (properties === m.properties) properties = { ...properties };
      properties[k] = page[k];
    }
  }
  const library = (context.library as Json | undefined)?.name;
  const event: TouchEvent = {
    workspaceId: ctx.workspaceId,
    messageId: m.messageId ?? randomUUID(),
    type: m.type,
    event: m.type === 'track' ? m.event : IMPLICIT_EVENT_NAME[m.type],
    name: m.name,
    customerId: '',
    anonymousId: m.anonymousId,
    userId: m.userId,
    previousId: m.previousId,
    groupId: m.groupId,
    channel: inferChannel(m.type, context, properties),
    device: inferDevice(context, properties),
    source: typeof library === 'string' ? library.slice(0, 100) : ctx.source ?? null,
    timestamp: time,
    receivedAt: ctx.receivedAt,
    properties,
    traits,
    context,
  };
  return { ok: true, event };
}

/**
 * The contract's path (fast-normalize.ts takes the usual messages): size limit, the zod schema, then
 * the shape of the free-form objects; the first failure's details are the answer.
 */
export function validate(input: Json, type: SegmentType, prefix = ''): ValidMessage | { ok: false; details: ErrorDetail[] } {
  const size = jsonSize(input);
  if (size > MAX_MESSAGE_BYTES) {
    return { ok: false, details: [{ path: prefix || undefined, message: `message is ${size} bytes; the limit is ${MAX_MESSAGE_BYTES}` }] };
  }
  const parsed = SEGMENT_SCHEMAS[type].safeParse({ ...input, type });
  if (!parsed.success) return { ok: false, details: issuesToDetails(parsed.error.issues, prefix) };
  const m = parsed.data as SegmentMessage;
  for (const field of ['properties', 'traits', 'context'] as const) {
    const problem = checkShape((m as Json)[field]);
    if (problem) return { ok: false, details: [{ path: join(prefix, field), message: `${field} ${problem}` }] };
  }
  const page = m.type === 'page' || m.type === 'screen';
  return {
    type: m.type, messageId: m.messageId, userId: m.userId ?? null, anonymousId: m.anonymousId ?? null,
    timestamp: m.timestamp ?? m.originalTimestamp ?? null, sentAt: m.sentAt ?? null,
    event: m.type === 'track' ? m.event : '', name: page ? m.name ?? null : null,
    groupId: m.type === 'group' ? m.groupId : null, previousId: m.type === 'alias' ? m.previousId : null,
    properties: 'properties' in m ? m.properties ?? null : null, traits: 'traits' in m ? m.traits ?? null : null,
    context: m.context ?? null,
  };
}

/**
 * Event time with Segment's clock-skew correction: when the client says when it sent the batch,
 * `receivedAt - (sentAt - timestamp)` removes the difference between its clock and ours (if over 30 s).
 */
function eventTime(m: ValidMessage, ctx: NormalizeContext): number | string {
  const stamp = m.timestamp;
  if (!stamp) return ctx.receivedAt;
  let t = Date.parse(stamp);
  // Only correct a real clock difference: below the threshold the gap is network latency, and
  // correcting it would reorder events sent milliseconds apart in different batches.
  const skew = m.sentAt ? ctx.receivedAt - Date.parse(m.sentAt) : batchSkew(ctx);
  if (Math.abs(skew) > SKEW_THRESHOLD_MS) t += skew;
  if (t > ctx.receivedAt + MAX_FUTURE_MS) return `timestamp ${stamp} is more than 24 hours in the future`;
  if (t < MIN_TIME_MS) return `timestamp ${stamp} is before the year 2000`;
  return t;
}

/** The clock difference the batch's `sentAt` shows, parsed once per batch (0 without one). */
function batchSkew(ctx: NormalizeContext): number {
  if (ctx.skewMs === undefined) ctx.skewMs = ctx.sentAt ? ctx.receivedAt - Date.parse(ctx.sentAt) : 0;
  return ctx.skewMs;
}

function join(prefix: string, field: string): string {
  return prefix ? `${prefix}.${field}` : field;
}
