import { DuckDBInstance, DuckDBTimestampValue, DuckDBDataChunk, VARCHAR, TIMESTAMP } from '@duckdb/node-api';
import { rmSync, writeFileSync } from 'node:fs';
import { Traffic, rawRow, type RawRow } from './lib/events.ts';
const N = Number(process.argv[2] ?? 100000);
const tr = new Traffic(1); const rows: RawRow[] = []; const msgs: any[] = [];
for (let i = 0; i < N; i++) { const { message, customer } = tr.next(); msgs.push(message); rows.push(rawRow(message, customer.id, Date.now())); }
const ts = (ms: number) => new DuckDBTimestampValue(BigInt(Math.round(ms)) * 1000n);
const ddl = (j: string) => `CREATE TABLE events (workspace_id VARCHAR NOT NULL, message_id VARCHAR NOT NULL, type VARCHAR NOT NULL,
     event VARCHAR NOT NULL, name VARCHAR, customer_id VARCHAR NOT NULL, anonymous_id VARCHAR, user_id VARCHAR, previous_id VARCHAR, group_id VARCHAR,
     channel VARCHAR NOT NULL, device VARCHAR, source VARCHAR, ts TIMESTAMP NOT NULL, received_at TIMESTAMP NOT NULL,
     properties ${j}, traits ${j}, context ${j})`;
function m(label: string, f: () => void | Promise<void>) {
  return async () => {
    const c = process.cpuUsage(); const w = performance.now(); await f(); const cc = process.cpuUsage(c);
    const wall = performance.now() - w, cpu = (cc.user + cc.system) / 1000;
    console.log(`${label.padEnd(46)} wall ${(1000 * wall / N).toFixed(1).padStart(6)} µs/row  cpu ${(1000 * cpu / N).toFixed(1).padStart(6)} µs/row  (${Math.round(N / wall * 1000)} rows/s wall)`);
  };
}
async function db(j: string) {
  const path = `/tmp/scr2.duckdb`; rmSync(path, { force: true }); rmSync(path + '.wal', { force: true });
  const inst = await DuckDBInstance.create(path); const c = await inst.connect(); await c.run(ddl(j)); return { inst, c };
}
async function rowWise(j: string) {
  const { inst, c } = await db(j);
  await m(`row appender, ${j}`, async () => {
    await c.run('BEGIN'); const a = await c.createAppender('events');
    const str = (v: string | null) => (v === null ? a.appendNull() : a.appendVarchar(v));
    for (const r of rows) {
      a.appendVarchar(r[0]); a.appendVarchar(r[1]); a.appendVarchar(r[2]); a.appendVarchar(r[3]); str(r[4]);
      a.appendVarchar(r[5]); str(r[6]); str(r[7]); a.appendNull(); a.appendNull(); a.appendVarchar(r[10]); str(r[11]);
      str(r[12]); a.appendTimestamp(ts(r[13])); a.appendTimestamp(ts(r[14])); a.appendVarchar(r[15]); str(r[16]); a.appendVarchar(r[17]);
      a.endRow();
    }
    a.closeSync(); await c.run('COMMIT');
  })();
  c.closeSync(); inst.closeSync();
}
async function chunked(j: string) {
  const { inst, c } = await db(j);
  const jt = VARCHAR;
  const types = [VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, TIMESTAMP, TIMESTAMP, jt, jt, jt];
  await m(`DataChunk appender (2048), ${j}`, async () => {
    await c.run('BEGIN'); const a = await c.createAppender('events');
    for (let s = 0; s < rows.length; s += 2048) {
      const part = rows.slice(s, s + 2048);
      const chunk = DuckDBDataChunk.create(types, part.length);
      const cols = types.map((_, k) => part.map((r) => (k === 13 || k === 14 ? ts(r[k] as number) : r[k])));
      chunk.setColumns(cols as any);
      a.appendDataChunk(chunk);
    }
    a.closeSync(); await c.run('COMMIT');
  })();
  c.closeSync(); inst.closeSync();
}
async function readJson(j: string) {
  const { inst, c } = await db(j);
  const cols = ['workspace_id','message_id','type','event','name','customer_id','anonymous_id','user_id','previous_id','group_id','channel','device','source','ts','received_at','properties','traits','context'];
  await m(`NDJSON write + INSERT…read_json, ${j}`, async () => {
    const lines = rows.map((r) => { const o: any = {}; cols.forEach((k, i) => { o[k] = i === 13 || i === 14 ? new Date(r[i] as number).toISOString() : r[i]; }); return JSON.stringify(o); });
    writeFileSync('/tmp/scr2.ndjson', lines.join('\n'));
    await c.run(`INSERT INTO events SELECT * FROM read_json('/tmp/scr2.ndjson', format='newline_delimited', columns={${cols.map((k, i) => `${k}: '${i === 13 || i === 14 ? 'TIMESTAMP' : 'VARCHAR'}'`).join(', ')}})`);
  })();
  c.closeSync(); inst.closeSync();
}
await m('JSON.stringify properties/traits/context', () => { for (const x of msgs) { JSON.stringify(x.properties ?? {}); if (x.traits) JSON.stringify(x.traits); JSON.stringify(x.context); } })();
for (let rep = 0; rep < 2; rep++) {
  await rowWise('JSON'); await rowWise('VARCHAR'); await chunked('JSON'); await chunked('VARCHAR'); await readJson('JSON');
}
