import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBStore } from '../../storage/duckdb/duckdb-store.ts';
import { at, ev, storeWith, WS } from '../common/fixtures.ts';
import { isoWeekLabel } from './periods.ts';
import { runRetention } from './run-retention.ts';

const ORD = 'Order Completed';
const buys = (c: string, ...days: number[]) => days.map((d) => ev(c, ORD, at(d)));
const from = new Date(at(0)).toISOString(); // Monday 2026-10-05, ISO week 41

let store: DuckDBStore;
beforeAll(async () => {
  store = await storeWith([
    ...buys('u1', 0, 8, 22, 40), // W41 · W42 · W44 · W46 (Sat 14 Nov)
    ...buys('u2', 2, 3), // both in W41
    ...buys('u3', 1), ev('u3', 'Product Viewed', at(15)), // W41, viewed in W43
    ...buys('u4', 7, 14), // W42 · W43
    ...buys('u5', -30, 10), // first bought in W36, before `from`
    ...buys('u6', 9), // W42
    ...buys('z1', 0, 1, 2).map((e) => ({ ...e, workspaceId: 'other' })),
  ]);
});
afterAll(() => store.close());

describe('runRetention', () => {
  it('weekly cohorts by first purchase, calendar periods up to the latest event', async () => {
    const r = await runRetention(store, WS, { cohort: 'week', from });
    expect(r.asOf).toBe(new Date(at(40)).toISOString());
    expect(r.periods).toBe(8);
    expect(r.cohorts).toEqual([
      // u1 u2 u3; only u1 comes back (W42, W44, W46); u2's second order is in period 0.
      { cohort: '2026-W41', start: '2026-10-05', size: 3, retained: [3, 1, 0, 1, 0, 1], rates: [1, 1 / 3, 0, 1 / 3, 0, 1 / 3], repeaters: 2, repeatRate: 2 / 3 },
      // u4 u6; u4 comes back in W43. W46 is period 4: five periods observed.
      { cohort: '2026-W42', start: '2026-10-12', size: 2, retained: [2, 1, 0, 0, 0], rates: [1, 0.5, 0, 0, 0], repeaters: 1, repeatRate: 0.5 },
    ]);
    expect(r.repeat).toEqual({ customers: 5, repeaters: 3, rate: 0.6 });
  });

  it('time between consecutive purchases of cohort members: mean, median, p75, buckets', async () => {
    const { timeBetween: t } = await runRetention(store, WS, { from });
    // u1: 8, 14, 18 · u2: 1 · u4: 7 → sorted [1, 7, 8, 14, 18]; u5 is not in a cohort.
    expect(t.intervals).toBe(5);
    expect(t.meanDays).toBeCloseTo(48 / 5, 10);
    expect(t.medianDays).toBeCloseTo(8, 10);
    expect(t.p75Days).toBeCloseTo(14, 10);
    expect(t.buckets.filter((b) => b.count > 0).map((b) => [b.label, b.count, b.share])).toEqual([
      ['1–7 days', 1, 0.2], ['7–14 days', 2, 0.4], ['14–30 days', 2, 0.4],
    ]);
  });

  it('interpolates quantiles between ranks', async () => {
    const { timeBetween: t } = await runRetention(store, WS, { from, asOf: new Date(at(22)).toISOString() });
    // As of day 22: gaps [1, 7, 8, 14]; median at rank 1.5, p75 at rank 2.25.
    expect(t.intervals).toBe(4);
    expect(t.medianDays).toBeCloseTo(7.5, 10);
    expect(t.p75Days).toBeCloseTo(9.5, 10);
  });

  it('monthly cohorts, a different return event, and a bounded range', async () => {
    const monthly = await runRetention(store, WS, { cohort: 'month', from });
    expect(monthly.cohorts).toEqual([
      { cohort: '2026-10', start: '2026-10-01', size: 5, retained: [5, 1], rates: [1, 0.2], repeaters: 3, repeatRate: 0.6 },
    ]);
    const views = await runRetention(store, WS, { from, to: new Date(at(7)).toISOString(), returnEvent: 'Product Viewed' });
    expect(views.cohorts).toHaveLength(1);
    expect(views.cohorts[0].retained).toEqual([3, 0, 1, 0, 0, 0]);
  });

  it('a customer belongs to the cohort of their first-ever purchase', async () => {
    const r = await runRetention(store, WS, { cohort: 'week' });
    const w36 = r.cohorts[0];
    expect(w36).toMatchObject({ cohort: '2026-W36', start: '2026-08-31', size: 1 });
    // Back in W42 = period 6; eight periods shown.
    expect(w36.retained).toEqual([1, 0, 0, 0, 0, 0, 1, 0]);
    expect(r.cohorts.map((c) => c.size)).toEqual([1, 3, 2]);
  });

  it('an empty workspace has no cohorts', async () => {
    const r = await runRetention(store, 'nobody', {});
    expect(r.cohorts).toEqual([]);
    expect(r.timeBetween.medianDays).toBeNull();
  });
});

describe('isoWeekLabel', () => {
  it('uses the ISO week-numbering year', () => {
    expect(isoWeekLabel(new Date('2026-10-05T00:00:00Z'))).toBe('2026-W41');
    expect(isoWeekLabel(new Date('2025-12-29T00:00:00Z'))).toBe('2026-W01');
    expect(isoWeekLabel(new Date('2027-01-01T00:00:00Z'))).toBe('2026-W53');
    expect(isoWeekLabel(new Date('2021-01-03T00:00:00Z'))).toBe('2020-W53');
  });
});
