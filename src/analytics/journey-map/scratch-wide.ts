import { DuckDBStore } from '../../storage/duckdb/duckdb-store.ts';
import { raw, sql, join } from '../../storage/sql.ts';
import { journeyLayout, touchpointIndexSql } from '../common/journey-layout.ts';
import { getTemplate } from '../../journeys/templates/index.ts';
const store = await DuckDBStore.open(process.argv[2]);
const j = getTemplate('five-stage')!;
const layout = journeyLayout(j);
const K = layout.touchpoints.length;
const mode = process.argv[3];
const time = async (label: string, q: any) => {
  for (let i = 0; i < 2; i++) {
    const t = performance.now(); const c = process.cpuUsage();
    const r = await store.query(q);
    const cu = process.cpuUsage(c);
    console.log(label, ((performance.now() - t) / 1000).toFixed(3), 's wall', ((cu.user + cu.system) / 1e6).toFixed(3), 's cpu', 'rss', (process.memoryUsage().rss / 1e6).toFixed(0), JSON.stringify(r[0]).slice(0, 100));
  }
};
const ws = 'ws_bench';
const aggs: any[] = [];
for (let k = 0; k < K; k++) {
  aggs.push(raw(`min(t) FILTER (WHERE tp = ${k}) AS t${k}`));
  if (mode.includes('n')) aggs.push(raw(`count(*) FILTER (WHERE tp = ${k}) AS n${k}`));
  if (mode.includes('c')) aggs.push(raw(`bit_or(chb) FILTER (WHERE tp = ${k}) AS c${k}`));
}
aggs.push(raw(`arg_max(tp, t * ${K + 1} + tp) AS last_tp`));
const inner = sql`SELECT hash(customer_id) AS c, epoch_ms(ts) AS t, ${touchpointIndexSql(layout)} AS tp${mode.includes('c') ? raw(', channel') : raw('')} FROM events WHERE workspace_id = ${ws}`;
const chb = mode.includes('c') ? raw(`, CASE channel WHEN 'web' THEN 1 WHEN 'app' THEN 2 WHEN 'email' THEN 4 WHEN 'social' THEN 8 ELSE 16 END AS chb`) : raw('');
await time('wide ' + mode, sql`SELECT count(*), ${join(Array.from({ length: K }, (_, k) => raw(`count(t${k})`)))} FROM (SELECT c, ${join(aggs)} FROM (SELECT *${chb} FROM (${inner})) GROUP BY c)`);
await store.close();
