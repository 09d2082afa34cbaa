import { DuckDBStore } from '../../storage/duckdb/duckdb-store.ts';
import { raw } from '../../storage/sql.ts';
import { journeyMapSql } from './map-sql.ts';
import { journeyLayout } from '../common/journey-layout.ts';
import { getTemplate } from '../../journeys/templates/index.ts';
const store = await DuckDBStore.open(process.argv[2]);
const j = getTemplate('five-stage')!;
const layout = journeyLayout(j);
const q = journeyMapSql({ workspaceId: 'ws_bench', layout, range: {}, goals: j.stages.map(() => null) });
for (let i = 0; i < 3; i++) {
  const t = performance.now(); const c = process.cpuUsage();
  const r = await store.query(q);
  const cu = process.cpuUsage(c);
  console.log(((performance.now() - t) / 1000).toFixed(3), 's wall', ((cu.user + cu.system) / 1e6).toFixed(3), 's cpu', r.length);
}
if (process.argv[3]) {
  const { text, values } = q.compile(store.dialect);
  const inl = text.replace(/\$(\d+)/g, (_, i) => { const v = values[Number(i) - 1]; return typeof v === 'string' ? `'${v.replace(/'/g, "''")}'` : String(v); });
  const rows = await store.query<Record<string, string>>(raw('EXPLAIN ANALYZE ' + inl));
  console.log(Object.values(rows[0])[1]);
}
await store.close();
