import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DuckDBStore } from '../storage/duckdb/duckdb-store.ts';
import { JourneyRepository } from './repository.ts';
import { getTemplate } from './templates/index.ts';

const WS = 'ws_repo';
let store: DuckDBStore;
beforeEach(async () => { store = await DuckDBStore.open(':memory:'); await store.init(); });
afterEach(() => store.close());

describe('JourneyRepository.current', () => {
  it('answers the latest version, and the new one once a change is saved', async () => {
    const journeys = new JourneyRepository(store);
    expect(await journeys.current(WS)).toBeNull();
    const five = getTemplate('five-stage')!;
    await journeys.save(WS, five);
    expect(await journeys.current(WS, 'five-stage')).toMatchObject({ version: 1, journey: five });
    expect(await journeys.current(WS)).toMatchObject({ version: 1, journey: five });

    const renamed = { ...five, stages: five.stages.map((s, i) => (i === 0 ? { ...s, name: 'Discovery' } : s)) };
    await journeys.save(WS, renamed);
    expect((await journeys.current(WS, 'five-stage'))?.journey.stages[0].name).toBe('Discovery');
    expect(await journeys.current(WS)).toMatchObject({ version: 2 });

    // A newer journey becomes the primary one.
    await new Promise((r) => setTimeout(r, 5));
    await journeys.save(WS, getTemplate('three-stage')!);
    expect((await journeys.current(WS))?.journey.id).toBe('three-stage');
    expect(await journeys.current(WS, 'five-stage')).toMatchObject({ version: 2 });
  });
});
