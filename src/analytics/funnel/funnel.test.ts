import { describe, expect, it } from 'vitest';
import type { TouchEvent } from '../../ingest/event.ts';
import { at, ev, storeWith } from '../common/fixtures.ts';
import { expectFunnel, type Expected } from './test-support.ts';
import type { FunnelRequestInput } from './types.ts';

/**
 * Hand-computed funnels for each order and edge case. Every case runs on real DuckDB through all
 * plan tiers and through the general plan, and in memory; all must give the numbers written here.
 * Times are minutes from a fixed start (`m(5)` = 5 minutes in).
 */
const m = (minutes: number) => at(0, 0, minutes);
const steps = (...names: string[]) => names.map((event) => ({ event }));

async function funnel(events: TouchEvent[], request: FunnelRequestInput, expected: Expected) {
  const store = await storeWith(events);
  try {
    return await expectFunnel(store, events, request, expected);
  } finally {
    await store.close();
  }
}

describe('ordered funnels', () => {
  it('count each customer once per step, with conversion and drop-off', async () => {
    const r = await funnel([
      ev('c1', 'A', m(0)), ev('c1', 'B', m(1)), ev('c1', 'C', m(2)),
      ev('c2', 'A', m(0)), ev('c2', 'B', m(5)),
      ev('c3', 'A', m(0)),
      ev('c4', 'B', m(0)), ev('c4', 'C', m(1)), // never entered
    ], { steps: steps('A', 'B', 'C') }, { counts: [3, 2, 1], average: [null, 180, 60], median: [null, 180, 60] });
    expect(r.steps.map((s) => [s.conversionRate, s.conversionFromPrevious, s.dropOff, s.dropOffRate]))
      .toEqual([[1, 1, 0, 0], [2 / 3, 2 / 3, 1, 1 / 3], [1 / 3, 1 / 2, 1, 1 / 2]]);
  });

  it('need the steps in order (other events may come between)', async () => {
    await funnel([
      ev('c1', 'B', m(0)), ev('c1', 'A', m(1)), ev('c1', 'C', m(2)), // no B after A
      ev('c2', 'A', m(0)), ev('c2', 'C', m(1)), ev('c2', 'B', m(2)), // no C after B
    ], { steps: steps('A', 'B', 'C') }, { counts: [2, 1, 0], average: [null, 120, null] });
  });

  it('report times from the attempt that got furthest, then from its latest start', async () => {
    await funnel([
      // Both A's lead to the same B and C: the later start is reported (5 min, not 15).
      ev('c1', 'A', m(0)), ev('c1', 'A', m(10)), ev('c1', 'B', m(15)), ev('c1', 'C', m(20)),
      // The first attempt runs out of its 1-hour window before C; the second completes.
      ev('c2', 'A', m(0)), ev('c2', 'B', m(1)), ev('c2', 'A', m(100)), ev('c2', 'B', m(101)), ev('c2', 'C', m(102)),
    ], { steps: steps('A', 'B', 'C'), window: '1h' }, { counts: [2, 2, 2], average: [null, 180, 180], median: [null, 180, 180] });
  });

  it('count a step exactly at the end of the window, not a millisecond later', async () => {
    await funnel([
      ev('c1', 'A', m(0)), ev('c1', 'B', m(0) + 3_600_000),
      ev('c2', 'A', m(0)), ev('c2', 'B', m(0) + 3_600_001),
    ], { steps: steps('A', 'B'), window: '1h' }, { counts: [2, 1], average: [null, 3600] });
  });

  it('let a step match at the time of the previous one, whatever order the events arrived in', async () => {
    await funnel([
      ev('c1', 'A', m(3)), ev('c1', 'B', m(3)),
      ev('c2', 'B', m(3)), ev('c2', 'A', m(3)),
    ], { steps: steps('A', 'B') }, { counts: [2, 2], average: [null, 0] });
  });

  it('use one event for one step only: a repeated step needs a second event', async () => {
    const events = [ev('c1', 'A', m(0)), ev('c2', 'A', m(0)), ev('c2', 'A', m(0)), ev('c3', 'A', m(0)), ev('c3', 'A', m(9))];
    await funnel(events, { steps: steps('A', 'A') }, { counts: [3, 2], average: [null, 270] });
  });

  it('handle many steps', async () => {
    const names = Array.from({ length: 20 }, (_, i) => `E${i}`);
    const events = names.map((n, i) => ev('c1', n, m(i)));
    await funnel([...events, ...events.slice(0, 7).map((e) => ({ ...e, customerId: 'c2', messageId: `${e.messageId}b` }))],
      { steps: steps(...names) }, { counts: names.map((_, i) => (i < 7 ? 2 : 1)) });
  });
});

describe('strict funnels', () => {
  const events = [
    ev('c1', 'A', m(0)), ev('c1', 'B', m(1)), ev('c1', 'C', m(2)),
    ev('c2', 'A', m(0)), ev('c2', 'X', m(1)), ev('c2', 'B', m(2)), ev('c2', 'C', m(3)),
    ev('c3', 'A', m(0)), ev('c3', 'B', m(1)), ev('c3', 'X', m(2)), ev('c3', 'C', m(3)),
    ev('c4', 'A', m(0)), ev('c4', 'X', m(1)), ev('c4', 'A', m(2)), ev('c4', 'B', m(3)), ev('c4', 'C', m(4)),
  ];

  it('allow no other event between consecutive steps', async () => {
    await funnel(events, { steps: steps('A', 'B', 'C'), order: 'strict' }, { counts: [4, 3, 2], average: [null, 60, 60] });
  });

  it('differ from ordered exactly where something came between', async () => {
    await funnel(events, { steps: steps('A', 'B', 'C') }, { counts: [4, 4, 4] });
  });
});

describe('unordered funnels', () => {
  it('count distinct steps done within a window starting at any step event', async () => {
    await funnel([
      ev('c1', 'C', m(0)), ev('c1', 'B', m(10)), ev('c1', 'A', m(20)),
      ev('c2', 'B', m(0)), ev('c2', 'C', m(70)), // never two within an hour
      ev('c3', 'A', m(0)),
      // From A at 0: A, B (C is 80 min later). From B at 30: B, A, C — all three.
      ev('c4', 'A', m(0)), ev('c4', 'B', m(30)), ev('c4', 'A', m(50)), ev('c4', 'C', m(80)),
    ], { steps: steps('A', 'B', 'C'), order: 'unordered', window: '1h' },
    { counts: [4, 2, 2], average: [null, 900, 1200], median: [null, 900, 1200] });
  });

  it('let one event complete two steps (as PostHog does)', async () => {
    await funnel([ev('c1', 'A', m(0)), ev('c2', 'B', m(0))], { steps: steps('A', 'A'), order: 'unordered' }, { counts: [1, 1] });
  });
});

describe('time statistics', () => {
  it('give average, median and distribution of the time from the previous step', async () => {
    const r = await funnel([
      ev('c1', 'A', m(0)), ev('c1', 'B', m(10)),
      ev('c2', 'A', m(0)), ev('c2', 'B', m(20)),
      ev('c3', 'A', m(0)), ev('c3', 'B', m(60)),
    ], { steps: steps('A', 'B'), window: '1d' }, { counts: [3, 3], average: [null, 1800], median: [null, 1200] });
    expect(r.steps[0].timeDistribution).toBeUndefined();
    expect(r.steps[1].timeDistribution).toEqual([0, 10, 60, 300, 900, 3600, 21_600, 86_400]
      .map((bucketSeconds) => ({ bucketSeconds, count: [300, 900, 3600].includes(bucketSeconds) ? 1 : 0 })));
  });

  it('answer an empty funnel with zeros', async () => {
    const r = await funnel([ev('c1', 'Z', m(0))], { steps: steps('A', 'B') }, { counts: [0, 0], average: [null, null] });
    expect(r.steps[1]).toMatchObject({ conversionRate: 0, conversionFromPrevious: 0, dropOff: 0, dropOffRate: 0 });
  });
});
