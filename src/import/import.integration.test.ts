import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.ts';
import { startServer, type RunningServer } from '../server/start.ts';
import { sql } from '../storage/sql.ts';
import { runImport } from './run-import.ts';

// A real server on a socket, real files; the CLI's runImport talks to it over HTTP as a user's would.
const EXAMPLES = resolve(import.meta.dirname, '../../examples/import');
const CALL_MAP = 'userId=Customer ID,timestamp=Call Date,event=:Call Completed,channel=:phone,'
  + 'properties.reason=Reason,properties.duration_s=Duration:number,properties.resolved=Resolved:boolean,properties.order_id=Order ID';

let dir: string;
let server: RunningServer;
let writeKey: string;
const file = (name: string, text: string) => { const p = join(dir, name); writeFileSync(p, text); return p; };
const events = (userPrefix: string) => server.services.store.query<{ user_id: string; event: string; channel: string; source: string; ts: Date; reason: string | null; duration: number | null }>(sql`
  SELECT user_id, event, channel, source, ts,
         json_extract_string(properties, '$.reason') AS reason, TRY_CAST(json_extract_string(properties, '$.duration_s') AS DOUBLE) AS duration
  FROM events WHERE starts_with(user_id, ${userPrefix}) ORDER BY ts, user_id`);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tp-import-'));
  server = await startServer(loadConfig({ port: 0, host: '127.0.0.1', dataDir: join(dir, 'data'), logLevel: 'silent' }, {}));
  writeKey = server.defaultWorkspace.writeKey;
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('touchpoint import into a running server', () => {
  it('imports the call-centre CSV as phone events and the store NDJSON as store events, read back from the store', async () => {
    const calls = await runImport({ file: join(EXAMPLES, 'call-centre.csv'), map: CALL_MAP, url: server.url, writeKey });
    expect(calls).toMatchObject({ rowsRead: 20, valid: 20, stored: 20, duplicates: 0, rejected: 0, exitCode: 0, url: server.url });

    // The write key comes from the local server's data folder when --write-key is not given.
    const shop = await runImport({ file: join(EXAMPLES, 'store-purchases.ndjson'), url: server.url, dataDir: join(dir, 'data') });
    expect(shop).toMatchObject({ rowsRead: 20, stored: 20, duplicates: 0, rejected: 0, exitCode: 0 });

    const rows = await events('cust-');
    expect(rows).toHaveLength(40);
    const phone = rows.filter((r) => r.event === 'Call Completed');
    expect(phone).toHaveLength(20);
    expect(new Set(phone.map((r) => r.channel))).toEqual(new Set(['phone']));
    expect(phone[0]).toMatchObject({ user_id: 'cust-1001', reason: 'Where is my order', duration: 312, source: 'import' });
    expect(new Date(phone[0].ts).toISOString()).toBe('2026-03-02T09:14:05.000Z');
    const store = rows.filter((r) => r.event === 'Order Completed');
    expect(store).toHaveLength(20);
    expect(new Set(store.map((r) => r.channel))).toEqual(new Set(['store']));

    // The imported events join the customer's timeline like any other channel.
    const res = await fetch(`${server.url}/api/v1/customers/cust-1003/timeline`, { headers: { authorization: `Bearer ${server.defaultWorkspace.secretKey}` } });
    const body = await res.json() as { events: { event: string; channel: string }[] };
    expect(body.events.map((e) => `${e.channel}:${e.event}`)).toEqual(['store:Order Completed', 'phone:Call Completed', 'phone:Call Completed']);
  });

  it('is idempotent: importing the same file again stores nothing and reports duplicates', async () => {
    const csv = join(dir, 'calls-again.csv');
    copyFileSync(join(EXAMPLES, 'call-centre.csv'), csv);
    const nd = join(dir, 'shop-again.ndjson');
    copyFileSync(join(EXAMPLES, 'store-purchases.ndjson'), nd);
    const first = [await runImport({ file: csv, map: CALL_MAP, url: server.url, writeKey }), await runImport({ file: nd, url: server.url, writeKey })];
    expect(first.map((s) => s.stored)).toEqual([20, 20]);
    const before = (await events('cust-')).length;
    const again = [await runImport({ file: csv, map: CALL_MAP, url: server.url, writeKey, batchSize: 7 }), await runImport({ file: nd, url: server.url, writeKey })];
    expect(again.map((s) => [s.stored, s.duplicates, s.exitCode])).toEqual([[0, 20, 0], [0, 20, 0]]);
    expect((await events('cust-')).length).toBe(before);
  });

  it('a file with bad rows stores the good ones, reports the bad by reason and line, and exits 2', async () => {
    // CRLF line ends across many read chunks, and several batches: line numbers must still be exact.
    const lines = ['Customer ID,Call Date,Reason,Duration'];
    for (let i = 0; i < 3000; i++) lines.push(`bad-${i},2026-03-0${1 + (i % 9)} 10:${String(i % 60).padStart(2, '0')}:00,"Reason ${i % 7}, see notes",${i}`);
    lines[100] = 'bad-x,31/03/2026,Other,5';
    lines[2500] = 'bad-y,2026-03-02,Other,ten';
    lines[2900] = ',2026-03-02,Other,5';
    lines[2950] = 'bad-z,03/04/2026,Other,5';
    const csv = file('bad-calls.csv', lines.join('\r\n') + '\r\n');
    const s = await runImport({ file: csv, map: CALL_MAP.split(',properties.resolved')[0], url: server.url, writeKey, batchSize: 500 });
    expect(s).toMatchObject({ rowsRead: 3000, valid: 2996, stored: 2996, duplicates: 0, rejected: 4, exitCode: 2 });
    expect(s.rejections.map((g) => [g.count, g.reason.replace(/;.*/, ''), g.lines, g.examples])).toEqual([
      [2, 'timestamp (column "Call Date") is not a date', [101, 2951], ['31/03/2026', '03/04/2026']],
      [1, 'properties.duration_s (column "Duration") is not a number', [2501], ['ten']],
      [1, 'userId or anonymousId is required (column "Customer ID" is empty)', [2901], []],
    ]);
    expect((await events('bad-')).length).toBe(2996);
  });

  it('reports rows the server refuses against their own line numbers, also when a whole batch is refused', async () => {
    const ok = (i: number) => JSON.stringify({ type: 'track', event: 'Visit', userId: `srv-${i}`, timestamp: '2026-03-01T10:00:00Z' });
    // Batches of two: lines 3 and 4 make up a batch with no valid message, which the server answers with 400.
    const nd = file('server-rejects.ndjson', [
      ok(1), ok(2),
      JSON.stringify({ type: 'track', event: 'Visit', userId: 'srv-3', properties: 'not an object' }),
      JSON.stringify({ type: 'track', event: 'x'.repeat(300), userId: 'srv-4' }),
      ok(5),
    ].join('\n'));
    const s = await runImport({ file: nd, url: server.url, writeKey, batchSize: 2 });
    expect(s).toMatchObject({ rowsRead: 5, valid: 5, stored: 3, rejected: 2, exitCode: 2 });
    expect(s.rejections.map((g) => [g.reason, g.lines])).toEqual([
      ['properties: must be a JSON object', [3]],
      ['event: Too big: expected string to have <=200 characters', [4]],
    ]);
    expect((await events('srv-')).map((r) => r.user_id)).toEqual(['srv-1', 'srv-2', 'srv-5']);
  });

  it('retries batches through 503s and dropped connections without storing anything twice', async () => {
    let failuresLeft = 3;
    const proxy = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      if (req.url === '/v1/import' && chunks.length > 0 && failuresLeft-- > 0) {
        if (failuresLeft === 1) return req.socket.destroy(); // the second failure: connection dropped
        res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":"busy"}');
        return;
      }
      const upstream = await fetch(server.url + req.url, { method: req.method, headers: { authorization: req.headers.authorization ?? '', 'content-type': 'application/x-ndjson' }, body: req.method === 'POST' ? Buffer.concat(chunks) : undefined });
      res.writeHead(upstream.status, { 'content-type': 'application/json' }).end(Buffer.from(await upstream.arrayBuffer()));
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    try {
      const port = (proxy.address() as { port: number }).port;
      const rows = Array.from({ length: 50 }, (_, i) => JSON.stringify({ event: 'Store Visit', userId: `retry-${i}`, context: { channel: 'store' } }));
      const s = await runImport({ file: file('retry.ndjson', rows.join('\n')), url: `http://127.0.0.1:${port}`, writeKey, batchSize: 20, concurrency: 3, retryDelayMs: 5 });
      expect(failuresLeft).toBeLessThan(0);
      expect(s).toMatchObject({ rowsRead: 50, stored: 50, duplicates: 0, rejected: 0 });
      expect((await events('retry-')).length).toBe(50);
    } finally {
      await new Promise((r) => (proxy as Server).close(r));
    }
  });

  it('says how to start a server when none answers, and refuses an unknown write key before reading rows', async () => {
    const nd = join(EXAMPLES, 'store-purchases.ndjson');
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as { port: number }).port;
    await new Promise((r) => closed.close(r));
    await expect(runImport({ file: nd, url: `http://127.0.0.1:${port}`, writeKey }))
      .rejects.toThrow(`No Touchpoint server at http://127.0.0.1:${port} (ECONNREFUSED) — start one with \`npx touchpoint serve\` (the data file can be opened by one process only), or pass --url.`);
    await expect(runImport({ file: nd, url: server.url, writeKey: 'tpw_not_a_key' })).rejects.toThrow(/does not know this write key/);
    await expect(runImport({ file: nd, url: server.url, dataDir: join(dir, 'nowhere') })).rejects.toThrow(/No write key: pass --write-key/);
  });
});
