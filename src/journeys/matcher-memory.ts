import type { TouchEvent } from '../ingest/event.ts';
import { asList, type Condition, type Matcher } from './matcher.ts';
import { eventValue, numberOf, resolveProperty, textOf, type PropertyRef } from './property.ts';

/**
 * Matchers evaluated in memory over a `TouchEvent` — the reference the SQL compiler (matcher-sql.ts)
 * is tested against, and what live rules and the in-memory funnel use. Semantics are documented on
 * matcher.ts. Inputs must have passed `MatcherSchema`/`ConditionSchema`.
 */
export type EventPredicate = (e: TouchEvent) => boolean;

/** Compiles a matcher once into a fast predicate. */
export function compileMatcher(m: Matcher): EventPredicate {
  const events = setOf(asList(m.event));
  const types = setOf(asList(m.type));
  const channels = setOf(asList(m.channel));
  const where = (m.where ?? []).map(compileCondition);
  return (e) => (!events || events.has(e.event)) &&
    (!types || types.has(e.type)) &&
    (!channels || channels.has(e.channel)) &&
    where.every((holds) => holds(e));
}

/** Whether one event matches (compiles every call: use `compileMatcher` in loops). */
export function matchesEvent(m: Matcher, e: TouchEvent): boolean {
  return compileMatcher(m)(e);
}

/** A condition over events. */
export function compileCondition(c: Condition): EventPredicate {
  const ref = propertyRef(c.property);
  const test = valueTest(c, ref.kind === 'timestamp');
  return (e) => test(eventValue(e, ref));
}

/**
 * A condition as a test of the property's raw value (null when absent): the one place the operator
 * semantics live in memory, shared by event matchers and persona trait conditions.
 * `isTime`: the value is epoch ms and the condition's value an ISO date.
 */
export function valueTest(c: Condition, isTime = false): (v: unknown) => boolean {
  switch (c.op) {
    case 'eq':
    case 'neq': {
      const want = c.value;
      const eq = typeof want === 'number' ? (v: unknown) => numberOf(v) === want : (v: unknown) => textOf(v) === String(want);
      return c.op === 'eq' ? eq : (v) => !eq(v);
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const bound = typeof c.value === 'number' ? c.value : Date.parse(c.value);
      const cmp = COMPARE[c.op];
      return (v) => {
        const n = isTime ? (typeof v === 'number' ? v : null) : numberOf(v);
        return n !== null && cmp(n, bound);
      };
    }
    case 'contains': {
      const needle = c.value;
      return (v) => textOf(v)?.includes(needle) ?? false;
    }
    case 'starts_with': {
      const prefix = c.value;
      return (v) => textOf(v)?.startsWith(prefix) ?? false;
    }
    case 'in': {
      const list = c.value as readonly (string | number)[];
      if (typeof list[0] === 'number') {
        const nums = new Set(list as readonly number[]);
        return (v) => { const n = numberOf(v); return n !== null && nums.has(n); };
      }
      const texts = new Set(list as readonly string[]);
      return (v) => { const t = textOf(v); return t !== null && texts.has(t); };
    }
    case 'exists': {
      const present = c.value ?? true;
      return (v) => (v !== null && v !== undefined) === present;
    }
  }
}

const COMPARE: Record<'gt' | 'gte' | 'lt' | 'lte', (a: number, b: number) => boolean> = {
  gt: (a, b) => a > b, gte: (a, b) => a >= b, lt: (a, b) => a < b, lte: (a, b) => a <= b,
};

/** The resolved property of a validated condition (throws on a name validation would have refused). */
export function propertyRef(name: string): PropertyRef {
  const ref = resolveProperty(name);
  if ('error' in ref) throw new Error(ref.error);
  return ref;
}

function setOf<T>(list: readonly T[] | undefined): Set<T> | undefined {
  return list ? new Set(list) : undefined;
}
