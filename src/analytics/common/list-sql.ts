import { dialectFn, join, raw, sql, type Dialect, type Sql } from '../../storage/sql.ts';

/**
 * Array ("list") functions for per-customer sequence queries, spelled for DuckDB and ClickHouse —
 * the engines that hold events (PostgreSQL holds state tables only, so these never run there).
 * Lists are 1-based in both. Lambdas take a parameter name from this file, never from input.
 */
type Param = 'li' | 'lj' | 'lv' | 'la' | 'lx';

function engine(d: Dialect, name: string): 'duckdb' | 'clickhouse' {
  if (d.name === 'postgres') throw new Error(`${name}: event sequences are not queried on PostgreSQL`);
  return d.name;
}

const fn = (name: string, duck: (...a: Sql[]) => Sql, ch: (...a: Sql[]) => Sql) =>
  (...args: Sql[]): Sql => dialectFn((d) => (engine(d, name) === 'duckdb' ? duck(...args) : ch(...args)));

/** The values of a group as a list, in no particular order. */
export const listAgg = fn('listAgg', (x) => sql`list(${x})`, (x) => sql`groupArray(${x})`);
/** The values of a group as a list ordered by `key`. */
export const listAggOrdered = fn('listAggOrdered',
  (x, key) => sql`list(${x} ORDER BY ${key})`,
  (x, key) => sql`arrayMap(p -> p.2, arraySort(groupArray((${key}, ${x}))))`);
export const listSort = fn('listSort', (l) => sql`list_sort(${l})`, (l) => sql`arraySort(${l})`);
export const listLen = fn('listLen', (l) => sql`len(${l})`, (l) => sql`length(${l})`);
/** Elements `from`..`to` (1-based, inclusive; empty when to < from). */
export const listSlice = fn('listSlice',
  (l, from, to) => sql`${l}[${from}:${to}]`,
  (l, from, to) => sql`arraySlice(${l}, ${from}, greatest(${to} - ${from} + 1, 0))`);
/** 1-based position of the first `x`, 0 when absent. */
export const listIndexOf = fn('listIndexOf', (l, x) => sql`coalesce(list_position(${l}, ${x}), 0)`, (l, x) => sql`indexOf(${l}, ${x})`);
export const listContains = fn('listContains', (l, x) => sql`list_contains(${l}, ${x})`, (l, x) => sql`has(${l}, ${x})`);
/** The first element, 0 when the list is empty (for lists of positive integers). */
export const listFirstOr0 = fn('listFirstOr0', (l) => sql`coalesce(${l}[1], 0)`, (l) => sql`if(empty(${l}), 0, ${l}[1])`);
/** The largest element, 0 when the list is empty (for lists of positive integers). */
export const listMaxOr0 = fn('listMaxOr0', (l) => sql`coalesce(list_max(${l}), 0)`, (l) => sql`if(empty(${l}), 0, arrayMax(${l}))`);
/** One output row per element (in a SELECT list). */
export const listUnnest = fn('listUnnest', (l) => sql`unnest(${l})`, (l) => sql`arrayJoin(${l})`);
/** [a, a+1, …, b]. */
export const listRange = fn('listRange', (a, b) => sql`range(${a}, ${b} + 1)`, (a, b) => sql`range(${a}, ${b} + 1)`);
/** Integer division of non-negative integers. */
export const intDiv = fn('intDiv', (a, b) => sql`(${a} // ${b})`, (a, b) => sql`intDiv(${a}, ${b})`);

/** The element at a 1-based position (NULL when out of range). */
export const listAt = fn('listAt', (l, i) => sql`${l}[${i}]`, (l, i) => sql`if(${i} BETWEEN 1 AND length(${l}), ${l}[${i}], NULL)`);
/** 1-based position of the first `x`, NULL when absent. */
export const listPositionOrNull = fn('listPositionOrNull', (l, x) => sql`list_position(${l}, ${x})`, (l, x) => sql`nullIf(indexOf(${l}, ${x}), 0)`);
/** The lists concatenated. */
export const listConcat = (...lists: Sql[]): Sql => dialectFn((d) => (engine(d, 'listConcat') === 'duckdb'
  ? sql`flatten([${join(lists)}])` : sql`arrayConcat(${join(lists)})`));
/** The smallest / largest element (NULL when empty); records compare field by field. */
export const listMin = fn('listMin', (l) => sql`list_min(${l})`, (l) => sql`if(empty(${l}), NULL, arrayMin(${l}))`);
export const listMax = fn('listMax', (l) => sql`list_max(${l})`, (l) => sql`if(empty(${l}), NULL, arrayMax(${l}))`);

/** `f(p)` applied to every element. */
export function listMap(l: Sql, p: Param, body: Sql): Sql {
  return dialectFn((d) => (engine(d, 'listMap') === 'duckdb' ? sql`list_transform(${l}, lambda ${raw(p)}: ${body})` : sql`arrayMap(${raw(p)} -> ${body}, ${l})`));
}

/** `f(v, i)` applied to every element `v` at 1-based position `i`. */
export function listMapIndexed(l: Sql, v: Param, i: Param, body: Sql): Sql {
  return dialectFn((d) => (engine(d, 'listMapIndexed') === 'duckdb'
    ? sql`list_transform(${l}, lambda ${raw(v)}, ${raw(i)}: ${body})`
    : sql`arrayMap((${raw(v)}, ${raw(i)}) -> ${body}, ${l}, arrayEnumerate(${l}))`));
}

/** The elements `v` (at 1-based position `i`) for which `cond(v, i)` holds. */
export function listFilterIndexed(l: Sql, v: Param, i: Param, cond: Sql): Sql {
  return dialectFn((d) => (engine(d, 'listFilterIndexed') === 'duckdb'
    ? sql`list_filter(${l}, lambda ${raw(v)}, ${raw(i)}: ${cond})`
    : sql`arrayFilter((${raw(v)}, ${raw(i)}) -> ${cond}, ${l}, arrayEnumerate(${l}))`));
}

/** The elements for which `cond(p)` holds. */
export function listFilter(l: Sql, p: Param, cond: Sql): Sql {
  return dialectFn((d) => (engine(d, 'listFilter') === 'duckdb' ? sql`list_filter(${l}, lambda ${raw(p)}: ${cond})` : sql`arrayFilter(${raw(p)} -> ${cond}, ${l})`));
}
