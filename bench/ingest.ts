/**
 * `touchpoint bench ingest`: HTTP ingest with durable acknowledgement, sent from a separate load
 * generator process, next to the raw DuckDB appender on the same machine in the same run; then
 * single `/v1/track` latency at a fixed rate and the server's peak RSS. See BENCHMARKS.md.
 *
 * Also runs directly: node --import tsx bench/ingest.ts --events 100000 [--profile] [--keep]
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { Traffic, rawRow, type RawRow } from './lib/events.ts';
import type { LatencyResult, LoadgenConfig, ThroughputResult } from './lib/loadgen.ts';
import { cpuSeconds, machineInfo, processMemory, systemBusySeconds } from './lib/machine.ts';
import { summarizeProfile } from './lib/profile-summary.ts';
import { rawAppend } from './lib/raw-appender.ts';
import { fmt, summarize } from './lib/stats.ts';

export interface IngestBenchOptions {
  events: number;
  batch: number;
  concurrency: number;
  /** `/v1/track` calls per second and for how long (open loop). */
  rate?: number;
  seconds?: number;
  seed?: number;
  /** Write a V8 CPU profile of the server process into the run folder (kept). */
  profile?: boolean;
  /** Keep the run folder (DuckDB files) instead of deleting it. */
  keep?: boolean;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WRITE_KEY = 'bench_write_key_0001';
const SECRET_KEY = 'bench_secret_key_000000000001';

export async function runIngestBench(opts: IngestBenchOptions) {
  const o = { rate: 200, seconds: 10, seed: 20240601, profile: false, keep: false, ...opts };
  if (!(o.events > 0 && o.batch > 0 && o.concurrency > 0)) throw new Error('events, batch and concurrency must be positive numbers');
  const machine = machineInfo();
  const dir = mkdtempSync(join(tmpdir(), 'touchpoint-bench-'));
  const log = (s: string) => process.stderr.write(`· ${s}\n`);
  const children: ChildProcess[] = [];
  try {
    // 1. Raw appender baseline (nothing else running).
    log(`raw appender: building ${fmt(o.events)} rows…`);
    const traffic = new Traffic(o.seed);
    const receivedAt = Date.now();
    let rows: RawRow[] = [];
    for (let i = 0; i < o.events; i++) {
      const { message, customer } = traffic.next();
      rows.push(rawRow(message, customer.id, receivedAt));
    }
    const raw = await rawAppend(join(dir, 'raw.duckdb'), rows);
    rows = [];
    const rawRate = o.events / (raw.ms / 1000);
    log(`raw appender: ${fmt(rawRate)} rows/s`);

    // 2. The server, then the load generator, each in its own process.
    const prof = join(dir, 'cpu-profile');
    const server = spawnTs('bench/lib/server-main.ts', [join(dir, 'server')], o.profile ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : []);
    children.push(server);
    const { url } = await nextMessage<{ url: string }>(server, 'listening');
    const loadgen = spawnTs('bench/lib/loadgen.ts', [], []);
    children.push(loadgen);
    const config: LoadgenConfig = { url, writeKey: WRITE_KEY, events: o.events, batch: o.batch, concurrency: o.concurrency, seed: o.seed, rate: o.rate, seconds: o.seconds };
    log(`load generator: pre-building ${fmt(Math.ceil(o.events / o.batch))} request bodies…`);
    loadgen.send({ cmd: 'prepare', config });
    await nextMessage(loadgen, 'prepared');

    log(`HTTP: sending ${fmt(o.events)} events, ${o.batch}/request, ${o.concurrency} in flight…`);
    const cpu0 = { server: cpuSeconds(server.pid!), serverMain: cpuSeconds(server.pid!, true), loadgen: cpuSeconds(loadgen.pid!), self: process.cpuUsage(), all: systemBusySeconds() };
    // RSS over time (VmHWM only gives the all-time peak): when in the batch phase the peak happens.
    const rssSamples: number[] = [];
    const sampler = setInterval(() => rssSamples.push(processMemory(server.pid!).rssMiB), 500);
    loadgen.send({ cmd: 'throughput' });
    const tp = await nextMessage<ThroughputResult>(loadgen, 'throughput');
    clearInterval(sampler);
    const self = process.cpuUsage(cpu0.self);
    const used = { server: cpuSeconds(server.pid!) - cpu0.server, serverMain: cpuSeconds(server.pid!, true) - cpu0.serverMain, loadgen: cpuSeconds(loadgen.pid!) - cpu0.loadgen, self: (self.user + self.system) / 1e6 };
    const cpu = {
      serverCores: used.server / (tp.ms / 1000),
      loadgenCores: used.loadgen / (tp.ms / 1000),
      // CPU that processes outside this benchmark used meanwhile: > 0.1 core means the figures are pessimistic.
      otherCores: Math.max(0, systemBusySeconds() - cpu0.all - used.server - used.loadgen - used.self) / (tp.ms / 1000),
    };
    const httpRate = tp.stored / (tp.ms / 1000);
    const afterThroughput = processMemory(server.pid!);
    log(`HTTP: ${fmt(httpRate)} events/s`);

    log(`latency: /v1/track at ${o.rate}/s for ${o.seconds} s…`);
    loadgen.send({ cmd: 'latency' });
    const lat = await nextMessage<LatencyResult>(loadgen, 'latency');
    const memory = processMemory(server.pid!);
    await stop(server);

    // 3. No loss: what the server's file holds after a clean stop.
    const check = await verify(join(dir, 'server', 'touchpoint.duckdb'));
    const expected = tp.sent + lat.ok;
    const ok = tp.failedRequests === 0 && lat.failed === 0 && tp.stored === tp.sent && tp.duplicates === 0
      && check.events === expected && check.distinctMessages === expected && check.customers === lat.customers;

    const result = {
      machine, duckdb: raw.duckdb,
      options: { events: o.events, batch: o.batch, concurrency: o.concurrency, rate: o.rate, seconds: o.seconds, seed: o.seed },
      http: {
        eventsPerSecond: Math.round(httpRate), seconds: round(tp.ms / 1000), sent: tp.sent, stored: tp.stored, duplicates: tp.duplicates,
        failedRequests: tp.failedRequests, firstError: tp.firstError, requestBytesAvg: Math.round(tp.bodyBytes / Math.ceil(o.events / o.batch)),
        requestMs: summarize(tp.requestMs), serverCores: round(cpu.serverCores), loadgenCores: round(cpu.loadgenCores),
        otherProcessesCores: round(cpu.otherCores),
        serverCpuUsPerEvent: round((used.server * 1e6) / tp.stored, 1),
        serverMainThreadUsPerEvent: round((used.serverMain * 1e6) / tp.stored, 1),
        // What the server could sustain if it had the machine to itself: bounded by its busiest thread
        // (the event loop) and by all its threads sharing the cores. An estimate from CPU time, not a measurement.
        cpuBoundCeiling: Math.round(Math.min(tp.stored / used.serverMain, (machine.cores * tp.stored) / used.server)),
      },
      raw: { rowsPerSecond: Math.round(rawRate), seconds: round(raw.ms / 1000), cpuUsPerRow: round((raw.cpuMs * 1000) / o.events, 1) },
      ratio: round(httpRate / rawRate, 3),
      track: { rate: o.rate, seconds: o.seconds, sent: lat.sent, ok: lat.ok, failed: lat.failed, latencyMs: summarize(lat.latencyMs) },
      serverMemory: {
        peakRssMiB: memory.peakMiB, rssAfterThroughputMiB: afterThroughput.rssMiB, rssAtEndMiB: memory.rssMiB,
        rssEveryFiveSecondsMiB: rssSamples.filter((_, i) => i % 10 === 9),
      },
      verify: { expected, ...check, expectedCustomers: lat.customers, ok },
      ...(o.profile ? { cpuProfileDir: prof } : {}),
    };
    print(result);
    if (o.profile) console.log(`\nserver CPU profile (whole run, mostly the batch phase):\n${summarizeProfile(prof, expected).join('\n')}`);
    const out = join(ROOT, 'bench', 'results');
    mkdirSync(out, { recursive: true });
    const file = join(out, `ingest-${machine.date.slice(0, 16).replace(':', '-')}.json`);
    writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
    console.log(`\nresults: ${file}${o.keep || o.profile ? `\nrun folder kept: ${dir}` : ''}`);
    if (!ok) process.exitCode = 1;
    return result;
  } finally {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    if (!o.keep && !o.profile) rmSync(dir, { recursive: true, force: true });
  }
}

function spawnTs(script: string, args: string[], nodeFlags: string[]): ChildProcess {
  return fork(join(ROOT, script), args, {
    cwd: ROOT,
    execArgv: ['--import', 'tsx', ...nodeFlags],
    env: { ...process.env, TOUCHPOINT_WRITE_KEY: WRITE_KEY, TOUCHPOINT_SECRET_KEY: SECRET_KEY },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

/** The child's next IPC message of `type`; rejects on `{type:'error'}` or if the child exits first. */
function nextMessage<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: { type: string; message?: string }) => {
      if (m.type !== type && m.type !== 'error') return;
      cleanup();
      if (m.type === 'error') reject(new Error(m.message));
      else resolve(m as T);
    };
    const onExit = (code: number | null) => { cleanup(); reject(new Error(`child process exited (${code}) before "${type}"`)); };
    const cleanup = () => { child.off('message', onMessage); child.off('exit', onExit); };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

async function verify(path: string) {
  const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
  const conn = await instance.connect();
  const row = (await conn.runAndReadAll(`SELECT count(*) AS events, count(DISTINCT message_id) AS messages,
      count(DISTINCT customer_id) AS customers, (SELECT count(*) FROM customer_merges) AS merges FROM events`)).getRowObjectsJS()[0];
  conn.closeSync();
  instance.closeSync();
  return { events: Number(row.events), distinctMessages: Number(row.messages), customers: Number(row.customers), merges: Number(row.merges) };
}

const round = (v: number, d = 2) => Math.round(v * 10 ** d) / 10 ** d;

type Result = Awaited<ReturnType<typeof runIngestBench>>;

function print(r: Result): void {
  const m = r.machine;
  const t = r.track.latencyMs;
  const lines: [string, string][] = [
    ['HTTP /v1/batch, durable ack', `${fmt(r.http.eventsPerSecond)} events/s   (${fmt(r.http.sent)} events in ${r.http.seconds} s; ${r.options.batch}/request, ${r.options.concurrency} in flight)`],
    ['  request time p50 / p99', `${r.http.requestMs.p50} / ${r.http.requestMs.p99} ms   (~${fmt(r.http.requestBytesAvg / 1024)} KB bodies)`],
    ['  server CPU per event', `${r.http.serverCpuUsPerEvent} µs, of which ${r.http.serverMainThreadUsPerEvent} µs on the event loop (${r.http.serverCores} cores busy; load generator ${r.http.loadgenCores})`],
    ['  CPU-bound ceiling (estimate)', `~${fmt(r.http.cpuBoundCeiling)} events/s on an otherwise idle machine`],
    ['raw DuckDB appender', `${fmt(r.raw.rowsPerSecond)} rows/s   (same rows, one transaction, ${r.raw.seconds} s; ${r.raw.cpuUsPerRow} µs CPU/row)`],
    ['ratio HTTP / raw', `${r.ratio}   (target ≥ 50,000 events/s; ratio toward 0.5)`],
    [`/v1/track at ${r.track.rate}/s, ${r.track.seconds} s`, `p50 ${t.p50} ms · p90 ${t.p90} ms · p99 ${t.p99} ms · max ${t.max} ms   (${fmt(r.track.ok)}/${fmt(r.track.sent)} ok)`],
    ['server peak RSS (VmHWM)', `${fmt(r.serverMemory.peakRssMiB)} MiB   (RSS after batch phase ${fmt(r.serverMemory.rssAfterThroughputMiB)} MiB)`],
    ['no loss', `${r.verify.ok ? 'ok' : 'FAILED'}: ${fmt(r.verify.events)} rows, ${fmt(r.verify.distinctMessages)} distinct messageIds, expected ${fmt(r.verify.expected)}; ` +
      `${fmt(r.verify.customers)} customers (expected ${fmt(r.verify.expectedCustomers)}), ${r.verify.merges} merges`],
  ];
  const w = Math.max(...lines.map(([k]) => k.length));
  console.log(`\nTouchpoint ingest benchmark — ${m.date.slice(0, 16).replace('T', ' ')} UTC`);
  console.log(`${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}; Node ${m.node}, DuckDB ${r.duckdb} (@duckdb/node-api ${m.duckdbNodeApi})`);
  const other = r.http.otherProcessesCores;
  console.log(`other processes used ${other} cores during the batch phase${other > 0.1 ? ' — the machine was shared: figures are pessimistic' : ''} (load average ${m.loadAvg1} at start)\n`);
  for (const [k, v] of lines) console.log(`${k.padEnd(w)}  ${v}`);
  if (r.http.firstError) console.log(`\nfirst failed request: ${r.http.firstError}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values: v } = parseArgs({
    options: {
      events: { type: 'string', default: '1000000' }, batch: { type: 'string', default: '500' },
      concurrency: { type: 'string', default: '8' }, rate: { type: 'string', default: '200' },
      seconds: { type: 'string', default: '10' }, profile: { type: 'boolean' }, keep: { type: 'boolean' },
    },
  });
  await runIngestBench({
    events: Number(v.events), batch: Number(v.batch), concurrency: Number(v.concurrency),
    rate: Number(v.rate), seconds: Number(v.seconds), profile: v.profile, keep: v.keep,
  });
}
