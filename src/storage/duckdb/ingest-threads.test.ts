import { describe, expect, it } from 'vitest';
import { IngestThreads } from './ingest-threads.ts';

describe('IngestThreads', () => {
  const setup = (configured = 2) => {
    let now = 0;
    const calls: number[] = [];
    const t = new IngestThreads(configured, async (n) => { calls.push(n); }, () => now);
    return { t, calls, at: (ms: number) => { now = ms; } };
  };

  it('goes to one thread after a second of back-to-back groups, and back after a second of pause', async () => {
    const { t, calls, at } = setup();
    for (let ms = 0; ms < 1000; ms += 100) { at(ms); await t.beforeGroup(); }
    expect(calls).toEqual([]);
    at(1000); await t.beforeGroup();
    expect(calls).toEqual([1]);
    at(1500); await t.restore();
    expect(calls).toEqual([1]);
    at(2000);
    expect(t.reduced).toBe(true);
    await t.restore();
    expect(calls).toEqual([1, 2]);
    expect(t.reduced).toBe(false);
  });

  it('a pause longer than 250 ms starts a new stretch', async () => {
    const { t, calls, at } = setup();
    for (const ms of [0, 200, 400, 700, 1000, 1300, 1600]) { at(ms); await t.beforeGroup(); }
    expect(calls).toEqual([]);
  });

  it('leaves a single-thread configuration alone', async () => {
    const { t, calls, at } = setup(1);
    for (let ms = 0; ms <= 3000; ms += 100) { at(ms); await t.beforeGroup(); }
    expect(calls).toEqual([]);
  });

  it('says when ingest is sustained and how long it has paused (compaction and checkpoint timing)', async () => {
    const { t, at } = setup(1);
    for (let ms = 0; ms < 1000; ms += 100) { at(ms); await t.beforeGroup(); }
    expect(t.sustained).toBe(false);
    at(1000); await t.beforeGroup();
    expect(t.sustained).toBe(true);
    at(1200);
    expect([t.sustained, t.idleMs]).toEqual([true, 200]);
    at(1300);
    expect([t.sustained, t.idleMs]).toEqual([false, 300]);
  });
});
