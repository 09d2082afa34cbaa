import { DuckDBStore } from '../../storage/duckdb/duckdb-store.ts';
import { getTemplate } from '../../journeys/templates/index.ts';
import { runDropoff } from '../dropoff/index.ts';
import { runFriction } from '../friction/index.ts';
const store = await DuckDBStore.open(process.argv[2]);
const journey = getTemplate('five-stage')!;
const time = async (label: string, f: () => Promise<unknown>) => {
  for (let i = 0; i < 2; i++) {
    const t = performance.now(); const c = process.cpuUsage();
    await f();
    const cu = process.cpuUsage(c);
    console.log(label, ((performance.now() - t) / 1000).toFixed(3), 's wall', ((cu.user + cu.system) / 1e6).toFixed(3), 's cpu', 'rss', (process.memoryUsage().rss / 1e6).toFixed(0));
  }
};
await time('dropoff', () => runDropoff(store, 'ws_bench', { journey }));
await time('dropoff 7d', () => runDropoff(store, 'ws_bench', { journey, window: '7d' }));
await time('friction', () => runFriction(store, 'ws_bench', {}));
await time('friction+journey', () => runFriction(store, 'ws_bench', {}, { journey }));
await store.close();
