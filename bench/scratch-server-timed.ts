import { DuckDBConnection, DuckDBAppender } from '@duckdb/node-api';
import { IngestWriter } from '../src/ingest/writer.ts';
import { IngestService } from '../src/ingest/ingest-service.ts';
import { IdentityResolver } from '../src/identity/resolver.ts';
import { DuckDBStore } from '../src/storage/duckdb/duckdb-store.ts';
import { loadConfig } from '../src/config/config.ts';
import { startServer } from '../src/server/start.ts';

const T: Record<string, { ms: number; n: number; max: number }> = {};
const add = (k: string, ms: number) => { const e = (T[k] ??= { ms: 0, n: 0, max: 0 }); e.ms += ms; e.n++; e.max = Math.max(e.max, ms); };
function wrap(proto: any, name: string, label: string, key?: (args: any[]) => string | null) {
  const orig = proto[name];
  proto[name] = function (...args: any[]) {
    const k = key ? key(args) : label; if (k === null) return orig.apply(this, args);
    const t = performance.now();
    const r = orig.apply(this, args);
    if (r && typeof r.then === 'function') return r.finally(() => add(k, performance.now() - t));
    add(k, performance.now() - t); return r;
  };
}
let groupEvents = 0, groups = 0;
const origCommitGroup = (IngestWriter.prototype as any).commitGroup;
(IngestWriter.prototype as any).commitGroup = function (g: any[]) { groups++; groupEvents += g.reduce((s, p) => s + p.events.length, 0); return origCommitGroup.call(this, g); };
wrap(IngestService.prototype, 'ingest', 'request: ingest() total');
wrap(IngestWriter.prototype, 'commitGroup', 'writer: commitGroup');
wrap(IdentityResolver.prototype, 'resolve', 'writer: identities.resolve');
wrap(IdentityResolver.prototype, 'prefetch', 'writer:   resolve.prefetch');
wrap(DuckDBStore.prototype, 'commitIngest', 'writer: store.commitIngest');
wrap(DuckDBStore.prototype, 'appendEvents', 'writer:   appendEvents (sync appends+close)');
wrap(DuckDBAppender.prototype, 'closeSync', 'writer:     appender.closeSync');
wrap(DuckDBConnection.prototype, 'run', '', (a) => /^(BEGIN|COMMIT)/.test(String(a[0])) ? `writer:   run ${String(a[0]).split(' ')[0]}` : null);
wrap(DuckDBConnection.prototype, 'runAndReadAll', 'query: runAndReadAll');

const server = await startServer(loadConfig({ port: 0, host: '127.0.0.1', dataDir: process.argv[2], logLevel: 'silent' }));
process.send?.({ type: 'listening', url: server.url, writeKey: server.defaultWorkspace.writeKey });
import { monitorEventLoopDelay } from 'node:perf_hooks';
const h = monitorEventLoopDelay({ resolution: 5 }); h.enable();
let elu = performance.eventLoopUtilization();
const series: string[] = [];
let last = performance.now();
const busy = setInterval(() => { const e = performance.eventLoopUtilization(elu); elu = performance.eventLoopUtilization(); series.push(e.utilization.toFixed(2)); }, 1000);
process.once('SIGTERM', () => {
  clearInterval(busy);
  console.error('ELU per second: ' + series.join(' '));
  console.error(`loop delay p50 ${(h.percentile(50)/1e6).toFixed(1)} ms p99 ${(h.percentile(99)/1e6).toFixed(1)} max ${(h.max/1e6).toFixed(0)}`);
  console.error(`groups ${groups}, events/group ${Math.round(groupEvents / groups)}`);
  for (const [k, v] of Object.entries(T).sort()) console.error(`${k.padEnd(48)} total ${v.ms.toFixed(0).padStart(7)} ms  n ${String(v.n).padStart(6)}  avg ${(v.ms / v.n).toFixed(2).padStart(8)} ms  max ${v.max.toFixed(0)}`);
  server.close().then(() => process.exit(0));
});
void last;
