import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTemplate } from '../../journeys/templates/index.ts';
import type { DuckDBStore } from '../../storage/duckdb/duckdb-store.ts';
import { demoStore } from '../common/demo-store.ts';
import { runDropoff } from '../dropoff/index.ts';
import { runJourneyMap, type JourneyMapResult } from './index.ts';

/** The 5-stage template on the demo shop (300 customers): invariants and agreement with drop-off. */
const journey = getTemplate('five-stage')!;
let store: DuckDBStore;
let ws: string;
let map: JourneyMapResult;

beforeAll(async () => {
  ({ store, workspaceId: ws } = await demoStore(300));
  map = await runJourneyMap(store, ws, { journey, version: 1 });
}, 120_000);
afterAll(() => store?.close());

const inUnit = (x: number | null) => x === null || (x >= 0 && x <= 1);

describe('journey map on the demo data', () => {
  it('has every stage reached, and numbers that add up', () => {
    expect(map.totals.customers).toBeGreaterThan(250);
    for (const s of map.stages) {
      expect(s.reach, s.id).toBeGreaterThan(0);
      expect(s.reach).toBeLessThanOrEqual(map.totals.customers);
      expect(s.advanced).toBeLessThanOrEqual(s.reach);
      expect(inUnit(s.conversionToNext)).toBe(true);
      expect(inUnit(s.goal?.reached ?? null)).toBe(true);
      expect(s.medianSecondsToNext === null || s.medianSecondsToNext >= 0).toBe(true);
      const dropped = s.dropOff.reduce((n, d) => n + d.customers, 0);
      expect(dropped).toBeLessThanOrEqual(s.reach - s.advanced);
      for (const t of s.touchpoints) {
        expect(t.inStage, t.id).toBeLessThanOrEqual(t.reach);
        expect(t.reach).toBeLessThanOrEqual(t.events);
        expect(inUnit(t.conversionToNextStage)).toBe(true);
        expect(inUnit(t.friction.share)).toBe(true);
        expect(['good', 'warning', 'bad']).toContain(t.health);
        expect(t.voc).toBeNull();
      }
      // Every entrant entered through one of the stage's touchpoints while in it.
      expect(Math.max(...s.touchpoints.map((t) => t.inStage))).toBeLessThanOrEqual(s.reach);
      expect(s.touchpoints.reduce((n, t) => n + t.inStage, 0)).toBeGreaterThanOrEqual(s.reach);
    }
    expect(map.stages.at(-1)!.conversionToNext).toBeNull();
    expect(map.channels).toEqual(expect.arrayContaining(['web', 'app', 'email', 'social']));
  });

  it('puts the designed friction where it belongs', () => {
    const tp = (id: string) => map.stages.flatMap((s) => s.touchpoints).find((t) => t.id === id)!;
    expect(tp('payment-failed').friction.paymentFailures).toBe(tp('payment-failed').events);
    expect(tp('order-delivered').friction.lateDeliveries).toBeGreaterThan(0);
    expect(tp('return-requested').friction.returns).toBe(tp('return-requested').events);
    expect(tp('checkout-started').friction.slowPages).toBeGreaterThan(0);
    expect(tp('checkout-started').health).toBe('bad'); // checkout pages are the slow ones in the demo
  });

  it('agrees with the drop-off report', async () => {
    const d = await runDropoff(store, ws, { journey, limit: 3 });
    d.transitions.forEach((t, i) => {
      expect(t.reached).toBe(map.stages[i].reach);
      expect(t.advanced).toBe(map.stages[i].advanced);
      expect(t.lastTouchpoints.map((x) => [x.touchpointId, x.customers])).toEqual(map.stages[i].dropOff.map((x) => [x.touchpointId, x.customers]));
    });
  });

  it('splits customers by persona', async () => {
    const byPersona = await Promise.all(journey.personas!.map((p) => runJourneyMap(store, ws, { journey, persona: p.id })));
    const customers = byPersona.map((r) => r.totals.customers);
    expect(customers.every((n) => n > 0)).toBe(true);
    expect(customers.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(map.totals.customers);
    map.stages.forEach((s, i) => {
      expect(byPersona.reduce((n, r) => n + r.stages[i].reach, 0)).toBeLessThanOrEqual(s.reach);
    });
  });
});
