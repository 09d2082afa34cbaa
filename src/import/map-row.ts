import { CHANNELS, EVENT_TYPES, type EventType, type Json } from '../ingest/event.ts';
import { MAX_FUTURE_MS } from '../ingest/normalize.ts';
import type { FieldMap, Mapping, Target, ValueType } from './mapping.ts';
import { deriveMessageId } from './message-id.ts';
import { parseTimestamp, TIMESTAMP_FORMATS } from './timestamp.ts';

/** One row of the file, whatever its format. */
export interface RowInput {
  /** A CSV column by header name, or an NDJSON field (`total`, or a dotted path `order.total`). */
  get(column: string): unknown;
  /** NDJSON: the line's own message, which the mapping adds to or renames into. */
  base?: Json;
  /** The row as read, for the derived messageId. */
  content: string;
}

export interface MapContext {
  fileName: string;
  /** `type` when neither the row nor the mapping sets one; undefined infers it per row. */
  defaultType?: EventType;
  now: number;
}

/** A rejected row: `reason` is the same for every row with the same problem (so reasons group). */
export type RowOutcome = { ok: true; message: Json } | { ok: false; reason: string; value?: string };

/** Same floor as the server's (src/ingest/normalize.ts): earlier times are almost always unit mistakes. */
const MIN_TIME_MS = Date.UTC(2000, 0, 1);

/**
 * Turns one row into a Segment message, or says why it cannot be one. Empty cells leave their field
 * out. The checks here are the ones a spreadsheet typically fails (ids, dates, numbers, channel); the
 * server validates the rest and its verdicts are reported against the same row numbers.
 */
export function mapRow(row: RowInput, mapping: Mapping, ctx: MapContext): RowOutcome {
  const message: Json = row.base ?? {};
  for (const fm of mapping) {
    const raw = fm.source.kind === 'constant' ? fm.source.value : row.get(fm.source.column);
    if (isEmpty(raw)) continue;
    const isTime = fm.target.kind === 'field' && fm.target.field === 'timestamp';
    const converted = isTime ? { ok: true as const, value: raw } : convert(raw, fm.valueType);
    if (!converted.ok) return { ok: false, reason: `${describe(fm)} is not ${converted.expected}`, value: show(raw) };
    assign(message, fm.target, typeof converted.value === 'string' ? converted.value.trim() : converted.value);
  }
  return finish(message, mapping, row, ctx);
}

function finish(m: Json, mapping: Mapping, row: RowInput, ctx: MapContext): RowOutcome {
  const mapped = (field: string) => mapping.find((x) => x.target.kind === 'field' && x.target.field === field);
  const named = (field: string) => { const fm = mapped(field); return fm ? describe(fm) : field; };
  const emptyIn = (...fields: string[]) => {
    const cols = fields.flatMap((f) => { const s = mapped(f)?.source; return s?.kind === 'column' ? [`"${s.column}"`] : []; });
    return cols.length ? ` (column ${cols.join(' / ')} is empty)` : '';
  };

  if (m.type === undefined) m.type = ctx.defaultType ?? (present(m.event) ? 'track' : isObject(m.traits) ? 'identify' : 'track');
  const type = typeof m.type === 'string' ? m.type.trim().toLowerCase() : m.type;
  if (!(EVENT_TYPES as readonly unknown[]).includes(type)) return { ok: false, reason: `${named('type')} must be one of ${EVENT_TYPES.join(', ')}`, value: show(m.type) };
  m.type = type;

  if (isObject(m.context) && m.context.channel !== undefined) {
    const channel = typeof m.context.channel === 'string' ? m.context.channel.trim().toLowerCase() : m.context.channel;
    if (!(CHANNELS as readonly unknown[]).includes(channel)) {
      return { ok: false, reason: `${named('channel')} must be one of ${CHANNELS.join(', ')}`, value: show(m.context.channel) };
    }
    m.context.channel = channel;
  }

  if (present(m.timestamp)) {
    const t = parseTimestamp(m.timestamp);
    const bad = (problem: string): RowOutcome => ({ ok: false, reason: `${named('timestamp')} ${problem}`, value: show(m.timestamp) });
    if (!t.ok) return bad(`is not a date; use ${TIMESTAMP_FORMATS}`);
    if (t.ms > ctx.now + MAX_FUTURE_MS) return bad('is more than 24 hours in the future');
    if (t.ms < MIN_TIME_MS) return bad('is before the year 2000');
    m.timestamp = new Date(t.ms).toISOString();
  } else delete m.timestamp;

  if (type === 'alias') {
    if (!present(m.userId) || !present(m.previousId)) return { ok: false, reason: `alias needs userId and previousId${emptyIn('userId', 'previousId')}` };
  } else if (!present(m.userId) && !present(m.anonymousId)) {
    return { ok: false, reason: `userId or anonymousId is required${emptyIn('userId', 'anonymousId')}` };
  }
  if (type === 'track' && !present(m.event)) return { ok: false, reason: `event is required for track calls${emptyIn('event')}` };

  if (!present(m.messageId)) m.messageId = deriveMessageId(ctx.fileName, row.content);
  return { ok: true, message: { type: m.type, ...m } };
}

type Converted = { ok: true; value: unknown } | { ok: false; expected: string };

const TRUE = new Set(['true', 'yes', 'y', '1', 't']);
const FALSE = new Set(['false', 'no', 'n', '0', 'f']);
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

function convert(raw: unknown, type: ValueType | undefined): Converted {
  switch (type) {
    case undefined: return { ok: true, value: raw };
    case 'string': return { ok: true, value: typeof raw === 'object' ? JSON.stringify(raw) : String(raw) };
    case 'number': {
      if (typeof raw === 'number') return { ok: true, value: raw };
      const s = String(raw).trim();
      return NUMBER.test(s) ? { ok: true, value: Number(s) } : { ok: false, expected: 'a number' };
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      const s = String(raw).trim().toLowerCase();
      if (TRUE.has(s)) return { ok: true, value: true };
      if (FALSE.has(s)) return { ok: true, value: false };
      return { ok: false, expected: 'a boolean (true/false, yes/no, 1/0)' };
    }
    case 'date': {
      const t = parseTimestamp(raw);
      return t.ok ? { ok: true, value: new Date(t.ms).toISOString() } : { ok: false, expected: `a date; use ${TIMESTAMP_FORMATS}` };
    }
  }
}

function assign(m: Json, target: Target, value: unknown): void {
  if (target.kind === 'field') {
    if (target.field === 'channel') m.context = { ...(isObject(m.context) ? m.context : {}), channel: value };
    else m[target.field] = value;
    return;
  }
  let node = (isObject(m[target.root]) ? m[target.root] : (m[target.root] = {})) as Json;
  for (const key of target.path.slice(0, -1)) node = (isObject(node[key]) ? node[key] : (node[key] = {})) as Json;
  node[target.path[target.path.length - 1]] = value;
}

function describe(fm: FieldMap): string {
  return fm.source.kind === 'column' ? `${fm.label} (column "${fm.source.column}")` : `${fm.label} (constant)`;
}

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

function present(v: unknown): boolean {
  return !isEmpty(v);
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function show(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}
