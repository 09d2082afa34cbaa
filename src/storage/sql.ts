/**
 * A tiny SQL builder: queries are written once as `sql` fragments with bound values and compiled per
 * dialect (DuckDB `$n`, PostgreSQL `$n`, ClickHouse `{pn:Type}`). Identifiers never come from input:
 * `ident()` only accepts names from closed lists checked by the caller's types.
 */
export type SqlValue = string | number | bigint | boolean | null | Date | readonly string[] | readonly number[];

type Part = { kind: 'text'; text: string } | { kind: 'value'; value: SqlValue } | { kind: 'fn'; build: (d: Dialect) => Sql };

export class Sql {
  constructor(readonly parts: readonly Part[]) {}

  compile(dialect: Dialect): { text: string; values: SqlValue[] } {
    const values: SqlValue[] = [];
    const text = this.render(dialect, values);
    return { text, values };
  }

  private render(dialect: Dialect, values: SqlValue[]): string {
    let out = '';
    for (const p of this.parts) {
      if (p.kind === 'text') out += p.text;
      else if (p.kind === 'value') {
        values.push(p.value);
        out += dialect.placeholder(values.length, p.value);
      } else out += p.build(dialect).render(dialect, values);
    }
    return out;
  }
}

function toPart(v: unknown): Part[] {
  if (v instanceof Sql) return [{ kind: 'fn', build: () => v }];
  return [{ kind: 'value', value: v as SqlValue }];
}

/** Tagged template: interpolated values become bound parameters; interpolated `Sql` is inlined. */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): Sql {
  const parts: Part[] = [];
  strings.forEach((s, i) => {
    parts.push({ kind: 'text', text: s });
    if (i < values.length) parts.push(...toPart(values[i]));
  });
  return new Sql(parts);
}

/** Raw SQL text: only for constants written in this codebase, never for input. */
export function raw(text: string): Sql {
  return new Sql([{ kind: 'text', text }]);
}

const IDENT = /^[a-z_][a-z0-9_]*$/i;
/** A column or table name from a closed list; throws on anything else. */
export function ident(name: string): Sql {
  if (!IDENT.test(name)) throw new Error(`invalid identifier: ${name}`);
  return raw(`"${name}"`);
}

export function join(items: readonly Sql[], separator = ', '): Sql {
  const parts: Part[] = [];
  items.forEach((item, i) => {
    if (i > 0) parts.push({ kind: 'text', text: separator });
    parts.push({ kind: 'fn', build: () => item });
  });
  return new Sql(parts);
}

/** A fragment whose text depends on the dialect (JSON access, time functions…). */
export function dialectFn(build: (d: Dialect) => Sql): Sql {
  return new Sql([{ kind: 'fn', build }]);
}

export interface Dialect {
  readonly name: 'duckdb' | 'clickhouse' | 'postgres';
  placeholder(index: number, value: SqlValue): string;
  /** String value at a JSON path inside a JSON column, NULL when absent. */
  jsonText(column: Sql, path: readonly string[]): Sql;
  /** Numeric value at a JSON path, NULL when absent or not a number. */
  jsonNumber(column: Sql, path: readonly string[]): Sql;
  /** Seconds between two timestamps (b - a) as a double. */
  secondsBetween(a: Sql, b: Sql): Sql;
  /** Timestamp truncated to a unit. */
  truncate(unit: 'hour' | 'day' | 'week' | 'month', ts: Sql): Sql;
  /** Epoch milliseconds of a timestamp as an integer. */
  epochMs(ts: Sql): Sql;
}

/** JSON path `$.a.b` with each key quoted, so keys with dots or spaces stay one key. */
export function jsonPath(path: readonly string[]): string {
  return '$' + path.map((k) => `."${k.replace(/["\\]/g, '')}"`).join('');
}

export const duckdb: Dialect = {
  name: 'duckdb',
  placeholder: (i) => `$${i}`,
  jsonText: (col, path) => sql`json_extract_string(${col}, ${jsonPath(path)})`,
  jsonNumber: (col, path) => sql`TRY_CAST(json_extract_string(${col}, ${jsonPath(path)}) AS DOUBLE)`,
  secondsBetween: (a, b) => sql`(epoch_us(${b}) - epoch_us(${a})) / 1e6`,
  truncate: (unit, ts) => sql`date_trunc(${raw(`'${unit}'`)}, ${ts})`,
  epochMs: (ts) => sql`epoch_ms(${ts})`,
};

export const postgres: Dialect = {
  name: 'postgres',
  placeholder: (i) => `$${i}`,
  jsonText: (col, path) => sql`(${col}::jsonb #>> ${raw(`'{${path.map((p) => `"${p.replace(/["\\'{}]/g, '')}"`).join(',')}}'`)})`,
  jsonNumber: (col, path) =>
    sql`(CASE WHEN jsonb_typeof(${col}::jsonb #> ${raw(`'{${path.map((p) => `"${p.replace(/["\\'{}]/g, '')}"`).join(',')}}'`)}) = 'number' THEN (${col}::jsonb #>> ${raw(`'{${path.map((p) => `"${p.replace(/["\\'{}]/g, '')}"`).join(',')}}'`)})::double precision END)`,
  secondsBetween: (a, b) => sql`EXTRACT(EPOCH FROM (${b} - ${a}))`,
  truncate: (unit, ts) => sql`date_trunc(${raw(`'${unit}'`)}, ${ts})`,
  epochMs: (ts) => sql`(EXTRACT(EPOCH FROM ${ts}) * 1000)::bigint`,
};

function chType(v: SqlValue): string {
  if (typeof v === 'number') return Number.isInteger(v) ? 'Int64' : 'Float64';
  if (typeof v === 'bigint') return 'Int64';
  if (typeof v === 'boolean') return 'Bool';
  if (v instanceof Date) return 'DateTime64(3)';
  if (Array.isArray(v)) return typeof v[0] === 'number' ? 'Array(Float64)' : 'Array(String)';
  if (v === null) return 'Nullable(String)';
  return 'String';
}

export const clickhouse: Dialect = {
  name: 'clickhouse',
  placeholder: (i, v) => `{p${i}:${chType(v)}}`,
  jsonText: (col, path) => sql`JSONExtract(${col}, ${join(path.map((p) => sql`${p}`))}, 'Nullable(String)')`,
  jsonNumber: (col, path) => sql`JSONExtract(${col}, ${join(path.map((p) => sql`${p}`))}, 'Nullable(Float64)')`,
  secondsBetween: (a, b) => sql`(toUnixTimestamp64Micro(${b}) - toUnixTimestamp64Micro(${a})) / 1e6`,
  truncate: (unit, ts) => sql`toStartOfInterval(${ts}, INTERVAL 1 ${raw(unit.toUpperCase())})`,
  epochMs: (ts) => sql`toUnixTimestamp64Milli(${ts})`,
};
