import { DuckDBStore } from '../../storage/duckdb/duckdb-store.ts';
import { raw } from '../../storage/sql.ts';
import { runJourneyMap } from './index.ts';
const store = await DuckDBStore.open(process.argv[2]);
const persona = process.argv[3];
for (let i = 0; i < 4; i++) {
  const t = performance.now();
  const r = await runJourneyMap(store, 'ws_bench', { template: 'five-stage', ...(persona ? { persona } : {}) });
  console.log(((performance.now() - t) / 1000).toFixed(3), 's', i === 0 ? JSON.stringify(r, null, 0).slice(0, 3000) : '');
}
if (process.argv[4]) {
  const { journeyMapSql } = await import('./map-sql.ts');
  const { journeyLayout } = await import('../common/journey-layout.ts');
  const { getTemplate } = await import('../../journeys/templates/index.ts');
  const j = getTemplate('five-stage')!;
  const layout = journeyLayout(j);
  const q = journeyMapSql({ workspaceId: 'ws_bench', layout, range: {}, goals: j.stages.map(() => null) });
  const { text, values } = q.compile(store.dialect);
  const rows = await store.query<{ explain_value: string }>(raw('EXPLAIN ANALYZE ' + text.replace(/\$(\d+)/g, (_, i) => { const v = values[Number(i) - 1]; return typeof v === 'string' ? `'${v.replace(/'/g, "''")}'` : String(v); })));
  console.log(Object.values(rows[0]).join('\n'));
}
await store.close();
