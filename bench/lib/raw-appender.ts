import { DuckDBInstance, DuckDBTimestampValue } from '@duckdb/node-api';
import { DUCKDB_SCHEMA } from '../../src/storage/duckdb/schema.ts';
import type { RawRow } from './events.ts';

const ts = (ms: number) => new DuckDBTimestampValue(BigInt(Math.round(ms)) * 1000n);

/**
 * The baseline: the same rows appended to the same `events` table in a fresh file with DuckDB's
 * appender (the calls ingest-commit.ts makes), in one transaction, committed. Rows are built before the
 * clock starts; the time covers appending, closing the appender and COMMIT (WAL synced).
 */
export async function rawAppend(path: string, rows: readonly RawRow[]): Promise<{ ms: number; cpuMs: number; duckdb: string }> {
  const instance = await DuckDBInstance.create(path);
  const conn = await instance.connect();
  for (const ddl of DUCKDB_SCHEMA) await conn.run(ddl);
  const version = (await conn.runAndReadAll('SELECT version() AS v')).getRowObjectsJS()[0].v as string;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await conn.run('BEGIN TRANSACTION');
  const a = await conn.createAppender('events');
  const str = (v: string | null) => (v === null ? a.appendNull() : a.appendVarchar(v));
  for (const r of rows) {
    a.appendVarchar(r[0]); a.appendVarchar(r[1]); a.appendVarchar(r[2]); a.appendVarchar(r[3]); str(r[4]);
    a.appendVarchar(r[5]); str(r[6]); str(r[7]); a.appendNull(); a.appendNull(); a.appendVarchar(r[10]); str(r[11]);
    str(r[12]); a.appendTimestamp(ts(r[13])); a.appendTimestamp(ts(r[14])); a.appendVarchar(r[15]); str(r[16]);
    a.appendVarchar(r[17]);
    a.endRow();
  }
  a.closeSync();
  await conn.run('COMMIT');
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const count = Number((await conn.runAndReadAll('SELECT count(*) AS n FROM events')).getRowObjectsJS()[0].n);
  if (count !== rows.length) throw new Error(`raw appender stored ${count} rows, expected ${rows.length}`);
  conn.closeSync();
  instance.closeSync();
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, duckdb: version };
}
