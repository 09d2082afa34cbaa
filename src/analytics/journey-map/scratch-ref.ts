import { DuckDBStore } from '../../storage/duckdb/duckdb-store.ts';
import { selfJoinFunnelSql } from '../../../bench/funnel/baseline.ts';
const store = await DuckDBStore.open(process.argv[2]);
for (let i = 0; i < 3; i++) {
  const t = performance.now(); const c = process.cpuUsage();
  await store.query(selfJoinFunnelSql('ws_bench', ['Product Viewed', 'Product Added', 'Checkout Started', 'Payment Info Entered'], 7 * 86400, false));
  const cu = process.cpuUsage(c);
  console.log('selfjoin4', ((performance.now() - t) / 1000).toFixed(3), 's wall', ((cu.user + cu.system) / 1e6).toFixed(3), 's cpu');
}
await store.close();
