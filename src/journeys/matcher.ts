import { z } from 'zod';
import { CHANNELS, DEVICES, EVENT_TYPES, type Channel } from '../ingest/event.ts';
import { PROPERTY_PATTERN, TRAIT_PATTERN, resolveProperty, type EventColumn } from './property.ts';

/**
 * Matchers: which events a touchpoint (or a funnel step) stands for. A matcher is a conjunction:
 * every field given must hold. Condition semantics, identical in SQL (matcher-sql.ts) and in memory
 * (matcher-memory.ts):
 *
 * | op | value | holds when |
 * | --- | --- | --- |
 * | `eq` / `neq` | string, number or boolean | text (or, for a number value, numeric) equality; `neq` also holds when the property is absent |
 * | `gt` `gte` `lt` `lte` | number; ISO date for `timestamp` | the property is a number (or numeric string) in range |
 * | `contains` / `starts_with` | non-empty string | the property's text contains / starts with it (case-sensitive) |
 * | `in` | list of strings, or list of numbers | the property equals one of them |
 * | `exists` | optional boolean (default true) | the property is present and not null (`false`: absent or null) |
 *
 * Absent properties never match, except for `neq` and `exists: false`. "Text" and "number" are as
 * property.ts defines them (`textOf`, `numberOf`): a number is a JSON number or a string holding a
 * decimal number (`"49.99"`), so `total gt 40` works whether clients send numbers or strings.
 * Property names are resolved by `resolveProperty` (columns, page shorthands, JSON paths).
 */
export const EQUALITY_OPS = ['eq', 'neq'] as const;
export const ORDER_OPS = ['gt', 'gte', 'lt', 'lte'] as const;
export const TEXT_OPS = ['contains', 'starts_with'] as const;
export const OPS = [...EQUALITY_OPS, ...ORDER_OPS, ...TEXT_OPS, 'in', 'exists'] as const;
export type Op = (typeof OPS)[number];

/** `2024-05-01`, or a time with an explicit zone (`Z` or `+02:00`) so it means the same everywhere. */
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;

const Property = z.string()
  .regex(PROPERTY_PATTERN, { error: 'must be a property name such as "properties.total", "path" or "context.page.path"' })
  .describe('Event column (event, type, name, channel, device, source, timestamp), page shorthand (path, url, referrer, title, search: properties.x falling back to context.page.x), or a JSON value: properties.x, traits.x, context.x; a bare name means properties.<name>.');

const TraitProperty = z.string()
  .regex(TRAIT_PATTERN, { error: 'persona conditions test customer traits: write "traits.<name>", e.g. "traits.persona"' })
  .describe('A customer trait: traits.<name>.');

function conditionOptions(property: z.ZodString) {
  return [
    z.strictObject({ property, op: z.enum(EQUALITY_OPS), value: z.union([z.string(), z.number(), z.boolean()]) }),
    z.strictObject({
      property,
      op: z.enum(ORDER_OPS),
      value: z.union([z.number(), z.string().regex(ISO_DATE, { error: 'must be a number, or an ISO date such as "2024-05-01" or "2024-05-01T12:00:00Z" (dates only for timestamp)' })]),
    }),
    z.strictObject({ property, op: z.enum(TEXT_OPS), value: z.string().min(1, { error: 'must not be empty' }).max(500) }),
    z.strictObject({
      property,
      op: z.literal('in'),
      value: z.union([z.array(z.string()).min(1).max(1000), z.array(z.number()).min(1).max(1000)])
        .describe('A non-empty list of strings, or of numbers.'),
    }),
    z.strictObject({ property, op: z.literal('exists'), value: z.boolean().optional().describe('false: the property is absent or null.') }),
  ] as const;
}
const ConditionOptions = conditionOptions(Property);

const CLOSED_VALUES: Partial<Record<EventColumn, readonly string[]>> = { channel: CHANNELS, type: EVENT_TYPES, device: DEVICES };

type RawCondition = z.infer<(typeof ConditionOptions)[number]>;

/** Checks that depend on what the property is: ops and values that make sense for it. */
function checkCondition(c: RawCondition, ctx: z.core.$RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message, input: c });
  const ref = resolveProperty(c.property);
  if ('error' in ref) return issue(['property'], ref.error);
  const ordering = (ORDER_OPS as readonly string[]).includes(c.op);
  switch (ref.kind) {
    case 'timestamp':
      if (!ordering) return issue(['op'], 'timestamp (the event time) can only be compared with gt, gte, lt or lte');
      if (typeof c.value !== 'string') return issue(['value'], 'timestamp is compared with an ISO date such as "2024-05-01" or "2024-05-01T12:00:00Z"');
      if (ISO_DATE.test(c.value) && Number.isNaN(Date.parse(c.value))) return issue(['value'], `"${c.value}" is not a valid date`);
      return;
    case 'column': {
      if (ordering) return issue(['op'], `${c.property} is text: use eq, neq, in, contains, starts_with or exists`);
      const values = c.op === 'in' ? (c.value as readonly (string | number)[]) : c.op === 'eq' || c.op === 'neq' ? [c.value] : [];
      const allowed = CLOSED_VALUES[ref.column];
      values.forEach((v, i) => {
        const path = c.op === 'in' ? ['value', i] : ['value'];
        if (typeof v !== 'string') issue(path, `${c.property} is text: compare it with a string`);
        else if (allowed && !allowed.includes(v)) issue(path, `"${v}" is not a ${ref.column}; expected one of ${allowed.join(', ')}`);
      });
      return;
    }
    case 'json':
      // Non-date strings already fail the value's format; only a well-formed date needs this hint.
      if (ordering && typeof c.value === 'string' && ISO_DATE.test(c.value)) {
        return issue(['value'], `${c.property} is compared as a number: use a number (dates can be compared only on "timestamp")`);
      }
  }
}

/** A property predicate on events: `{ property: "path", op: "starts_with", value: "/checkout" }`. */
export const ConditionSchema = z.discriminatedUnion('op', ConditionOptions)
  .superRefine(checkCondition)
  .meta({ id: 'Condition', description: 'A predicate on one event property.' });
export type Condition = z.infer<typeof ConditionSchema>;

/** The same predicate over customer traits (persona rules): property must be `traits.<key>`. */
export const TraitConditionSchema = z.discriminatedUnion('op', conditionOptions(TraitProperty))
  .superRefine(checkCondition)
  .meta({ id: 'TraitCondition', description: 'A predicate on one customer trait, e.g. {property: "traits.persona", op: "eq", value: "Beginner"}.' });

/** One value or a non-empty list of them. */
function oneOrMany<T extends z.ZodType>(item: T) {
  return z.union([item, z.array(item).min(1).max(100)]);
}

export const EventNameSchema = z.string().min(1, { error: 'must not be empty' }).max(200);

export const MatcherSchema = z.strictObject({
  event: oneOrMany(EventNameSchema).optional().describe('Event name(s), e.g. "Order Completed"; page calls are "Page Viewed", screens "Screen Viewed".'),
  type: oneOrMany(z.enum(EVENT_TYPES)).optional().describe('Call type(s): track, page, screen, identify, group, alias.'),
  channel: oneOrMany(z.enum(CHANNELS)).optional().describe('Channel(s) the event came from.'),
  where: z.array(ConditionSchema).max(20).optional().describe('Property predicates; all must hold.'),
}).superRefine((m, ctx) => {
  if (m.event === undefined && m.type === undefined && m.channel === undefined && !m.where?.length) {
    ctx.addIssue({ code: 'custom', message: 'a matcher needs at least one of "event", "type", "channel" or "where"', input: m });
  }
}).meta({ id: 'Matcher', description: 'Which events count: all given fields must hold.' });
export type Matcher = z.infer<typeof MatcherSchema>;

/** `x`, `[x, y]` or nothing, as a list (or undefined when not given). */
export function asList<T>(v: T | readonly T[] | undefined): readonly T[] | undefined {
  if (v === undefined) return undefined;
  return Array.isArray(v) ? (v as readonly T[]) : [v as T];
}

/**
 * The matcher a touchpoint really applies: its `match`, narrowed to the touchpoint's own `channel`
 * when it has one (both apply when both are given).
 */
export function touchpointMatcher(tp: { channel?: Channel | Channel[]; match: Matcher }): Matcher {
  const own = asList(tp.channel);
  if (!own) return tp.match;
  const matched = asList(tp.match.channel);
  return { ...tp.match, channel: matched ? matched.filter((c) => own.includes(c)) : [...own] };
}
