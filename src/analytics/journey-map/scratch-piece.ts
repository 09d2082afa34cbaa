import { DuckDBStore } from '../../storage/duckdb/duckdb-store.ts';
import { raw, sql } from '../../storage/sql.ts';
import { journeyLayout, touchpointIndexSql } from '../common/journey-layout.ts';
import { getTemplate } from '../../journeys/templates/index.ts';
import { touchpointCaseSql } from '../../journeys/assign.ts';
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
await time('count', sql`SELECT count(*) FROM events WHERE workspace_id = ${ws}`);
await time('tpidx count', sql`SELECT count(tp) FROM (SELECT ${touchpointIndexSql(layout)} AS tp FROM events WHERE workspace_id = ${ws})`);
await time('tpcase count', sql`SELECT count(tp) FROM (SELECT ${touchpointCaseSql(j)} AS tp FROM events WHERE workspace_id = ${ws})`);
await time('group cust,tp', sql`SELECT count(*), sum(n) FROM (SELECT customer_id, tp, min(ts), max(ts), count(*) AS n FROM (SELECT customer_id, ts, ${touchpointIndexSql(layout)} AS tp FROM events WHERE workspace_id = ${ws}) GROUP BY customer_id, tp)`);
await time('group cust', sql`SELECT count(*) FROM (SELECT customer_id, min(ts), max(ts), count(*) AS n FROM events WHERE workspace_id = ${ws} GROUP BY customer_id)`);
await store.close();
