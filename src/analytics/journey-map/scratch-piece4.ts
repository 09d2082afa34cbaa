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
const which = process.argv[3] ?? 'all';
const key = which.includes('hash') ? raw('hash(customer_id)') : raw('customer_id');
const tsx = which.includes('ms') ? raw('epoch_ms(ts)') : raw('ts');
const ev = sql`SELECT ${key} AS c, ${tsx} AS t, ${touchpointIndexSql(layout)} AS tp FROM events WHERE workspace_id = ${ws}`;
const S = layout.stages.length;
const fs = layout.stages.map((st) => sql`min(CASE WHEN tp >= ${raw(String(st.first))} AND tp < ${raw(String(st.end))} THEN t0 END) AS ${raw('f' + st.index)}`);
const xs = layout.stages.map((st) => sql`min(CASE WHEN tp >= ${raw(String(st.end))} THEN t0 END) AS ${raw('x' + st.index)}`);
await time('L1', sql`SELECT count(*) FROM (SELECT c, tp, min(t) t0, max(t) t1, count(*) n FROM (${ev}) GROUP BY c, tp)`);
await time('L1+L2', sql`WITH ct AS (SELECT c, tp, min(t) t0, max(t) t1, count(*) n FROM (${ev}) GROUP BY c, tp)
  SELECT count(*), count(f1) FROM (SELECT c, ${join(fs)}, ${join(xs)} FROM ct GROUP BY c)`);
await time('L1+L2+L3', sql`WITH ct AS (SELECT c, tp, min(t) t0, max(t) t1, count(*) n FROM (${ev}) GROUP BY c, tp),
  cs AS (SELECT c, ${join(fs)}, ${join(xs)} FROM ct GROUP BY c)
  SELECT tp, count(*), sum(n), count(CASE WHEN ct.t0 <= cs.x1 THEN 1 END), quantile_cont(cs.x1 - ct.t0, 0.5) FROM ct JOIN cs USING (c) GROUP BY tp`);
await store.close();
