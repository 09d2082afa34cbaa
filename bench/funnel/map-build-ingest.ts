/**
 * Ingest commit latency while the journey map's facts build: drops the stored facts of the file's
 * workspace, starts the first map (the build), and commits 100 events every 250 ms until it ends.
 * It writes events: run it on a copy of the bench file.
 *
 *   cp /tmp/tpfunnel-10m/touchpoint.duckdb /tmp/jm-copy/ && npx tsx bench/funnel/map-build-ingest.ts /tmp/jm-copy/touchpoint.duckdb
 */
import { forgetMapFacts } from '../../src/analytics/journey-map/map-store.ts';
import { runJourneyMap } from '../../src/analytics/journey-map/run-journey-map.ts';
import { ev } from '../../src/analytics/common/fixtures.ts';
import { DuckDBStore } from '../../src/storage/duckdb/duckdb-store.ts';
import { raw } from '../../src/storage/sql.ts';

const file = process.argv[2];
if (!file) throw new Error('usage: map-build-ingest.ts <copy of touchpoint.duckdb>');
const s = await DuckDBStore.open(file, { memoryLimit: '768MB' });
await s.init();
const [{ ws }] = await s.query<{ ws: string }>(raw('SELECT workspace_id AS ws FROM events LIMIT 1'));
await forgetMapFacts(s, ws);
const t0 = performance.now();
let done = 0;
const map = runJourneyMap(s, ws, { template: 'five-stage' }).then(() => { done = performance.now() - t0; });
const lat: number[] = [];
for (let i = 0; i < 20 && !done; i++) {
  await new Promise((r) => setTimeout(r, 250));
  const e = { ...ev(`lat-${i}`, 'Product Viewed', Date.UTC(2025, 2, 30)), workspaceId: ws };
  const c0 = performance.now();
  await s.commitIngest(Array.from({ length: 100 }, () => e), { added: [], merged: [] });
  lat.push(performance.now() - c0);
}
await map;
lat.sort((a, b) => a - b);
console.log(`build ${(done / 1000).toFixed(1)} s; ${lat.length} commits of 100 events during it: p50 ${lat[lat.length >> 1].toFixed(0)} ms, max ${lat[lat.length - 1].toFixed(0)} ms`);
await s.close();
