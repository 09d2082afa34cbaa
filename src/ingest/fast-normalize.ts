import type { TouchEvent } from './event.ts';
import { MAX_DEPTH, MAX_KEYS, MAX_MESSAGE_BYTES } from './limits.ts';
import type { SegmentType } from './segment-schema.ts';

/**
 * The ingest hot path's validation: straight-line checks of what the zod schemas (segment-schema.ts)
 * and the limits (limits.ts) accept, for messages that pass them all. The zod schemas stay the
 * contract: whenever a check here is not sure (a value of the wrong type, a limit reached, anything
 * unusual), it answers `undefined` and normalize.ts runs the schemas, which then also write the error
 * details. Running zod on every message cost ~5 µs of the ~20 µs budget an event has on the event loop.
 *
 * It may answer `undefined` for valid messages (they just take the slow path), never accept what the
 * schemas refuse; fast-normalize.test.ts compares both paths on generated and mutated messages.
 */
export type Fields = Record<string, unknown>;

/** What normalize.ts needs from a valid message: the zod output's fields, already transformed. */
export interface ValidMessage {
  type: SegmentType;
  messageId: string | undefined;
  userId: string | null;
  anonymousId: string | null;
  timestamp: string | null;
  sentAt: string | null;
  event: string;
  name: string | null;
  groupId: string | null;
  previousId: string | null;
  properties: Fields | null;
  traits: Fields | null;
  context: Fields | null;
}

/** `id` in segment-schema.ts: a string of 1–255 characters or a finite number (as a string). */
function id(v: unknown): string | null | undefined {
  if (typeof v === 'string') return v.length >= 1 && v.length <= 255 ? v : undefined;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : undefined;
  return undefined;
}

function optionalId(v: unknown): string | null | undefined {
  return v === undefined || v === null ? null : id(v);
}

/** `isoTime.nullish()`; `undefined` = not sure. */
function optionalTime(v: unknown): string | null | undefined {
  if (v === undefined || v === null) return null;
  return typeof v === 'string' && v.length <= 64 && !Number.isNaN(Date.parse(v)) ? v : undefined;
}

function isObject(v: unknown): v is Fields {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** `obj.nullish()`: null when absent, `undefined` when not a plain object. */
function optionalObject(v: unknown): Fields | null | undefined {
  if (v === undefined || v === null) return null;
  return isObject(v) ? v : undefined;
}

function optionalName(v: unknown): string | null | undefined {
  if (v === undefined || v === null) return null;
  return typeof v === 'string' && v.length <= 200 ? v : undefined;
}

/**
 * One walk over the message for the limits: an upper bound of its serialised size (every UTF-16 unit
 * counted as 3 bytes, every number as 32 characters), its nesting and its number of keys and items.
 * Within the bounds here, jsonSize and checkShape pass too; past them the slow path decides.
 */
class Walk {
  size = 0;
  entries = 0;
  ok = true;

  value(v: unknown, depth: number): void {
    switch (typeof v) {
      case 'string': this.size += 3 * v.length + 2; return;
      case 'number': this.size += 32; return;
      case 'boolean': this.size += 5; return;
      case 'object': break;
      default: this.size += 4; return;
    }
    if (v === null) { this.size += 4; return; }
    // The message is depth 0, properties/traits/context depth 1 (their own depth 0 in checkShape).
    if (depth > MAX_DEPTH + 1) { this.ok = false; return; }
    this.size += 2;
    if (Array.isArray(v)) {
      this.entries += v.length;
      for (let i = 0; i < v.length && this.ok; i++) { this.value(v[i], depth + 1); this.size += 1; }
    } else {
      for (const k in v) {
        this.entries++;
        this.size += 3 * k.length + 4;
        this.value((v as Fields)[k], depth + 1);
        if (!this.ok) return;
      }
    }
    if (this.entries > MAX_KEYS || this.size > MAX_MESSAGE_BYTES) this.ok = false;
  }
}

/** One walker, reused (validation is synchronous): one allocation less per message. */
const WALK = new Walk();

/** The message's fields when it certainly passes its schema and the limits; otherwise `undefined`. */
export function fastValidate(input: Fields, type: SegmentType): ValidMessage | undefined {
  const walk = WALK;
  walk.size = 0;
  walk.entries = 0;
  walk.ok = true;
  walk.value(input, 0);
  if (!walk.ok) return undefined;

  const messageId = input.messageId;
  if (messageId !== undefined && !(typeof messageId === 'string' && messageId.length >= 1 && messageId.length <= 255)) return undefined;
  const timestamp = optionalTime(input.timestamp);
  const originalTimestamp = optionalTime(input.originalTimestamp);
  const sentAt = optionalTime(input.sentAt);
  const context = optionalObject(input.context);
  if (timestamp === undefined || originalTimestamp === undefined || sentAt === undefined || context === undefined) return undefined;
  if (input.integrations !== undefined && input.integrations !== null && !isObject(input.integrations)) return undefined;

  let userId: string | null | undefined;
  let anonymousId: string | null | undefined = optionalId(input.anonymousId);
  let event = '';
  let name: string | null | undefined = null;
  let groupId: string | null | undefined = null;
  let previousId: string | null | undefined = null;
  let properties: Fields | null | undefined = null;
  let traits: Fields | null | undefined = null;
  switch (type) {
    case 'track': {
      if (typeof input.event !== 'string') return undefined;
      event = input.event.trim();
      if (event.length < 1 || event.length > 200) return undefined;
      properties = optionalObject(input.properties);
      break;
    }
    case 'page':
    case 'screen':
      name = optionalName(input.name);
      if (optionalName(input.category) === undefined) return undefined;
      properties = optionalObject(input.properties);
      break;
    case 'identify':
      traits = optionalObject(input.traits);
      break;
    case 'group':
      groupId = id(input.groupId);
      traits = optionalObject(input.traits);
      break;
    case 'alias':
      userId = id(input.userId);
      previousId = id(input.previousId);
      break;
  }
  if (userId === undefined) userId = type === 'alias' ? undefined : optionalId(input.userId);
  if (userId === undefined || anonymousId === undefined || name === undefined || groupId === undefined ||
    previousId === undefined || properties === undefined || traits === undefined) return undefined;
  // The schemas' refine: a user or an anonymous id (alias requires userId itself).
  if (!userId && !anonymousId) return undefined;
  return {
    type, messageId: messageId as string | undefined, userId, anonymousId, timestamp: timestamp ?? originalTimestamp, sentAt,
    event, name, groupId, previousId, properties, traits, context,
  };
}

/** Fields of `TouchEvent` the fast and the zod path must agree on (for tests). */
export type NormalizedFields = Omit<TouchEvent, 'customerId'>;
