import { DuckDBStore } from '../../storage/duckdb/duckdb-store.ts';
import { raw, sql } from '../../storage/sql.ts';
import { journeyLayout, touchpointIndexSql } from '../common/journey-layout.ts';
import { getTemplate } from '../../journeys/templates/index.ts';
const store = await DuckDBStore.open(process.argv[2]);
const j = getTemplate('five-stage')!;
const noJson = structuredClone(j);
for (const s of noJson.stages) s.touchpoints = s.touchpoints.filter((t) => !t.match.where);
const time = async (label: string, q: any) => {
  for (let i = 0; i < 2; i++) {
    const t = performance.now(); const c = process.cpuUsage();
    const r = await store.query(q);
    const cu = process.cpuUsage(c);
    console.log(label, ((performance.now() - t) / 1000).toFixed(3), 's wall', ((cu.user + cu.system) / 1e6).toFixed(3), 's cpu', JSON.stringify(r[0]));
  }
};
const ws = 'ws_bench';
await time('event only', sql`SELECT count(tp) FROM (SELECT ${touchpointIndexSql(journeyLayout(noJson))} AS tp FROM events WHERE workspace_id = ${ws})`);
await time('json path x1', sql`SELECT count(p) FROM (SELECT json_extract_string(properties, '$.path') AS p FROM events WHERE workspace_id = ${ws})`);
await time('json path x1 page only', sql`SELECT count(p) FROM (SELECT CASE WHEN type = 'page' THEN json_extract_string(properties, '$.path') END AS p FROM events WHERE workspace_id = ${ws})`);
await time('props length', sql`SELECT sum(length(properties)) FROM events WHERE workspace_id = ${ws}`);
await time('group cust,tp int', sql`SELECT count(*) FROM (SELECT customer_id, tp, min(ts), max(ts), count(*) AS n FROM (SELECT customer_id, ts, hash(event) % 27 AS tp FROM events WHERE workspace_id = ${ws}) GROUP BY customer_id, tp)`);
await store.close();
