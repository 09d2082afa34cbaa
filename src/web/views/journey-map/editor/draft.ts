import type { Condition, JourneyDef, Matcher } from '../types.ts';

export const CHANNELS = ['web', 'app', 'email', 'social', 'chat', 'phone', 'store', 'voice', 'other'] as const;
export const EMOTIONS = ['very negative', 'negative', 'neutral', 'positive', 'very positive'] as const;
export const OPS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'contains', 'starts_with', 'in', 'exists'] as const;
export const TYPES = ['track', 'page', 'screen', 'identify', 'group', 'alias'] as const;

/** A slug id from a name, unique among `taken` ("Add to cart" → "add-to-cart", "add-to-cart-2"). */
export function slugFor(name: string, taken: Iterable<string>): string {
  const base = name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 56) || 'item';
  const used = new Set(taken);
  if (!used.has(base)) return base;
  let i = 2;
  while (used.has(`${base}-${i}`)) i++;
  return `${base}-${i}`;
}

export function allTouchpointIds(j: JourneyDef): string[] {
  return j.stages.flatMap((s) => s.touchpoints.map((t) => t.id));
}

/** The text a user edits for a condition value. */
export function valueText(c: Condition): string {
  if (c.op === 'exists') return '';
  if (Array.isArray(c.value)) return c.value.join(', ');
  return c.value === undefined || c.value === null ? '' : String(c.value);
}

/** Back from text: numbers for ordering operators, a list for `in`, booleans and numbers kept as they were typed. */
export function parseValue(op: string, text: string, before?: unknown): unknown {
  const t = text.trim();
  switch (op) {
    case 'exists': return true;
    case 'in': return t.split(',').map((x) => x.trim()).filter(Boolean);
    case 'gt': case 'gte': case 'lt': case 'lte': return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : t;
    case 'eq': case 'neq':
      if (t === 'true' || t === 'false') return t === 'true';
      if (typeof before === 'number' && /^-?\d+(\.\d+)?$/.test(t)) return Number(t);
      return text;
    default: return text;
  }
}

export function eventsText(m: Matcher): string {
  return m.event === undefined ? '' : Array.isArray(m.event) ? m.event.join(', ') : m.event;
}

/** "A, B" → ["A", "B"]; one name stays a string; none removes the field. */
export function withEvents(m: Matcher, text: string): Matcher {
  const names = text.split(',').map((x) => x.trim()).filter(Boolean);
  const { event: _drop, ...rest } = m;
  if (names.length === 0) return rest;
  return { ...rest, event: names.length === 1 ? names[0] : names };
}

/** Immutable move of item `from` to `to` in a list. */
export function move<T>(list: T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length) return list;
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
}
