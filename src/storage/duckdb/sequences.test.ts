import { afterEach, describe, expect, test } from 'vitest';
import { at, ev, storeWith, WS } from '../../analytics/common/fixtures.ts';
import { referenceFunnel, runFunnel } from '../../analytics/funnel/index.ts';
import { runPaths } from '../../analytics/paths/index.ts';
import { raw } from '../sql.ts';
import type { DuckDBStore } from './duckdb-store.ts';

/** The stored customer sequences stay equal to the events: compaction, tail, merges. */
describe('customer sequences', () => {
  let store: DuckDBStore;
  afterEach(async () => { await store.close(); });
  const request = { steps: [{ event: 'A' }, { event: 'B' }, { event: 'C' }], window: '1d' };

  test('a merge of compacted customers moves the sequence of one into the other, in the same transaction', async () => {
    const events = [ev('x', 'A', at(0, 1)), ev('y', 'B', at(0, 2)), ev('y', 'C', at(0, 3)), ev('z', 'A', at(0, 4))];
    store = await storeWith(events);
    await store.compactSequences();
    expect((await runFunnel(store, WS, request)).steps.map((s) => s.count)).toEqual([2, 0, 0]);

    await store.commitIngest([ev('x', 'C', at(0, 5))], { added: [], merged: [{ workspaceId: WS, from: 'y', to: 'x', at: at(0, 6) }] });
    const merged = [...events, ev('x', 'C', at(0, 5))].map((e) => (e.customerId === 'y' ? { ...e, customerId: 'x' } : e));
    const want = referenceFunnel(merged, WS, request);
    expect(want.steps.map((s) => s.count)).toEqual([2, 1, 1]);
    expect(await runFunnel(store, WS, request)).toEqual(want); // stored rows merged, new event in the tail
    const rows = await store.query<{ customer_id: string }>(raw('SELECT customer_id FROM customer_sequences ORDER BY 1'));
    expect(rows.map((r) => r.customer_id)).toEqual(['x', 'z']);

    await store.compactSequences();
    expect(await store.sequences(WS)).toMatchObject({ tail: 0 });
    expect(await runFunnel(store, WS, request)).toEqual(want);
  });

  test('events written around the ingest path (no code yet) are not read from sequences until compacted', async () => {
    store = await storeWith([ev('x', 'A', at(0, 1))]);
    await store.exec(raw(`INSERT INTO events SELECT * REPLACE ('New Event' AS event, 'm-direct' AS message_id) FROM events`));
    expect(await store.sequences(WS, ['New Event'])).toBeNull();
    await store.compactSequences();
    const snap = await store.sequences(WS, ['New Event']);
    expect(snap?.tail).toBe(0);
    expect(snap?.codes.get('New Event')).toHaveLength(1);
  });

  test('a file from before the time-sorted keys gets them at the next start: its sequences are rebuilt from the events', async () => {
    const events = [ev('x', 'A', at(0, 1)), ev('x', 'B', at(0, 2)), ev('y', 'A', at(0, 3)), ev('x', 'C', at(0, 4))];
    store = await storeWith(events);
    await store.compactSequences();
    const paths = await runPaths(store, WS, { start: { event: 'A' }, depth: 3 });
    // The old layout: no keys/tied columns, watermark past every event.
    await store.exec(raw(`CREATE OR REPLACE TABLE customer_sequences AS SELECT workspace_id, customer_id, codes, times FROM customer_sequences`));
    await store.init();
    const rows = await store.query<{ n: number; keyed: number }>(raw('SELECT count(*) AS n, count(keys) AS keyed FROM customer_sequences'));
    expect(rows[0]).toEqual({ n: 2, keyed: 2 });
    expect(await store.sequences(WS)).toMatchObject({ tail: 0 });
    expect(await runPaths(store, WS, { start: { event: 'A' }, depth: 3 })).toEqual(paths);
    expect(await runFunnel(store, WS, request)).toEqual(referenceFunnel(events, WS, request));
  });
});
