import { dialectFn, ident, join, raw, sql, type Sql } from '../storage/sql.ts';
import { asList, type Condition, type Matcher } from './matcher.ts';
import { propertyRef } from './matcher-memory.ts';
import type { EventColumn, JsonColumn, PropertyRef } from './property.ts';

/**
 * Matchers compiled to a boolean SQL predicate over the `events` table, with the same semantics as
 * matcher-memory.ts (documented on matcher.ts). Written once with the builder: every value is a bound
 * parameter, JSON access goes through the dialect, columns come from a closed list. The predicate is
 * never NULL (absent properties give FALSE, or TRUE for `neq` / `exists: false`), so it can be negated
 * or used in CASE safely. Inputs must have passed `MatcherSchema`/`ConditionSchema`.
 *
 * @example
 * const where = matcherSql({ event: 'Order Completed', where: [{ property: 'total', op: 'gt', value: 100 }] });
 * await store.query(sql`SELECT count(*) AS n FROM events WHERE workspace_id = ${ws} AND ${where}`);
 */
export type StoredColumn = EventColumn | 'ts' | JsonColumn;

export interface MatcherSqlOptions {
  /** How to reference an events column, e.g. with a table alias: `(c) => sql\`e.${ident(c)}\``. Default: `"c"`. */
  column?: (c: StoredColumn) => Sql;
}

const TRUE = raw('TRUE');
const FALSE = raw('FALSE');

export function matcherSql(m: Matcher, options: MatcherSqlOptions = {}): Sql {
  const col = options.column ?? ident;
  const parts: Sql[] = [];
  const oneOf = (c: EventColumn, list: readonly string[] | undefined) => {
    if (list) parts.push(inList(col(c), list));
  };
  oneOf('event', asList(m.event));
  oneOf('type', asList(m.type));
  oneOf('channel', asList(m.channel));
  for (const c of m.where ?? []) parts.push(conditionSql(c, options));
  if (parts.length === 0) return TRUE;
  return sql`(${join(parts, ' AND ')})`;
}

export function conditionSql(c: Condition, options: MatcherSqlOptions = {}): Sql {
  const col = options.column ?? ident;
  const ref = propertyRef(c.property);
  const text = () => textExpr(ref, col);
  const num = () => numberExpr(ref, col);
  switch (c.op) {
    case 'eq':
      return definite(typeof c.value === 'number' ? sql`${num()} = ${c.value}` : sql`${text()} = ${String(c.value)}`);
    case 'neq':
      return sql`coalesce(${typeof c.value === 'number' ? sql`${num()} <> ${c.value}` : sql`${text()} <> ${String(c.value)}`}, TRUE)`;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const bound = typeof c.value === 'number' ? c.value : new Date(Date.parse(c.value));
      return definite(sql`${num()} ${raw(OPERATOR[c.op])} ${bound}`);
    }
    case 'contains':
      return definite(sql`position(${c.value} IN ${text()}) > 0`);
    case 'starts_with':
      // position() = 1 rather than starts_with()/startsWith(): one spelling for every dialect.
      return definite(sql`position(${c.value} IN ${text()}) = 1`);
    case 'in': {
      const list = c.value as readonly (string | number)[];
      return definite(inList(typeof list[0] === 'number' ? num() : text(), list));
    }
    case 'exists':
      return (c.value ?? true) ? sql`(${text()} IS NOT NULL)` : sql`(${text()} IS NULL)`;
  }
}

const OPERATOR = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

/** Standard `IN (…)` with each value bound: identical on every dialect. */
function inList(expr: Sql, list: readonly (string | number)[]): Sql {
  if (list.length === 0) return FALSE;
  if (list.length === 1) return sql`${expr} = ${list[0]}`;
  return sql`${expr} IN (${join(list.map((v) => sql`${v}`))})`;
}

function definite(predicate: Sql): Sql {
  return sql`coalesce(${predicate}, ${FALSE})`;
}

/** The property as text (NULL when absent); page shorthands take the first source present. */
function textExpr(ref: PropertyRef, col: (c: StoredColumn) => Sql): Sql {
  switch (ref.kind) {
    case 'column': return col(ref.column);
    case 'timestamp': throw new Error('timestamp is only compared with dates');
    case 'json': {
      const texts = ref.sources.map((s) => dialectFn((d) => d.jsonText(col(s.column), s.path)));
      return texts.length === 1 ? texts[0] : sql`coalesce(${join(texts)})`;
    }
  }
}

/** The property as a number (NULL when absent or not numeric), from the first source present. */
function numberExpr(ref: PropertyRef, col: (c: StoredColumn) => Sql): Sql {
  switch (ref.kind) {
    case 'column': throw new Error(`${ref.column} is text and cannot be compared as a number`);
    case 'timestamp': return col('ts');
    case 'json': {
      const [last, ...earlier] = [...ref.sources].reverse();
      let expr = dialectFn((d) => d.jsonNumber(col(last.column), last.path));
      for (const s of earlier) {
        expr = sql`CASE WHEN ${dialectFn((d) => d.jsonText(col(s.column), s.path))} IS NOT NULL THEN ${dialectFn((d) => d.jsonNumber(col(s.column), s.path))} ELSE ${expr} END`;
      }
      return expr;
    }
  }
}
