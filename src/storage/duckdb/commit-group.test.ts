import { describe, expect, test } from 'vitest';
import type { TouchEvent } from '../../ingest/event.ts';
import { raw, sql } from '../sql.ts';
import type { TableRows } from '../store.ts';
import { DuckDBStore } from './duckdb-store.ts';

/**
 * The ingest group commit (ingest-commit.ts IngestCommit.commit): small groups go through the appender, large
 * ones through the spool file, and rows for one table from several batches share one appender.
 */

/** Events with every kind of value a column can hold: nulls, control characters, unicode, nested JSON. */
function events(prefix: string, n: number): TouchEvent[] {
  return Array.from({ length: n }, (_, i) => ({
    workspaceId: 'ws', messageId: `${prefix}-${i}`, type: i % 3 === 0 ? 'page' : 'track',
    event: i % 5 === 0 ? 'Line\nbreak "quoted" \u0002stx' : `Event ${i % 4} ✓`, name: i % 3 === 0 ? `Page ${i}` : null,
    customerId: `c-${i}`, anonymousId: i % 2 ? `anon-${i}` : null, userId: i % 2 ? null : `user-${i}`,
    previousId: null, groupId: i % 7 === 0 ? 'g1' : null, channel: 'web', device: i % 2 ? 'mobile' : null,
    source: i % 4 === 0 ? null : 'analytics-node', timestamp: 1_700_000_000_123 + i * 1000.4, receivedAt: 1_700_000_100_000 + i,
    properties: { n: i, text: 'zażółć 送餐 \t tab', nested: { list: [1, 'two', null] } },
    traits: i % 2 ? null : { email: `u${i}@example.com`, plan: 'pro' }, context: { channel: 'web', locale: 'pl-PL' },
  }));
}

const COLUMNS = raw(`type, event, name, customer_id, anonymous_id, user_id, previous_id, group_id, channel, device, source,
  epoch_ms(ts) AS ts, epoch_ms(received_at) AS received_at, properties, traits, context`);

async function stored(store: DuckDBStore, prefix: string) {
  const rows = await store.query<Record<string, unknown>>(sql`SELECT regexp_extract(message_id, '-(\\d+)$', 1)::INTEGER AS i, ${COLUMNS}
    FROM events WHERE message_id LIKE ${`${prefix}-%`} ORDER BY i`);
  return rows;
}

describe('ingest group commit', () => {
  test('a small group (appender) stores every column as a large group (spool file) does', async () => {
    const store = await DuckDBStore.open(':memory:');
    try {
      await store.init();
      const small = events('small', 12);
      const large = events('large', 300);
      await store.commitIngest(small, { added: [], merged: [] });
      await store.commitIngest(large, { added: [], merged: [] });
      const a = await stored(store, 'small');
      const b = (await stored(store, 'large')).slice(0, 12);
      expect(a).toHaveLength(12);
      expect(a).toEqual(b);
      // And the values are the events' own, not just equal to each other.
      expect(a[0].event).toBe('Line\nbreak "quoted" \u0002stx');
      expect(a[0].device).toBeNull();
      expect(a[1].ts).toBe(Math.round(small[1].timestamp));
      expect(JSON.parse(String(a[0].properties))).toEqual(small[0].properties);
      expect(a[1].traits).toBeNull();
    } finally {
      await store.close();
    }
  });

  test('rows of several batches for one table keep every row, in order; a statement in between sees the rows before it', async () => {
    const store = await DuckDBStore.open(':memory:');
    try {
      await store.init();
      const row = (id: string, nps: number) => ['ws', id, 's1', null, null, `u-${id}`, '{}', 'en', true, null, null, 'web', null, nps, null, null, null, null, null,
        new Date(1_700_000_000_000), new Date(1_700_000_000_000)];
      const batch = (ids: string[], nps: number): TableRows => ({ table: 'survey_responses', rows: ids.map((id) => row(id, nps)) });
      await store.commitIngest(events('e', 3), { added: [], merged: [] }, [
        batch(['r1', 'r2'], 1), batch(['r3'], 2), batch(['r4', 'r5'], 3),
        // A batch that completes r3: its DELETE must remove the row appended above, then its new row goes in.
        sql`DELETE FROM survey_responses WHERE workspace_id = 'ws' AND response_id = 'r3'`, batch(['r3'], 9), batch(['r6'], 4),
      ]);
      const rows = await store.query<{ response_id: string; nps: number }>(raw('SELECT response_id, nps FROM survey_responses ORDER BY rowid'));
      expect(rows.map((r) => `${r.response_id}:${r.nps}`)).toEqual(['r1:1', 'r2:1', 'r4:3', 'r5:3', 'r3:9', 'r6:4']);
      expect((await store.query(raw("SELECT count(*) AS n FROM events WHERE message_id LIKE 'e-%'")))[0].n).toBe(3);
    } finally {
      await store.close();
    }
  });
});
