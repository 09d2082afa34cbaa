import { DuckDBInstance, DuckDBTimestampValue } from '@duckdb/node-api';
import { rmSync } from 'node:fs';
import { Traffic, rawRow, type RawRow } from './lib/events.ts';
import { DUCKDB_SCHEMA } from '../src/storage/duckdb/schema.ts';
const N = Number(process.argv[2] ?? 200000);
const tr = new Traffic(1); const rows: RawRow[] = [];
for (let i = 0; i < N; i++) { const { message, customer } = tr.next(); rows.push(rawRow(message, customer.id, Date.now())); }
const ts = (ms: number) => new DuckDBTimestampValue(BigInt(Math.round(ms)) * 1000n);
async function run(label: string, group: number, setup: string[]) {
  const path = `/tmp/scr-g.duckdb`; rmSync(path, { force: true }); rmSync(path + '.wal', { force: true });
  const inst = await DuckDBInstance.create(path); const c = await inst.connect();
  for (const d of DUCKDB_SCHEMA) await c.run(d); for (const s of setup) await c.run(s);
  const cpu0 = process.cpuUsage(); const t0 = performance.now(); let commitMs = 0, appendMs = 0;
  for (let s = 0; s < N; s += group) {
    const ta = performance.now();
    await c.run('BEGIN'); const a = await c.createAppender('events');
    const str = (v: string | null) => (v === null ? a.appendNull() : a.appendVarchar(v));
    for (let i = s; i < Math.min(N, s + group); i++) { const r = rows[i];
      a.appendVarchar(r[0]); a.appendVarchar(r[1]); a.appendVarchar(r[2]); a.appendVarchar(r[3]); str(r[4]);
      a.appendVarchar(r[5]); str(r[6]); str(r[7]); a.appendNull(); a.appendNull(); a.appendVarchar(r[10]); str(r[11]);
      str(r[12]); a.appendTimestamp(ts(r[13])); a.appendTimestamp(ts(r[14])); a.appendVarchar(r[15]); str(r[16]); a.appendVarchar(r[17]); a.endRow(); }
    a.closeSync(); const tc = performance.now(); appendMs += tc - ta; await c.run('COMMIT'); commitMs += performance.now() - tc;
  }
  const wall = performance.now() - t0; const cpu = process.cpuUsage(cpu0);
  console.log(`${label.padEnd(40)} ${Math.round(N / wall * 1000).toString().padStart(7)} rows/s wall; cpu ${((cpu.user + cpu.system) / N).toFixed(1)} µs/row; append ${(1000 * appendMs / N).toFixed(1)} µs/row, commit ${(1000 * commitMs / N).toFixed(1)} µs/row wall`);
  c.closeSync(); inst.closeSync();
}
for (let rep = 0; rep < 2; rep++) {
  await run('one transaction', N, []);
  await run('groups of 1600 (default 16MB ckpt)', 1600, []);
  await run('groups of 1600, checkpoint_threshold 1GB', 1600, [`SET checkpoint_threshold='1GB'`]);
  await run('groups of 8000 (default)', 8000, []);
}
