import { demoStore } from '../common/demo-store.ts';
import { runDropoff } from './index.ts';
import { getTemplate } from '../../journeys/templates/index.ts';
const { store, workspaceId } = await demoStore(300);
const journey = getTemplate('five-stage')!;
for (const window of [undefined, '7d']) {
  const t = performance.now();
  const r = await runDropoff(store, workspaceId, { journey, window, limit: 4 });
  console.log('dropoff', window, ((performance.now() - t) / 1000).toFixed(3));
  for (const x of r.transitions) console.log(x.from.id, x.reached, x.reachedNext, x.advanced, x.dropped, x.dropOffRate.toFixed(3), x.lastTouchpoints.map((t) => `${t.touchpointId}:${t.customers}`).join(' '), '|', x.lastEvents.map((t) => `${t.event}:${t.customers}`).join(' '));
}
const p = await runDropoff(store, workspaceId, { journey, persona: 'beginner' });
console.log('persona', p.transitions.map((x) => x.reached).join(' '));
await store.close();
