import { demoStore } from '../common/demo-store.ts';
import { runJourneyMap } from './index.ts';
import { runFriction } from '../friction/index.ts';
import { getTemplate } from '../../journeys/templates/index.ts';
const t0 = performance.now();
const { store, workspaceId } = await demoStore(Number(process.argv[2] ?? 300));
console.log('loaded', ((performance.now() - t0) / 1000).toFixed(1), 's');
const t1 = performance.now();
const map = await runJourneyMap(store, workspaceId, { template: 'five-stage' });
console.log('map', ((performance.now() - t1) / 1000).toFixed(3), 's');
for (const s of map.stages) {
  console.log(s.id, s.reach, s.advanced, s.conversionToNext?.toFixed(3), s.medianSecondsToNext?.toFixed(0), JSON.stringify(s.goal), s.dropOff.map((d) => `${d.touchpointId}:${d.customers}`).join(' '));
  for (const t of s.touchpoints) console.log('   ', t.id, t.reach, t.events, t.inStage, t.conversionToNextStage?.toFixed(3), t.medianSecondsToNextStage?.toFixed(0), t.channels.join('/'), JSON.stringify(t.friction), t.health);
}
console.log(map.channels, map.totals);
const t2 = performance.now();
const fr = await runFriction(store, workspaceId, {}, { journey: getTemplate('five-stage')! });
console.log('friction', ((performance.now() - t2) / 1000).toFixed(3), 's', fr.activeCustomers, fr.asOf);
for (const s of fr.signals) {
  console.log(s.signal, s.occurrences, s.customers, s.share.toFixed(3), JSON.stringify(s.exposed), JSON.stringify(s.conversion));
  console.log('   ', JSON.stringify(s.topDetails).slice(0, 400));
  console.log('   ', JSON.stringify(s.byTouchpoint?.slice(0, 4)), s.trend.length);
}
await store.close();
