import { DuckDBStore } from '../../storage/duckdb/duckdb-store.ts';
import { raw, sql, join } from '../../storage/sql.ts';
import { journeyLayout, touchpointIndexSql } from '../common/journey-layout.ts';
import { getTemplate } from '../../journeys/templates/index.ts';
const store = await DuckDBStore.open(process.argv[2]);
const j = getTemplate('five-stage')!;
const layout = journeyLayout(j);
const time = async (label: string, q: any) => {
  for (let i = 0; i < 2; i++) {
    const t = performance.now(); const c = process.cpuUsage();
    const r = await store.query(q);
    const cu = process.cpuUsage(c);
    console.log(label, ((performance.now() - t) / 1000).toFixed(3), 's wall', ((cu.user + cu.system) / 1e6).toFixed(3), 's cpu', JSON.stringify(r[0]));
  }
};
const ws = 'ws_bench';
const fake = raw('(hash(event) % 27)::INT');
const ev = (tp: any) => sql`SELECT hash(customer_id) AS c, epoch_ms(ts) AS t, ${tp} AS tp FROM events WHERE workspace_id = ${ws}`;
await time('fake L1 2 keys', sql`SELECT count(*) FROM (SELECT c, tp, min(t) t0, max(t) t1, count(*) n FROM (${ev(fake)}) GROUP BY c, tp)`);
await time('fake L1 1 key', sql`SELECT count(*) FROM (SELECT (c >> 5) << 5 | tp AS k, min(t) t0, max(t) t1, count(*) n FROM (${ev(fake)}) GROUP BY k)`);
await time('fake L1 2 keys notnull', sql`SELECT count(*) FROM (SELECT c, tp, min(t) t0, max(t) t1, count(*) n FROM (${ev(fake)}) WHERE tp < 16 GROUP BY c, tp)`);
await time('real CASE only', sql`SELECT count(tp) FROM (${ev(touchpointIndexSql(layout))})`);
await time('real L1 1 key notnull', sql`SELECT count(*) FROM (SELECT (c >> 5) << 5 | tp AS k, min(t) t0, max(t) t1, count(*) n FROM (${ev(touchpointIndexSql(layout))}) WHERE tp IS NOT NULL GROUP BY k)`);
await store.close();
