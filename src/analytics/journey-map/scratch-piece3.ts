import { DuckDBStore } from '../../storage/duckdb/duckdb-store.ts';
import { raw, sql, join } from '../../storage/sql.ts';
const store = await DuckDBStore.open(process.argv[2]);
const time = async (label: string, q: any) => {
  for (let i = 0; i < 2; i++) {
    const t = performance.now(); const c = process.cpuUsage();
    const r = await store.query(q);
    const cu = process.cpuUsage(c);
    console.log(label, ((performance.now() - t) / 1000).toFixed(3), 's wall', ((cu.user + cu.system) / 1e6).toFixed(3), 's cpu', JSON.stringify(r[0]));
  }
};
const ws = 'ws_bench';
const tp = raw('(hash(event) % 27)::INT');
await time('group hash(cust),tp', sql`SELECT count(*) FROM (SELECT h, tp, min(ts), max(ts), count(*) AS n FROM (SELECT hash(customer_id) AS h, ts, ${tp} AS tp FROM events WHERE workspace_id = ${ws}) GROUP BY h, tp)`);
await time('group cust wide K=26', sql`SELECT count(*) FROM (SELECT customer_id, ${join(Array.from({length: 26}, (_, k) => raw(`min(ts) FILTER (WHERE tp = ${k}) AS f${k}, count(*) FILTER (WHERE tp = ${k}) AS n${k}`)))} FROM (SELECT customer_id, ts, ${tp} AS tp FROM events WHERE workspace_id = ${ws}) GROUP BY customer_id)`);
await time('group cust wide K=26 case', sql`SELECT count(*) FROM (SELECT customer_id, ${join(Array.from({length: 26}, (_, k) => raw(`min(CASE WHEN tp = ${k} THEN ts END) AS f${k}`)))} FROM (SELECT customer_id, ts, ${tp} AS tp FROM events WHERE workspace_id = ${ws}) GROUP BY customer_id)`);
await time('group hash cust wide K=26', sql`SELECT count(*) FROM (SELECT h, ${join(Array.from({length: 26}, (_, k) => raw(`min(ts) FILTER (WHERE tp = ${k}) AS f${k}, count(*) FILTER (WHERE tp = ${k}) AS n${k}`)))} FROM (SELECT hash(customer_id) AS h, ts, ${tp} AS tp FROM events WHERE workspace_id = ${ws}) GROUP BY h)`);
await time('group cust only', sql`SELECT count(*) FROM (SELECT customer_id, min(ts) FROM events WHERE workspace_id = ${ws} GROUP BY customer_id)`);
await time('group hash cust only', sql`SELECT count(*) FROM (SELECT hash(customer_id) h, min(ts) FROM events WHERE workspace_id = ${ws} GROUP BY h)`);
await store.close();
