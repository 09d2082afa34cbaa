import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DuckDBStore } from '../src/storage/duckdb/duckdb-store.ts';
import { sql } from '../src/storage/sql.ts';

/**
 * Acknowledged means durable: a client sends batches while the server is killed with SIGKILL; every
 * messageId the server acknowledged must be in the data file afterwards.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'touchpoint-kill-'));
const WRITE_KEY = 'tpw_killtest_write_key';
const SECRET_KEY = 'tps_killtest_secret_key_0123456789';
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function startServer(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['bin/touchpoint.mjs', 'serve', '--port', String(port), '--host', '127.0.0.1', '--data', dataDir], {
    env: { ...process.env, TOUCHPOINT_WRITE_KEY: WRITE_KEY, TOUCHPOINT_SECRET_KEY: SECRET_KEY }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => { out += d; if (out.includes('listening')) resolve(child); });
    child.stderr!.on('data', (d) => { out += d; });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

const auth = 'Basic ' + Buffer.from(`${WRITE_KEY}:`).toString('base64');
function batch(n: number, start: number) {
  return Array.from({ length: n }, (_, i) => ({
    type: 'track', event: 'Product Viewed', messageId: `kill-${start + i}`, anonymousId: `anon-${(start + i) % 97}`,
    properties: { sku: `SKU-${i}` }, timestamp: new Date().toISOString(),
  }));
}

describe('durability under SIGKILL', () => {
  it('keeps every acknowledged event', async () => {
    const port = 20000 + Math.floor(Math.random() * 20000);
    const server = await startServer(port);
    const acked: string[] = [];
    let next = 0;
    let stop = false;
    const client = async () => {
      while (!stop) {
        const msgs = batch(200, next);
        next += 200;
        try {
          const r = await fetch(`http://127.0.0.1:${port}/v1/batch`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify({ batch: msgs }) });
          if (r.status === 200) acked.push(...msgs.map((m) => m.messageId));
        } catch { /* the server died mid-request: not acknowledged */ }
      }
    };
    const clients = [client(), client(), client(), client()];
    while (acked.length < 5000) await new Promise((r) => setTimeout(r, 20));
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGKILL');
    stop = true;
    await Promise.all(clients);
    await exited;
    expect(acked.length).toBeGreaterThanOrEqual(5000);

    const store = await DuckDBStore.open(join(dataDir, 'touchpoint.duckdb'));
    const rows = await store.query<{ message_id: string }>(sql`SELECT message_id FROM events`);
    await store.close();
    const stored = new Set(rows.map((r) => r.message_id));
    const missing = acked.filter((id) => !stored.has(id));
    expect(missing).toEqual([]);
    expect(stored.size).toBe(rows.length); // nothing stored twice

    // The server restarts on the same file and still recognises an acknowledged message as a duplicate.
    const again = await startServer(port);
    const retry = await fetch(`http://127.0.0.1:${port}/v1/track`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' },
      body: JSON.stringify({ ...batch(1, 0)[0], type: undefined }) });
    expect(await retry.json()).toMatchObject({ success: true, stored: 0, duplicates: 1 });
    const stopped = new Promise((r) => again.once('exit', r));
    again.kill('SIGTERM');
    await stopped;
  });
});
