import type { DuckDBConnection } from '@duckdb/node-api';
import { duckdb, type Sql } from '../sql.ts';
import { plainRows, toDuckDB } from './values.ts';

/** Runs one statement on a connection, every value bound with its DuckDB type; rows as plain objects. */
export async function runQuery(conn: DuckDBConnection, q: Sql): Promise<Record<string, unknown>[]> {
  const { text, values } = q.compile(duckdb);
  const bound = values.map(toDuckDB);
  const reader = await conn.runAndReadAll(text, bound.map((b) => b.value), bound.map((b) => b.type));
  return plainRows(reader.getRowObjectsJS() as Record<string, unknown>[]);
}
