import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { normalizeMessage } from '../ingest/normalize.ts';
import { IngestWriter } from '../ingest/writer.ts';
import { DuckDBStore } from '../storage/duckdb/duckdb-store.ts';
import { sql } from '../storage/sql.ts';
import { Cases } from './cases.ts';

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

const event = (messageId: string) => {
  const o = normalizeMessage({ type: 'track', event: 'Order Delivered', userId: 'u-' + messageId, messageId }, { workspaceId: 'ws', receivedAt: Date.now() });
  if (!o.ok) throw new Error(JSON.stringify(o.details));
  return o.event;
};

/** Cases opened through the ingest writer's group commit (IngestWriter.commitRows), as the server does. */
describe('cases committed with the ingest group', () => {
  it('stores each case and its audit row as returned, alongside concurrent events, and keeps them across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'touchpoint-cases-'));
    dirs.push(dir);
    const file = join(dir, 'db.duckdb');
    let store = await DuckDBStore.open(file);
    await store.init();
    const writer = new IngestWriter(store);
    await writer.init();
    let committed = 0;
    writer.onCommitted((events) => { committed += events.length; });
    const cases = new Cases(store, writer);
    const [written, opened] = await Promise.all([
      writer.write([event('m1'), event('m2')]),
      cases.openMany('ws', [
        { customerId: 'c1', reason: 'Detractor', evidence: { nps: 2, comment: 'zła obsługa "quoted"' }, priority: 'high', slaHours: 4, ruleId: 'detractor' },
        { customerId: 'c2', reason: 'Late delivery', owner: 'ana', team: 'fulfilment', slaHours: 0.15 },
      ], 'rule:detractor'),
    ]);
    expect(written).toEqual({ stored: 2, duplicates: 0 });
    // Listeners (rules) hear about events only: a group of case rows alone is not an event batch.
    expect(committed).toBe(2);
    expect(opened.map((c) => c.status)).toEqual(['open', 'open']);
    expect(Date.parse(opened[1].slaDueAt!) - Date.parse(opened[1].createdAt)).toBe(540_000);
    for (const c of opened) expect(await cases.get('ws', c.id)).toEqual(c);
    expect((await cases.audit('ws', opened[0].id))).toEqual([{ at: opened[0].createdAt, actor: 'rule:detractor', action: 'opened', changes: { reason: 'Detractor', ruleId: 'detractor' } }]);
    await writer.close();
    await store.close();

    store = await DuckDBStore.open(file);
    try {
      const rows = await store.query<{ id: string; evidence: string }>(sql`SELECT id, evidence FROM cases WHERE workspace_id = ${'ws'} ORDER BY customer_id`);
      expect(rows.map((r) => r.id)).toEqual(opened.map((c) => c.id));
      expect(JSON.parse(rows[0].evidence)).toEqual({ nps: 2, comment: 'zła obsługa "quoted"' });
    } finally {
      await store.close();
    }
  });

  it('without a writer, cases are committed on their own', async () => {
    const store = await DuckDBStore.open(':memory:');
    try {
      await store.init();
      const cases = new Cases(store);
      const [c] = await cases.openMany('ws', [{ customerId: 'c9', reason: 'Manual' }], 'agent@shop.test');
      expect(await cases.get('ws', c.id)).toEqual(c);
    } finally {
      await store.close();
    }
  });
});
