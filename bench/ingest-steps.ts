/**
 * The ingest pipeline's steps one by one, in-process, on the benchmark's traffic: CPU µs per event of
 * each step, for the whole process (all threads) and for the main thread. For A/B-testing one step
 * without HTTP, the load generator and a second process sharing the cores.
 *
 *   node --import tsx bench/ingest-steps.ts [--events 200000] [--group 2000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { decodeJsonBody } from '../src/ingest/body.ts';
import type { TouchEvent } from '../src/ingest/event.ts';
import { normalizeMessage } from '../src/ingest/normalize.ts';
import { IdentityResolver } from '../src/identity/resolver.ts';
import { DuckDBStore } from '../src/storage/duckdb/duckdb-store.ts';
import { cpuSeconds } from './lib/machine.ts';
import { Traffic } from './lib/events.ts';

const { values } = parseArgs({ options: { events: { type: 'string', default: '200000' }, group: { type: 'string', default: '2000' } } });
const N = Number(values.events);
const GROUP = Number(values.group);

function measure<T>(name: string, fn: () => T): T {
  const all0 = process.cpuUsage();
  const main0 = cpuSeconds(process.pid, true);
  const t0 = performance.now();
  const out = fn();
  const finish = () => {
    const all = process.cpuUsage(all0);
    const main = cpuSeconds(process.pid, true) - main0;
    console.log(`${name.padEnd(28)} ${(((all.user + all.system) / N)).toFixed(2).padStart(7)} µs/event (main thread ${((main * 1e6) / N).toFixed(2).padStart(6)}), ${((performance.now() - t0) / 1000).toFixed(2)} s`);
  };
  if (out instanceof Promise) return out.then((v) => { finish(); return v; }) as T;
  finish();
  return out;
}

const traffic = new Traffic(20240601);
const bodies: Buffer[] = [];
for (let i = 0; i < N; i += 500) {
  const batch = [];
  for (let j = i; j < Math.min(N, i + 500); j++) batch.push(traffic.next().message);
  bodies.push(Buffer.from(JSON.stringify({ batch, sentAt: new Date().toISOString() })));
}
const dir = mkdtempSync(join(tmpdir(), 'touchpoint-steps-'));
try {
  const parsed = measure('decode + JSON.parse', () => bodies.map((b) => decodeJsonBody(b, {}) as { batch: unknown[]; sentAt: string }));
  const events = measure('validate + normalise', () => {
    const out: TouchEvent[] = [];
    const receivedAt = Date.now();
    for (const body of parsed) {
      const ctx = { workspaceId: 'ws_bench', receivedAt, sentAt: body.sentAt };
      body.batch.forEach((m, i) => {
        const o = normalizeMessage(m, ctx, `batch[${i}]`);
        if (!o.ok) throw new Error(JSON.stringify(o.details));
        out.push(o.event);
      });
    }
    return out;
  });
  const store = await DuckDBStore.open(join(dir, 'steps.duckdb'));
  await store.init();
  const resolver = new IdentityResolver(store);
  const groups: { events: TouchEvent[]; changes: Awaited<ReturnType<IdentityResolver['resolve']>> }[] = [];
  await measure('identity (resolve)', async () => {
    for (let i = 0; i < events.length; i += GROUP) {
      const g = events.slice(i, i + GROUP);
      groups.push({ events: g, changes: await resolver.resolve(g) });
      resolver.committed();
    }
  });
  await measure(`commitIngest (${GROUP}/group)`, async () => {
    for (const g of groups) await store.commitIngest(g.events, g.changes);
  });
  await store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
