import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DuckDBStore } from '../storage/duckdb/duckdb-store.ts';
import { sql } from '../storage/sql.ts';
import type { TouchEvent } from './event.ts';
import { normalizeMessage } from './normalize.ts';
import { IngestWriter } from './writer.ts';

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

function events(workspaceId: string, ...ids: string[]): TouchEvent[] {
  return ids.map((messageId) => {
    const o = normalizeMessage({ type: 'track', event: 'E', anonymousId: 'a-' + messageId, messageId }, { workspaceId, receivedAt: Date.now() });
    if (!o.ok) throw new Error(JSON.stringify(o.details));
    return o.event;
  });
}

const count = async (store: DuckDBStore) => Number((await store.query<{ n: number }>(sql`SELECT count(*) AS n FROM events`))[0].n);

/** messageId de-duplication by hashes (dedup-index.ts): within a group, across groups, across a restart. */
describe('IngestWriter de-duplication', () => {
  it('drops retried messageIds in a group, in later groups and after a restart; workspaces are apart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'touchpoint-dedup-'));
    dirs.push(dir);
    const file = join(dir, 'db.duckdb');
    let store = await DuckDBStore.open(file);
    await store.init();
    let writer = new IngestWriter(store);
    await writer.init();
    // Concurrent writes land in one group: copies within it and within one request are duplicates.
    const [a, b] = await Promise.all([writer.write(events('ws', 'm1', 'm2', 'm1')), writer.write(events('ws', 'm2', 'm3'))]);
    expect(a).toEqual({ stored: 2, duplicates: 1 });
    expect(b).toEqual({ stored: 1, duplicates: 1 });
    expect(await writer.write(events('ws', 'm3', 'm4'))).toEqual({ stored: 1, duplicates: 1 });
    expect(await writer.write(events('other', 'm1'))).toEqual({ stored: 1, duplicates: 0 });
    await writer.close();
    await store.close();

    store = await DuckDBStore.open(file);
    await store.init();
    writer = new IngestWriter(store);
    await writer.init();
    expect(await writer.write(events('ws', 'm1', 'm4', 'm5', 'm5'))).toEqual({ stored: 1, duplicates: 3 });
    expect(await writer.write(events('other', 'm1', 'm2'))).toEqual({ stored: 1, duplicates: 1 });
    expect(await count(store)).toBe(7);
    // A hash hit is confirmed by the table: an id the index holds but the table does not is stored.
    await store.exec(sql`DELETE FROM events WHERE workspace_id = ${'ws'} AND message_id = ${'m5'}`);
    expect(await writer.write(events('ws', 'm5', 'm5', 'm3'))).toEqual({ stored: 1, duplicates: 2 });
    expect(await count(store)).toBe(7);
    await writer.close();
    await store.close();
  });
});
