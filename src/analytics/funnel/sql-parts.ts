import { dialectFn, join, raw, sql, type Sql } from '../../storage/sql.ts';

/**
 * The few SQL spellings the funnel needs that differ between dialects, so the funnel query itself
 * is written once. DuckDB is the tested target; ClickHouse and PostgreSQL spellings are given for
 * every helper so the same description compiles there.
 */

/** Integer constant written in this codebase (step bits, indexes): inlined, never input. */
export const int = (n: number): Sql => {
  if (!Number.isSafeInteger(n)) throw new Error(`not an integer constant: ${n}`);
  return raw(String(n));
};

/** Column name built from a constant prefix and an index: `t3`, `f0`. */
export const col = (prefix: string, i: number | string): Sql => raw(`${prefix}${i}`);

/** `expr & bit <> 0`: whether an event's step mask has step `j`. */
export const hasStep = (mask: Sql, j: number): Sql =>
  dialectFn((d) => (d.name === 'clickhouse' ? sql`bitAnd(${mask}, ${int(2 ** j)}) <> 0` : sql`(${mask} & ${int(2 ** j)}) <> 0`));

/** Whether a mask has more than one step: `m & (m - 1) <> 0`. */
export const manySteps = (mask: Sql): Sql =>
  dialectFn((d) => (d.name === 'clickhouse' ? sql`bitAnd(${mask}, ${mask} - 1) <> 0` : sql`(${mask} & (${mask} - 1)) <> 0`));

/** `fn(args) FILTER (WHERE cond)`, ClickHouse `fnIf(args, cond)`. */
export function aggIf(fn: 'min' | 'max' | 'sum' | 'count' | 'arg_min', args: Sql | null, cond: Sql): Sql {
  return dialectFn((d) => {
    if (d.name === 'clickhouse') {
      if (fn === 'count') return sql`countIf(${cond})`;
      return sql`${raw(fn === 'arg_min' ? 'argMin' : fn)}If(${args}, ${cond})`;
    }
    if (d.name === 'postgres' && fn === 'arg_min') throw new Error('arg_min has no PostgreSQL spelling');
    return sql`${raw(fn)}(${args ?? raw('*')}) FILTER (WHERE ${cond})`;
  });
}

/** Median interpolated between the two middle values. */
export function median(x: Sql): Sql {
  return dialectFn((d) => {
    switch (d.name) {
      case 'duckdb': return sql`quantile_cont(${x}, 0.5)`;
      case 'clickhouse': return sql`quantileExactInclusive(0.5)(${x})`;
      case 'postgres': return sql`percentile_cont(0.5) WITHIN GROUP (ORDER BY ${x})`;
    }
  });
}

/** 1 when the condition holds, else 0. */
export const oneIf = (cond: Sql): Sql => sql`(CASE WHEN ${cond} THEN 1 ELSE 0 END)`;

/**
 * A record compared field by field (`min`/`max` over it pick a whole row by its leading fields):
 * DuckDB `struct_pack`, ClickHouse `tuple`, PostgreSQL `ROW`.
 */
export function record(fields: readonly (readonly [string, Sql])[]): Sql {
  return dialectFn((d) => {
    if (d.name === 'duckdb') return sql`struct_pack(${join(fields.map(([n, v]) => sql`${raw(n)} := ${v}`))})`;
    if (d.name === 'clickhouse') return sql`tuple(${join(fields.map(([, v]) => v))})`;
    return sql`ROW(${join(fields.map(([, v]) => v))})`;
  });
}

/** A field of a `record`, by name (position for dialects without named fields). */
export function field(rec: Sql, names: readonly string[], name: string): Sql {
  const i = names.indexOf(name);
  if (i < 0) throw new Error(`no field ${name}`);
  return dialectFn((d) => {
    if (d.name === 'duckdb') return sql`struct_extract(${rec}, ${raw(`'${name}'`)})`;
    if (d.name === 'clickhouse') return sql`tupleElement(${rec}, ${int(i + 1)})`;
    return sql`(${rec}).f${int(i + 1)}`;
  });
}

/** A list sorted ascending with NULLs at the end. */
export const sortedNullsLast = (items: readonly Sql[]): Sql =>
  dialectFn((d) => (d.name === 'clickhouse' ? sql`arraySort([${join(items)}])` : sql`list_sort([${join(items)}], 'ASC', 'NULLS LAST')`));

/** `name AS MATERIALIZED (…)` where the dialect can be told to compute a CTE once. */
export const cte = (name: string, body: Sql, materialized = false): Sql =>
  dialectFn((d) => (materialized && d.name === 'duckdb' ? sql`${raw(name)} AS MATERIALIZED (${body})` : sql`${raw(name)} AS (${body})`));

/** Equality where NULL equals NULL (join keys that may be NULL). */
export const sameValue = (a: Sql, b: Sql): Sql =>
  dialectFn((d) => (d.name === 'clickhouse' ? sql`isNotDistinctFrom(${a}, ${b})` : sql`${a} IS NOT DISTINCT FROM ${b}`));
