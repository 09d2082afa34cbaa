import { rmSync } from 'node:fs';
import { Traffic } from './lib/events.ts';
import { decodeJsonBody } from '../src/ingest/body.ts';
import { normalizeMessage } from '../src/ingest/normalize.ts';
import { DuckDBStore } from '../src/storage/duckdb/duckdb-store.ts';
import { IdentityResolver } from '../src/identity/resolver.ts';
import type { TouchEvent } from '../src/ingest/event.ts';
const N = Number(process.argv[2] ?? 100000), B = 500, G = Number(process.argv[3] ?? 4000);
const t = new Traffic(7); const bodies: Buffer[] = [];
for (let s = 0; s < N; s += B) { const batch = []; for (let i = 0; i < B; i++) batch.push(t.next().message); bodies.push(Buffer.from(JSON.stringify({ batch, sentAt: new Date().toISOString() }))); }
const path = '/tmp/scr-stages.duckdb'; rmSync(path, { force: true }); rmSync(path + '.wal', { force: true });
const store = await DuckDBStore.open(path); await store.init();
const res: Record<string, { wall: number; cpu: number }> = {};
async function stage<T>(k: string, f: () => T | Promise<T>): Promise<T> {
  const c = process.cpuUsage(); const w = performance.now(); const r = await f(); const cc = process.cpuUsage(c);
  const e = (res[k] ??= { wall: 0, cpu: 0 }); e.wall += performance.now() - w; e.cpu += (cc.user + cc.system) / 1000; return r;
}
const resolver = new IdentityResolver(store);
for (let g = 0; g < bodies.length; g += G / B) {
  const group = bodies.slice(g, g + G / B);
  const parsed = await stage('1 decode+JSON.parse', () => group.map((b) => decodeJsonBody(b, {}) as { batch: unknown[]; sentAt: string }));
  const events = await stage('2 normalize (zod etc.)', () => parsed.flatMap((p) => p.batch.map((m) => { const o = normalizeMessage(m, { workspaceId: 'ws', receivedAt: Date.now(), sentAt: p.sentAt }); if (!o.ok) throw new Error(JSON.stringify(o)); return o.event; })));
  const changes = await stage('3 identity resolve (incl prefetch query)', () => resolver.resolve(events as TouchEvent[]));
  await stage('4 commitIngest (append+identities+COMMIT)', () => store.commitIngest(events, changes));
  resolver.committed();
}
let tw = 0, tc = 0;
for (const [k, v] of Object.entries(res)) { tw += v.wall; tc += v.cpu; console.log(`${k.padEnd(44)} wall ${(1000 * v.wall / N).toFixed(1).padStart(6)} µs/event  cpu ${(1000 * v.cpu / N).toFixed(1).padStart(6)} µs/event`); }
console.log(`${'total'.padEnd(44)} wall ${(1000 * tw / N).toFixed(1).padStart(6)} µs/event  cpu ${(1000 * tc / N).toFixed(1).padStart(6)} µs/event  => ${Math.round(N / (tw / 1000))} events/s serial`);
await store.close();
