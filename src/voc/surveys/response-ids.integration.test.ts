import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DuckDBStore } from '../../storage/duckdb/duckdb-store.ts';
import { sql } from '../../storage/sql.ts';
import { ResponseIds } from './response-ids.ts';

let store: DuckDBStore;
beforeEach(async () => {
  store = await DuckDBStore.open(':memory:');
  await store.init();
});
afterEach(async () => { await store.close(); });

const insert = (ws: string, id: string) => store.exec(sql`INSERT INTO survey_responses VALUES (${ws}, ${id}, 's1', NULL, NULL, 'u', '{}', 'en', TRUE,
  NULL, NULL, 'web', NULL, 9, NULL, NULL, NULL, NULL, NULL, ${new Date()}, ${new Date()})`);

describe('ResponseIds (which response ids may be stored)', () => {
  it('says "maybe" for every id until it has read the table, then for stored ones only', async () => {
    await store.exec(sql`INSERT INTO survey_responses SELECT CASE WHEN i % 2 = 1 THEN 'w1' ELSE 'w2' END, 'stored-' || i, 's1', NULL, NULL, 'u', '{}', 'en', TRUE,
      NULL, NULL, 'web', NULL, 9, NULL, NULL, NULL, NULL, NULL, now(), now() FROM range(2000) AS t(i)`);
    const ids = new ResponseIds(store);
    expect(ids.mayExist('w1', 'fresh-1')).toBe(true);
    await ids.ready();
    for (let i = 0; i < 2000; i++) expect(ids.mayExist(i % 2 ? 'w1' : 'w2', `stored-${i}`)).toBe(true);
    // The same id in another workspace is another response.
    const fresh = Array.from({ length: 10_000 }, (_, i) => ids.mayExist('w1', `fresh-${i}`)).filter(Boolean).length
      + Array.from({ length: 1000 }, (_, i) => ids.mayExist('w3', `stored-${i}`)).filter(Boolean).length;
    expect(fresh).toBeLessThan(110); // ~1 % false positives at most
  });

  it('keeps ids added while it reads the table, and after', async () => {
    await insert('w1', 'before');
    const ids = new ResponseIds(store);
    const loading = ids.ready();
    ids.add('w1', 'during');
    await loading;
    ids.add('w1', 'after');
    for (const id of ['before', 'during', 'after']) expect(ids.mayExist('w1', id)).toBe(true);
  });
});
