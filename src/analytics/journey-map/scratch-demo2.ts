import { demoStore } from '../common/demo-store.ts';
import { runJourneyMap } from './index.ts';
import { runFriction } from '../friction/index.ts';
import { getTemplate } from '../../journeys/templates/index.ts';
const { store, workspaceId } = await demoStore(Number(process.argv[2] ?? 300));
for (let i = 0; i < 3; i++) {
  const t1 = performance.now();
  await runJourneyMap(store, workspaceId, { template: 'five-stage' });
  const t2 = performance.now();
  const fr = await runFriction(store, workspaceId, { repeatWindow: process.argv[3] ?? '60d' }, { journey: getTemplate('five-stage')! });
  console.log('map', ((t2 - t1) / 1000).toFixed(3), 'friction', ((performance.now() - t2) / 1000).toFixed(3));
  if (i === 0) for (const s of fr.signals) if (s.conversion) console.log(s.signal, JSON.stringify(s.conversion));
}
await store.close();
