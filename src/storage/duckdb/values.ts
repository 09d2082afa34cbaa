import {
  BIGINT, BOOLEAN, DOUBLE, DuckDBTimestampValue, LIST, SQLNULL, TIMESTAMP, VARCHAR,
  listValue, type DuckDBType, type DuckDBValue,
} from '@duckdb/node-api';
import type { SqlValue } from '../sql.ts';

/** Binds a JS value with an explicit DuckDB type (so empty lists and nulls need no guessing). */
export function toDuckDB(v: SqlValue): { value: DuckDBValue; type: DuckDBType } {
  if (v === null) return { value: null, type: SQLNULL };
  if (v instanceof Date) return { value: new DuckDBTimestampValue(BigInt(v.getTime()) * 1000n), type: TIMESTAMP };
  if (Array.isArray(v)) {
    const numeric = v.length > 0 && typeof v[0] === 'number';
    return { value: listValue(v as DuckDBValue[]), type: LIST(numeric ? DOUBLE : VARCHAR) };
  }
  switch (typeof v) {
    case 'string': return { value: v, type: VARCHAR };
    case 'boolean': return { value: v, type: BOOLEAN };
    case 'bigint': return { value: v, type: BIGINT };
    case 'number': return Number.isInteger(v) && Math.abs(v) < 2 ** 53 ? { value: BigInt(v), type: BIGINT } : { value: v, type: DOUBLE };
    default: throw new Error(`cannot bind value of type ${typeof v}`);
  }
}

/** Result rows with bigint turned into number, so they serialise as JSON. */
export function plainRows(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  for (const row of rows) {
    for (const k in row) {
      const v = row[k];
      if (typeof v === 'bigint') row[k] = Number(v);
    }
  }
  return rows;
}

export function timestampMs(ms: number): DuckDBTimestampValue {
  return new DuckDBTimestampValue(BigInt(Math.round(ms)) * 1000n);
}
