import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBStore } from '../../storage/duckdb/duckdb-store.ts';
import { sql } from '../../storage/sql.ts';
import { AnalyticsInputError } from '../common/errors.ts';
import { at, ev, journey, storeWith, WS } from '../common/fixtures.ts';
import { runPaths } from './run-paths.ts';

const PV = 'Page Viewed', PROD = 'Product Viewed', ADD = 'Product Added', CHK = 'Checkout Started', ORD = 'Order Completed';

let store: DuckDBStore;
beforeAll(async () => {
  store = await storeWith([
    ...journey('c1', [PV, PROD, PROD, ADD, CHK, ORD]),
    ...journey('c2', [PROD, ADD, PROD, ADD]),
    ...journey('c3', [PV, PROD, CHK, ORD]),
    ...journey('c4', [ADD, CHK]),
    ev('c4', 'Identify', at(0, 0, 30)),
    ...journey('x1', [PROD, ORD], at(0), { workspaceId: 'other' }),
  ]);
});
afterAll(() => store.close());

/** Links as text, in the result's order: value desc, then step, source id, target id. */
const links = (r: { links: { source: string; target: string; value: number }[] }) => r.links.map((l) => `${l.source} > ${l.target} = ${l.value}`);

describe('runPaths', () => {
  it('follows each customer from their first start, collapsing repeats, top links first', async () => {
    const r = await runPaths(store, WS, { start: { event: PROD }, depth: 3 });
    // c1: Prod Add Chk · c2: Prod Add Prod · c3: Prod Chk Ord · c4 never viewed a product.
    expect(r.customers).toBe(3);
    expect(links(r)).toEqual([
      `0:${PROD} > 1:${ADD} = 2`,
      `0:${PROD} > 1:${CHK} = 1`,
      `1:${CHK} > 2:${ORD} = 1`,
      `1:${ADD} > 2:${CHK} = 1`,
      `1:${ADD} > 2:${PROD} = 1`,
    ]);
    expect(r.nodes).toEqual([
      { id: `0:${PROD}`, name: PROD, step: 0, value: 3, exits: 0 },
      { id: `1:${ADD}`, name: ADD, step: 1, value: 2, exits: 0 },
      { id: `1:${CHK}`, name: CHK, step: 1, value: 1, exits: 0 },
      { id: `2:${CHK}`, name: CHK, step: 2, value: 1, exits: 1 },
      { id: `2:${ORD}`, name: ORD, step: 2, value: 1, exits: 1 },
      { id: `2:${PROD}`, name: PROD, step: 2, value: 1, exits: 1 },
    ]);
  });

  it('keeps repeats when asked', async () => {
    const r = await runPaths(store, WS, { start: { event: PROD }, depth: 3, collapseRepeats: false });
    expect(links(r)).toContain(`0:${PROD} > 1:${PROD} = 1`);
    expect(links(r)).toContain(`1:${PROD} > 2:${ADD} = 1`);
  });

  it('counts backwards with negative steps to an end', async () => {
    const r = await runPaths(store, WS, { end: { event: ORD }, depth: 3 });
    expect(r.customers).toBe(2);
    expect(links(r)).toEqual([
      `-1:${CHK} > 0:${ORD} = 2`,
      `-2:${ADD} > -1:${CHK} = 1`,
      `-2:${PROD} > -1:${CHK} = 1`,
    ]);
    expect(r.nodes.find((n) => n.id === `0:${ORD}`)).toMatchObject({ value: 2, exits: 2 });
  });

  it('with start and end: only customers who reach the end, cut at the end or at depth', async () => {
    const full = await runPaths(store, WS, { start: { event: PROD }, end: { event: ORD }, depth: 10 });
    expect(full.customers).toBe(2);
    expect(links(full)).toEqual([
      `0:${PROD} > 1:${CHK} = 1`,
      `0:${PROD} > 1:${ADD} = 1`,
      `1:${CHK} > 2:${ORD} = 1`,
      `1:${ADD} > 2:${CHK} = 1`,
      `2:${CHK} > 3:${ORD} = 1`,
    ]);
    const short = await runPaths(store, WS, { start: { event: PROD }, end: { event: ORD }, depth: 2 });
    expect(links(short)).toEqual([`0:${PROD} > 1:${CHK} = 1`, `0:${PROD} > 1:${ADD} = 1`]);
  });

  it('without an anchor starts at each customer’s first step; identify calls are not steps', async () => {
    const r = await runPaths(store, WS, { depth: 2 });
    expect(r.customers).toBe(4);
    expect(links(r)).toEqual([`0:${PV} > 1:${PROD} = 2`, `0:${ADD} > 1:${CHK} = 1`, `0:${PROD} > 1:${ADD} = 1`]);
  });

  it('applies minCount and limit to links and keeps only their nodes', async () => {
    const r = await runPaths(store, WS, { start: { event: PROD }, depth: 3, minCount: 2 });
    expect(links(r)).toEqual([`0:${PROD} > 1:${ADD} = 2`]);
    expect(r.nodes.map((n) => n.id)).toEqual([`0:${PROD}`, `1:${ADD}`]);
    const top2 = await runPaths(store, WS, { start: { event: PROD }, depth: 3, limit: 2 });
    expect(top2.links).toHaveLength(2);
  });

  it('excluded events vanish before repeats collapse', async () => {
    const r = await runPaths(store, WS, { start: { event: PROD }, depth: 3, exclude: [ADD] });
    // c2: Prod (Add) Prod (Add) → Prod; c1: Prod Chk Ord; c3: Prod Chk Ord.
    expect(links(r)).toEqual([`0:${PROD} > 1:${CHK} = 2`, `1:${CHK} > 2:${ORD} = 2`]);
    expect(r.nodes[0]).toMatchObject({ id: `0:${PROD}`, value: 3, exits: 1 });
  });

  it('steps are touchpoints when touchpointSql is injected; unmatched events are skipped', async () => {
    const touchpointSql = sql`(CASE WHEN event IN (${PROD}, ${ADD}) THEN ${'browse'} WHEN event = ${ORD} THEN ${'buy'} END)`;
    const r = await runPaths(store, WS, { start: { touchpoint: 'browse' }, depth: 3 }, { touchpointSql });
    // c1: browse buy · c2: browse · c3: browse buy · c4: browse (Checkout Started matches nothing).
    expect(r.customers).toBe(4);
    expect(links(r)).toEqual(['0:browse > 1:buy = 2']);
    await expect(runPaths(store, WS, { start: { touchpoint: 'browse' } })).rejects.toBeInstanceOf(AnalyticsInputError);
    await expect(runPaths(store, WS, { start: { event: PROD } }, { touchpointSql })).rejects.toBeInstanceOf(AnalyticsInputError);
  });

  it('rejects bad requests with zod', async () => {
    await expect(runPaths(store, WS, { depth: 11 })).rejects.toThrow();
    await expect(runPaths(store, WS, { start: { event: PROD, touchpoint: 'x' } } as never)).rejects.toThrow();
  });
});

describe('runPaths with sessions and time range', () => {
  let s: DuckDBStore;
  beforeAll(async () => {
    s = await storeWith([
      ev('s1', PROD, at(1, 10, 0)), ev('s1', ADD, at(1, 10, 1)),
      ev('s1', CHK, at(1, 12, 0)), ev('s1', ORD, at(1, 12, 1)),
      ev('s2', PROD, at(0, 9, 0)), ev('s2', CHK, at(0, 9, 1)),
      ev('s2', PROD, at(2, 9, 0)), ev('s2', ORD, at(2, 9, 5)),
    ]);
  });
  afterAll(() => s.close());

  it('a gap longer than sessionGapMinutes ends the path on either side of the anchor', async () => {
    const forward = await runPaths(s, WS, { start: { event: PROD }, depth: 5, sessionGapMinutes: 30 });
    // s1: Prod Add | gap | … ; s2: Prod Chk | gap | …
    expect(links(forward)).toEqual([`0:${PROD} > 1:${CHK} = 1`, `0:${PROD} > 1:${ADD} = 1`]);
    const back = await runPaths(s, WS, { end: { event: ORD }, depth: 5, sessionGapMinutes: 30 });
    // s1: … | gap | Chk Ord ; s2: … | gap | Prod Ord
    expect(links(back)).toEqual([`-1:${CHK} > 0:${ORD} = 1`, `-1:${PROD} > 0:${ORD} = 1`]);
    const whole = await runPaths(s, WS, { start: { event: PROD }, depth: 5 });
    expect(links(whole)).toContain(`2:${CHK} > 3:${ORD} = 1`);
  });

  it('from/to bound the events, anchors included', async () => {
    const r = await runPaths(s, WS, { start: { event: PROD }, depth: 5, from: new Date(at(1)).toISOString() });
    // s2's first Product Viewed in range is day 2's.
    expect(links(r)).toContain(`0:${PROD} > 1:${ORD} = 1`);
    expect(links(r)).not.toContain(`0:${PROD} > 1:${CHK} = 1`);
    const until = await runPaths(s, WS, { start: { event: PROD }, depth: 5, to: '2026-10-06' });
    expect(until.customers).toBe(1);
  });

  it('orders same-time steps by name when the stored order (by event code) differs', async () => {
    // "Zoom Used" arrives first, so its code is lower than "Alert Shown"'s; both then happen at the
    // same millisecond for t1. By name, Alert Shown comes first, as it does without compaction.
    const tied = await storeWith([ev('t0', 'Zoom Used', at(0))]);
    try {
      await tied.commitIngest([ev('t1', 'Start', at(1)), ev('t1', 'Zoom Used', at(1, 1)), ev('t1', 'Alert Shown', at(1, 1))], { added: [], merged: [] });
      const before = await runPaths(tied, WS, { start: { event: 'Start' }, depth: 3 });
      await tied.compactSequences();
      const after = await runPaths(tied, WS, { start: { event: 'Start' }, depth: 3 });
      expect(links(after)).toEqual(['0:Start > 1:Alert Shown = 1', '1:Alert Shown > 2:Zoom Used = 1']);
      expect(after).toEqual(before);
    } finally {
      await tied.close();
    }
  });
});
