import { DuckDBStore } from '../src/storage/duckdb/duckdb-store.ts';
import { sql } from '../src/storage/sql.ts';
import { rmSync } from 'node:fs';
const path = '/tmp/scr-q.duckdb'; rmSync(path, { force: true }); rmSync(path + '.wal', { force: true });
const store = await DuckDBStore.open(path); await store.init();
await store.exec(sql`INSERT INTO identities SELECT 'ws', 'anon:' || i::VARCHAR, 'c' || i::VARCHAR, now() FROM range(30000) t(i)`);
for (const n of [10, 250, 1000]) {
  const keys = Array.from({ length: n }, (_, i) => 'anon:x' + i);
  for (let rep = 0; rep < 3; rep++) {
    let t = performance.now();
    await store.query(sql`SELECT identity, customer_id FROM identities WHERE workspace_id = ${'ws'} AND identity IN (SELECT unnest(${keys}))`);
    const a = performance.now() - t; t = performance.now();
    await store.query(sql`SELECT identity, customer_id FROM identities WHERE workspace_id = ${'ws'} AND list_contains(${keys}, identity)`);
    const b = performance.now() - t; t = performance.now();
    await store.query(sql`SELECT count(*) FROM identities`);
    const c = performance.now() - t;
    console.log(n, 'IN unnest', a.toFixed(1), 'ms; list_contains', b.toFixed(1), 'ms; count', c.toFixed(1));
  }
}
await store.close();
