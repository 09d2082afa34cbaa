import type { Json, TouchEvent } from '../ingest/event.ts';

/**
 * The property names a condition may test, and how each maps to stored event data. One grammar,
 * shared by validation, the SQL compiler and the in-memory evaluator so the three cannot disagree:
 *
 * - `event`, `type`, `name`, `channel`, `device`, `source` — the event's own columns.
 * - `timestamp` — the event time (column `ts`); only compared with ISO dates (gt/gte/lt/lte).
 * - `properties.a.b`, `traits.a`, `context.page.path` — a value inside one of the JSON columns.
 * - `path`, `url`, `referrer`, `title`, `search` — page shorthands: `properties.<x>`, falling back to
 *   `context.page.<x>` when the property is absent (Segment puts page data in either place).
 * - any other bare name, e.g. `total` — `properties.total` (as PostHog and Amplitude read filters).
 *
 * Keys are restricted to letters, digits, `_`, `-`, `$` and spaces (at most 6 levels) so a key can
 * never change the meaning of a JSON path in any dialect.
 */
export const EVENT_COLUMNS = ['event', 'type', 'name', 'channel', 'device', 'source'] as const;
export type EventColumn = (typeof EVENT_COLUMNS)[number];

export const JSON_COLUMNS = ['properties', 'traits', 'context'] as const;
export type JsonColumn = (typeof JSON_COLUMNS)[number];

export const PAGE_SHORTHANDS = ['path', 'url', 'referrer', 'title', 'search'] as const;

export interface JsonSource {
  column: JsonColumn;
  path: readonly string[];
}

export type PropertyRef =
  | { kind: 'column'; column: EventColumn }
  | { kind: 'timestamp' }
  /** The first source holding a non-null value wins. */
  | { kind: 'json'; sources: readonly JsonSource[] };

const KEY = "[A-Za-z0-9_$ -]+";
/** Syntax of a property name (also published in the JSON Schema as `pattern`). */
export const PROPERTY_PATTERN = new RegExp(`^${KEY}(\\.${KEY}){0,6}$`);
/** A customer trait, as persona conditions name them: `traits.plan`. */
export const TRAIT_PATTERN = new RegExp(`^traits(\\.${KEY}){1,6}$`);

/** Resolves a property name; returns a human-readable reason when it is not one. */
export function resolveProperty(name: string): PropertyRef | { error: string } {
  if (!PROPERTY_PATTERN.test(name)) {
    return { error: `"${name}" is not a property name: use keys of letters, digits, "_", "-" or "$" joined by dots, e.g. "properties.total"` };
  }
  const [head, ...rest] = name.split('.');
  if (rest.length === 0) {
    if ((EVENT_COLUMNS as readonly string[]).includes(head)) return { kind: 'column', column: head as EventColumn };
    if (head === 'timestamp') return { kind: 'timestamp' };
    if ((PAGE_SHORTHANDS as readonly string[]).includes(head)) {
      return { kind: 'json', sources: [{ column: 'properties', path: [head] }, { column: 'context', path: ['page', head] }] };
    }
    if ((JSON_COLUMNS as readonly string[]).includes(head)) return { error: `"${head}" needs a key, e.g. "${head}.${head === 'context' ? 'page.path' : 'plan'}"` };
    return { kind: 'json', sources: [{ column: 'properties', path: [head] }] };
  }
  if ((JSON_COLUMNS as readonly string[]).includes(head)) {
    return { kind: 'json', sources: [{ column: head as JsonColumn, path: rest }] };
  }
  return { error: `"${name}" must start with "properties.", "traits." or "context." to reach a nested value` };
}

/** A value inside a JSON object; arrays are not walked (a JSON path key never indexes an array). */
export function jsonAt(root: Json | null, path: readonly string[]): unknown {
  let cur: unknown = root;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return null;
    if (!Object.prototype.hasOwnProperty.call(cur, key)) return null;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur === undefined ? null : cur;
}

/** The raw value of a property on an event: a column value, epoch ms, or a JSON value (null when absent). */
export function eventValue(e: TouchEvent, ref: PropertyRef): unknown {
  switch (ref.kind) {
    case 'column': return e[ref.column];
    case 'timestamp': return e.timestamp;
    case 'json':
      for (const s of ref.sources) {
        const v = jsonAt(e[s.column], s.path);
        if (v !== null) return v;
      }
      return null;
  }
}

/**
 * Text of a value as `dialect.jsonText` returns it: strings as is, other JSON values as JSON text
 * (events are stored with `JSON.stringify`, and DuckDB keeps that text), null when absent.
 */
export function textOf(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** A decimal number with optional sign, fraction, exponent and surrounding blanks: "12", " -1.5e3 ". */
const NUMERIC_TEXT = /^[ \t\n\r]*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[ \t\n\r]*$/;

/**
 * Number of a value as `dialect.jsonNumber` returns it: JSON numbers, and strings holding a decimal
 * number (clients often send `"total": "49.99"`; PostHog compares those numerically too). Anything
 * else (booleans, objects, other text) is not a number.
 */
export function numberOf(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && NUMERIC_TEXT.test(v)) return Number(v);
  return null;
}
