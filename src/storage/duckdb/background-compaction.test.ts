import { describe, expect, test } from 'vitest';
import { at, ev, WS } from '../../analytics/common/fixtures.ts';
import { referenceFunnel, runFunnel } from '../../analytics/funnel/index.ts';
import type { TouchEvent } from '../../ingest/event.ts';
import { raw } from '../sql.ts';
import { DuckDBStore } from './duckdb-store.ts';

/**
 * Compaction runs on its own connection while ingest goes on (upkeep.ts `compactor`): the
 * stored sequences must still equal the events, whatever commits and merges happen meanwhile.
 */
describe('background compaction during ingest', () => {
  test('sequences equal the events after groups and merges committed while compactions ran', async () => {
    const store = await DuckDBStore.open(':memory:', { compactEveryEvents: 40 });
    try {
      await store.init();
      let events: TouchEvent[] = [];
      let x = 7;
      const rand = (n: number) => { x = (x * 1103515245 + 12345) % 2147483648; return x % n; };
      const names = ['A', 'B', 'C', 'D'];
      let customers = ['c0', 'c1', 'c2'];
      const commits: Promise<void>[] = [];
      for (let round = 0; round < 60; round++) {
        const group: TouchEvent[] = [];
        for (let i = 0; i < 25; i++) {
          if (rand(10) === 0) customers.push(`c${customers.length + round * 100}`);
          group.push(ev(customers[rand(customers.length)], names[rand(4)], at(round % 3, rand(24), rand(60))));
        }
        let merged: { workspaceId: string; from: string; to: string; at: number }[] = [];
        if (round % 7 === 6 && customers.length > 3) {
          const [from, to] = [customers[1], customers[customers.length - 1]];
          merged = [{ workspaceId: WS, from, to, at: at(3) }];
          events = events.map((e) => (e.customerId === from ? { ...e, customerId: to } : e));
          customers = customers.filter((c) => c !== from);
          for (const e of group) if (e.customerId === from) e.customerId = to;
        }
        events.push(...group);
        // Not awaited one by one: the next group queues while a compaction may be running.
        commits.push(store.commitIngest(group, { added: [], merged }));
        if (round % 5 === 4) await Promise.all(commits.splice(0));
      }
      await Promise.all(commits);
      await store.backgroundDone();
      const [state] = await store.query<{ last_rowid: number }>(raw('SELECT last_rowid FROM sequence_state'));
      expect(Number(state.last_rowid)).toBeGreaterThan(0); // compactions ran in the background

      const request = { steps: [{ event: 'A' }, { event: 'B' }, { event: 'C' }], window: '1d' };
      const want = referenceFunnel(events, WS, request);
      expect(await runFunnel(store, WS, request)).toEqual(want);
      await store.compactSequences();
      expect(await store.sequences(WS)).toMatchObject({ tail: 0 });
      expect(await runFunnel(store, WS, request)).toEqual(want);
      // The same as compacting the final events once, in a fresh file.
      const fresh = await DuckDBStore.open(':memory:');
      try {
        await fresh.init();
        await fresh.commitIngest(events, { added: [], merged: [] });
        await fresh.compactSequences();
        // Codes are numbered in the order names first came, so compare names.
        const sequences = (s: DuckDBStore) => s.query(raw(`SELECT u.customer_id, c.event, c.interaction, u.t
          FROM (SELECT customer_id, unnest(codes) AS code, unnest(times) AS t FROM customer_sequences) u JOIN event_codes c USING (code)
          ORDER BY 1, 2, 3`));
        expect(await sequences(store)).toEqual(await sequences(fresh));
      } finally {
        await fresh.close();
      }
    } finally {
      await store.close();
    }
  });
});
