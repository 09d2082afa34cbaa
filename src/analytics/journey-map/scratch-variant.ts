import { DuckDBStore } from '../../storage/duckdb/duckdb-store.ts';
import { journeyMapSql } from './map-sql.ts';
import { journeyLayout } from '../common/journey-layout.ts';
import { getTemplate } from '../../journeys/templates/index.ts';
import { runJourneyMap } from './index.ts';
const store = await DuckDBStore.open(process.argv[2]);
const j = getTemplate('five-stage')!;
const layout = journeyLayout(j);
const which = process.argv[3] ?? 'struct';
const goals = [{ touchpoint: 8 }, { touchpoint: 9 }, { touchpoint: 14 }, { event: 'Order Completed' }, { touchpoint: 26 }];
const q = journeyMapSql({ workspaceId: 'ws_bench', layout, range: {}, goals });
let best = Infinity, bestWall = Infinity;
for (let i = 0; i < Number(process.argv[4] ?? 3); i++) {
  const t = performance.now(); const c = process.cpuUsage();
  if (which === 'full') await runJourneyMap(store, 'ws_bench', { template: 'five-stage' }); else await store.query(q);
  const cu = process.cpuUsage(c);
  const cpu = (cu.user + cu.system) / 1e6, wall = (performance.now() - t) / 1000;
  best = Math.min(best, cpu); bestWall = Math.min(bestWall, wall);
  console.log(which, wall.toFixed(3), 's wall', cpu.toFixed(3), 's cpu', 'rss', (process.memoryUsage().rss / 1e6).toFixed(0), 'MB');
}
console.log('best', which, bestWall.toFixed(3), 'wall', best.toFixed(3), 'cpu');
await store.close();
