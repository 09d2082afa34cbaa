import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATE_IDS, getTemplate } from '../../journeys/templates/index.ts';
import type { DuckDBStore } from '../../storage/duckdb/duckdb-store.ts';
import { demoStore } from '../common/demo-store.ts';
import { runDropoff } from './index.ts';

let store: DuckDBStore;
let ws: string;
beforeAll(async () => { ({ store, workspaceId: ws } = await demoStore(300)); }, 120_000);
afterAll(() => store?.close());

describe('drop-off on the demo data', () => {
  it.each(TEMPLATE_IDS)('%s: counts that add up, rankings within the dropped, a window only lowers moving on', async (id) => {
    const journey = getTemplate(id)!;
    const [all, week] = await Promise.all([runDropoff(store, ws, { journey }), runDropoff(store, ws, { journey, window: '7d' })]);
    expect(all.transitions).toHaveLength(journey.stages.length - 1);
    all.transitions.forEach((t, i) => {
      expect(t.reachedNext).toBeLessThanOrEqual(t.advanced);
      expect(t.advanced).toBeLessThanOrEqual(t.reached);
      expect(t.dropped).toBe(t.reached - t.advanced);
      expect(t.dropOffRate).toBeGreaterThanOrEqual(0);
      expect(t.dropOffRate).toBeLessThanOrEqual(1);
      // Every customer who left had a touchpoint (the one they entered by), so the full ranking covers them all.
      expect(t.lastTouchpoints.reduce((n, x) => n + x.customers, 0)).toBeLessThanOrEqual(t.dropped);
      expect(t.lastEvents.reduce((n, x) => n + x.share, 0)).toBeLessThanOrEqual(1 + 1e-9);
      const w = week.transitions[i];
      expect(w.reached).toBe(t.reached);
      expect(w.advanced).toBeLessThanOrEqual(t.advanced);
    });
  });

  it('covers every customer who left in the full touchpoint ranking', async () => {
    const r = await runDropoff(store, ws, { journey: getTemplate('five-stage')!, limit: 100 });
    for (const t of r.transitions) expect(t.lastTouchpoints.reduce((n, x) => n + x.customers, 0)).toBe(t.dropped);
  });
});
