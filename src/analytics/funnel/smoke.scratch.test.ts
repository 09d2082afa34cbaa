import { test, expect } from 'vitest';
import { at, ev, journey, storeWith, WS } from '../common/fixtures.ts';
import { runFunnel, referenceFunnel } from './index.ts';

test('mut', async () => {
  const events = [ev('a', 'A', at(0)), ev('a', 'A', at(0, 1)), ev('a', 'B', at(0, 2))];
  const store = await storeWith(events);
  const req = { steps: [{ event: 'A' }, { event: 'B' }], window: '1d' };
  console.log(JSON.stringify(await runFunnel(store, WS, req)), JSON.stringify(referenceFunnel(events, WS, req)));
});
