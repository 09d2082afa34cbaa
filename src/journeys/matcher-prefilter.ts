import { ident, join, sql, type Sql } from '../storage/sql.ts';
import type { Condition, Matcher } from './matcher.ts';
import { matcherSql, type MatcherSqlOptions } from './matcher-sql.ts';
import { resolveProperty } from './property.ts';

/**
 * A cheap necessary condition for a matcher, to put in front of it: `(prefilter AND matcher)` holds
 * exactly when the matcher does, but rows failing the prefilter never reach the JSON parsing of the
 * matcher's conditions. Measured on 10 M events with the 5-stage template, parsing `properties` /
 * `context` of every page view several times was half the cost of assigning touchpoints.
 *
 * A condition `eq` / `starts_with` / `contains` / `in` on a JSON property with a string value can
 * only hold when the raw JSON text of the column contains that string — quoted for equality
 * (`"/"`), after its opening quote for a prefix (`"/blog/`). That is true for stored
 * JSON that writes such strings verbatim, which every writer here does (ingest stores
 * `JSON.stringify` output; DuckDB's JSON functions write UTF-8 and `/` unescaped). So it is only used
 * for values that JSON never escapes and whose text cannot differ from the raw token: printable ASCII
 * without `"` or `\`, and not numeric (a JSON number's text may be normalised, `49.990` → `49.99`).
 * Any other condition gets no prefilter (it is then just the matcher).
 */
const SAFE = /^[\x20-\x7e]+$/;
const NUMERIC = /^[ \t\n\r]*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[ \t\n\r]*$/;

function safe(v: unknown): v is string {
  return typeof v === 'string' && SAFE.test(v) && !v.includes('"') && !v.includes('\\') && !NUMERIC.test(v);
}

const LITERALS = ['true', 'false', 'null'];

/**
 * Whether `v` could also be (a prefix of) the text of a JSON value that is not a string — a number,
 * `true`/`false`/`null`, an array or object — which appears unquoted in the raw text.
 */
function couldBeUnquoted(op: Condition['op'], v: string): boolean {
  if ('[{'.includes(v[0])) return true;
  if (op === 'starts_with') return '+-.0123456789'.includes(v[0]) || LITERALS.some((l) => l.startsWith(v));
  return LITERALS.includes(v);
}

/**
 * The text that must appear: an equal string value appears quoted (`"/"`), a prefix after its
 * opening quote (`"/blog/`), a substring anywhere — unquoted whenever the value could be the text of
 * a non-string JSON value.
 */
function needle(op: Condition['op'], v: string): string {
  if (op === 'contains' || couldBeUnquoted(op, v)) return v;
  return op === 'starts_with' ? `"${v}` : `"${v}"`;
}

function conditionPrefilter(c: Condition): Sql | null {
  const values = c.op === 'eq' || c.op === 'starts_with' || c.op === 'contains' ? [c.value] : c.op === 'in' ? [...(c.value as readonly unknown[])] : null;
  if (!values || !values.every(safe)) return null;
  const ref = resolveProperty(c.property);
  if ('error' in ref || ref.kind !== 'json') return null;
  const columns = [...new Set(ref.sources.map((s) => s.column))];
  const tests = columns.flatMap((col) => (values as string[]).map((v) => sql`position(${needle(c.op, v)} IN ${ident(col)}) > 0`));
  return tests.length === 1 ? tests[0] : sql`(${join(tests, ' OR ')})`;
}

/** The prefilter of a matcher, or null when none of its conditions has one. */
export function matcherPrefilter(m: Matcher): Sql | null {
  const parts = (m.where ?? []).map(conditionPrefilter).filter((p): p is Sql => p !== null);
  if (parts.length === 0) return null;
  return parts.length === 1 ? parts[0] : sql`(${join(parts, ' AND ')})`;
}

/** The matcher's column tests (event, type, channel), or null when it has none. */
export function columnTestsSql(m: Matcher): Sql | null {
  return m.event !== undefined || m.type !== undefined || m.channel !== undefined
    ? matcherSql({ event: m.event, type: m.type, channel: m.channel }) : null;
}

/**
 * `matcherSql` guarded by the matcher's prefilter: the same answer, with JSON read only by rows that
 * pass the cheap tests. The prefilter reads the stored JSON text, so only when columns are the stored
 * ones; it goes after the matcher's column tests (repeated in front), so only rows passing those scan text.
 */
export function prefilteredMatcherSql(m: Matcher, options: MatcherSqlOptions = {}): Sql {
  const match = matcherSql(m, options);
  const pre = options.column ? null : matcherPrefilter(m);
  if (!pre) return match;
  const cheap = columnTestsSql(m);
  return sql`(${cheap ? sql`${cheap} AND ` : sql``}${pre} AND ${match})`;
}
