import { DuckDBInstance, DuckDBTimestampValue } from '@duckdb/node-api';
import { rmSync } from 'node:fs';
import { Traffic, rawRow, type RawRow } from './lib/events.ts';
const N = Number(process.argv[2] ?? 200000);
const t = new Traffic(1); const rows: RawRow[] = [];
for (let i = 0; i < N; i++) { const { message, customer } = t.next(); rows.push(rawRow(message, customer.id, Date.now())); }
const ts = (ms: number) => new DuckDBTimestampValue(BigInt(Math.round(ms)) * 1000n);
async function run(label: string, jsonType: string, mode: 'full' | 'noop' | 'strings') {
  const path = `/tmp/scr-${label}.duckdb`; rmSync(path, { force: true }); rmSync(path + '.wal', { force: true });
  const inst = await DuckDBInstance.create(path); const c = await inst.connect();
  await c.run(`CREATE TABLE events (workspace_id VARCHAR NOT NULL, message_id VARCHAR NOT NULL, type VARCHAR NOT NULL,
     event VARCHAR NOT NULL, name VARCHAR, customer_id VARCHAR NOT NULL, anonymous_id VARCHAR, user_id VARCHAR, previous_id VARCHAR, group_id VARCHAR,
     channel VARCHAR NOT NULL, device VARCHAR, source VARCHAR, ts TIMESTAMP NOT NULL, received_at TIMESTAMP NOT NULL,
     properties ${jsonType}, traits ${jsonType}, context ${jsonType})`);
  const t0 = performance.now();
  await c.run('BEGIN'); const a = await c.createAppender('events');
  const str = (v: string | null) => (v === null ? a.appendNull() : a.appendVarchar(v));
  let calls = 0;
  for (const r of rows) {
    if (mode === 'noop') { calls++; continue; }
    a.appendVarchar(r[0]); a.appendVarchar(r[1]); a.appendVarchar(r[2]); a.appendVarchar(r[3]); str(r[4]);
    a.appendVarchar(r[5]); str(r[6]); str(r[7]); a.appendNull(); a.appendNull(); a.appendVarchar(r[10]); str(r[11]);
    str(r[12]); a.appendTimestamp(ts(r[13])); a.appendTimestamp(ts(r[14])); a.appendVarchar(r[15]); str(r[16]); a.appendVarchar(r[17]);
    a.endRow();
  }
  const t1 = performance.now();
  a.closeSync(); const t2 = performance.now(); await c.run('COMMIT'); const t3 = performance.now();
  console.log(label, jsonType, mode, `append ${(t1-t0).toFixed(0)} ms, close ${(t2-t1).toFixed(0)} ms, commit ${(t3-t2).toFixed(0)} ms => ${Math.round(N/((t3-t0)/1000))} rows/s`);
  c.closeSync(); inst.closeSync();
}
await run('a', 'JSON', 'full');
await run('b', 'VARCHAR', 'full');
await run('c', 'JSON', 'full');
await run('d', 'VARCHAR', 'full');
