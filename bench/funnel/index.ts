/**
 * `touchpoint bench funnel`: 10 M synthetic shop events for 1 M customers (deterministic, generated in
 * DuckDB), then, in one run: the product's funnel (5 steps, 7-day window; also by channel), paths and
 * journey map on DuckDB next to a plain-SQL self-join baseline, the same data in arrival order and
 * pre-sorted by (customer_id, ts), ClickHouse `windowFunnel` when clickhouse-server is installed, and
 * the funnel through the real HTTP server with its peak RSS. See BENCHMARKS.md ("Funnel").
 *
 * Also runs directly: npx tsx bench/funnel/index.ts [--events N] [--customers N] [--seed N] [--data DIR]
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { DUCKDB_SCHEMA } from '../../src/storage/duckdb/schema.ts';
import { DuckDBStore } from '../../src/storage/duckdb/duckdb-store.ts';
import { raw } from '../../src/storage/sql.ts';
import { cpuSeconds, machineInfo, processMemory } from '../lib/machine.ts';
import { fmt } from '../lib/stats.ts';
import { selfJoinFunnelSql } from './baseline.ts';
import { chQuery, levelsToSteps, loadClickHouse, startClickHouse, stopClickHouse, windowFunnelSql, type ClickHouse } from './clickhouse.ts';
import { FUNNEL_STEPS, generateEvents } from './generate.ts';
import { postJson, startServer } from './server.ts';

export interface FunnelBenchOptions {
  events?: number;
  customers?: number;
  seed?: number;
  /** Data folder; reused when it already holds data generated with the same parameters. */
  data?: string;
  /** Timed runs per query (after one warm-up); the median is reported. */
  runs?: number;
  clickhouse?: boolean;
  server?: boolean;
  presorted?: boolean;
}

/** Bump when the generator changes, so old data folders are regenerated. */
const GENERATOR_VERSION = 2;
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const WINDOW_SECONDS = 7 * 86_400;
const STEPS = [...FUNNEL_STEPS];
const log = (s: string) => process.stderr.write(`· ${s}\n`);

interface Timing {
  what: string;
  engine: 'duckdb' | 'duckdb-presorted' | 'clickhouse' | 'server';
  /** Median wall-clock seconds, or null when not available. */
  seconds: number | null;
  runs?: number[];
  /** Median CPU seconds the engine's process spent (all its threads), when it can be read. */
  cpuSeconds?: number | null;
  note?: string;
  /** Customers per step, for a sanity check across engines. */
  steps?: number[];
}

export async function runFunnelBench(opts: FunnelBenchOptions = {}) {
  const o = { events: 10_000_000, customers: 1_000_000, seed: 20240601, runs: 3, clickhouse: true, server: true, presorted: true, ...opts };
  const dir = resolve(o.data ?? join(tmpdir(), 'touchpoint-bench-funnel'));
  const machine = machineInfo();
  const data = await prepareData(dir, o);
  const timings: Timing[] = [];
  const add = (t: Timing) => { timings.push(t); return t; };

  // 1. DuckDB: the product's functions and the baseline, on arrival-ordered and pre-sorted storage.
  let duckdbVersion = '';
  for (const variant of (o.presorted ? ['duckdb', 'duckdb-presorted'] : ['duckdb']) as ('duckdb' | 'duckdb-presorted')[]) {
    const file = join(dir, variant === 'duckdb' ? 'touchpoint.duckdb' : 'presorted.duckdb');
    const store = await DuckDBStore.open(file);
    try {
      duckdbVersion ||= String((await store.query<{ v: string }>(raw('SELECT version() AS v')))[0].v);
      const ws = data.workspaceId;
      const label = variant === 'duckdb' ? '' : ' [pre-sorted]';
      log(`DuckDB${label}: ${file}`);
      add(await timed(`baseline self-join funnel${label}`, variant, o.runs, async () =>
        stepCounts(await store.query(selfJoinFunnelSql(ws, STEPS, WINDOW_SECONDS, false)))));
      add(await timed(`baseline self-join funnel by channel${label}`, variant, o.runs, async () =>
        stepCounts(await store.query(selfJoinFunnelSql(ws, STEPS, WINDOW_SECONDS, true)))));
      const runFunnel = await load<(s: unknown, w: string, r: unknown) => Promise<{ steps: { count: number }[] }>>('src/analytics/funnel/index.ts', 'runFunnel');
      const request = { steps: STEPS.map((event) => ({ event })), window: '7d', order: 'ordered' };
      add(await timed(`funnel, 5 steps, 7 d${label}`, variant, o.runs, runFunnel && (async () =>
        (await runFunnel(store, ws, request)).steps.map((s) => s.count))));
      add(await timed(`funnel by channel${label}`, variant, o.runs, runFunnel && (async () => {
        await runFunnel(store, ws, { ...request, breakdown: 'channel' });
      })));
      if (variant === 'duckdb') {
        const runPaths = await load<(s: unknown, w: string, r: unknown) => Promise<unknown>>('src/analytics/paths/index.ts', 'runPaths');
        add(await timed('paths (Sankey) from Product Viewed, depth 5', variant, o.runs, runPaths && (async () => {
          await runPaths(store, ws, { start: { event: 'Product Viewed' }, depth: 5 });
        })));
        const topPaths = await load<(s: unknown, w: string, r: unknown) => Promise<unknown>>('src/analytics/paths/index.ts', 'topPaths');
        add(await timed('top paths to purchase', variant, o.runs, topPaths && (async () => {
          await topPaths(store, ws, { outcome: 'purchase' });
        })));
        const map = await loadJourneyMap();
        add(await timed('journey map (5-stage template)', variant, o.runs, map && (async () => { await map(store, ws); })));
      }
    } finally {
      await store.close();
    }
  }

  // 2. ClickHouse windowFunnel on the same rows.
  let clickhouseVersion: string | null = null;
  let clickhouseNote: string | undefined;
  if (o.clickhouse) {
    const ch = await startClickHouse(dir, log);
    if ('skipped' in ch) {
      clickhouseNote = ch.skipped;
      log(`clickhouse: skipped — ${ch.skipped}`);
    } else {
      try {
        clickhouseVersion = ch.version;
        await timeClickHouse(ch, dir, data, o.runs, add);
      } finally {
        await stopClickHouse(ch);
      }
    }
  }

  // 3. The funnel through the real HTTP server, and its peak memory.
  let serverMemory: { idleMiB: number; peakMiB: number } | null = null;
  if (o.server && data.serverWorkspace) {
    log('server: starting touchpoint serve on the data folder…');
    const server = await startServer(ROOT, dir);
    try {
      const idle = processMemory(server.child.pid!).rssMiB;
      const body = { steps: STEPS.map((event) => ({ event })), window: '7d', order: 'ordered' };
      const probe = await postJson(server.url, '/api/v1/query/funnel', body);
      const available = probe.status !== 404;
      const cpu = () => cpuSeconds(server.child.pid!);
      const call = (b: unknown) => async () => {
        const r = await postJson(server.url, '/api/v1/query/funnel', b);
        if (r.status !== 200) throw new Error(`HTTP ${r.status}: ${JSON.stringify(r.body).slice(0, 300)}`);
        return (r.body as { steps: { count: number }[] }).steps.map((s) => s.count);
      };
      add(await timed('funnel via POST /api/v1/query/funnel', 'server', o.runs, available ? call(body) : null, cpu));
      add(await timed('funnel by channel via HTTP', 'server', o.runs, available ? call({ ...body, breakdown: 'channel' }) : null, cpu));
      serverMemory = { idleMiB: idle, peakMiB: processMemory(server.child.pid!).peakMiB };
      log(`server: RSS idle ${serverMemory.idleMiB} MiB, peak (VmHWM) ${serverMemory.peakMiB} MiB`);
    } finally {
      await server.stop();
    }
  }

  const result = {
    machine: { ...machine, duckdb: duckdbVersion, clickhouse: clickhouseVersion },
    options: { events: o.events, customers: o.customers, seed: o.seed, runs: o.runs, steps: STEPS, windowSeconds: WINDOW_SECONDS },
    data: { dir, generatedSeconds: data.generatedSeconds, presortedSeconds: data.presortedSeconds },
    timings: timings.map((t) => ({ ...t, ...ratios(t, timings) })),
    serverMemory,
    clickhouseNote,
  };
  print(result);
  const out = join(ROOT, 'bench', 'results');
  mkdirSync(out, { recursive: true });
  const file = join(out, `funnel-${machine.date.slice(0, 16).replace(':', '-')}.json`);
  writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
  console.log(`\nresults: ${file}`);
  return result;
}

/**
 * Ratios (< 1: faster) against ClickHouse windowFunnel and the DuckDB baseline of the same kind
 * (plain / by channel; the baseline on the same storage), on wall-clock and on CPU seconds.
 */
function ratios(t: Timing, all: Timing[]) {
  const byChannel = /by channel/.test(t.what);
  const find = (engine: string, pattern: RegExp) => all.find((x) => x !== t && x.engine === engine && pattern.test(x.what) && /by channel/.test(x.what) === byChannel);
  const isFunnel = /funnel/i.test(t.what);
  const ch = isFunnel ? find('clickhouse', /windowFunnel/) : undefined;
  const base = isFunnel ? find(t.engine === 'duckdb-presorted' ? 'duckdb-presorted' : 'duckdb', /baseline/) : undefined;
  const r = (a: number | null | undefined, b: number | null | undefined) => (a != null && b ? Math.round((a / b) * 100) / 100 : null);
  return {
    vsClickHouse: r(t.seconds, ch?.seconds), vsClickHouseCpu: r(t.cpuSeconds, ch?.cpuSeconds),
    vsBaseline: r(t.seconds, base?.seconds),
  };
}

async function timeClickHouse(ch: ClickHouse, dir: string, data: PreparedData, runs: number, add: (t: Timing) => Timing) {
  const key = `${data.key}|ch1`;
  const loaded = await loadClickHouse(ch.url, key, data.events, async () => {
    const file = join(dir, 'clickhouse-export.tsv');
    log('clickhouse: exporting (customer_id, event, channel, ts) from DuckDB…');
    const instance = await DuckDBInstance.create(join(dir, 'touchpoint.duckdb'), { access_mode: 'READ_ONLY' });
    const conn = await instance.connect();
    await conn.run(`COPY (SELECT customer_id, event, channel, epoch(ts)::BIGINT FROM events WHERE workspace_id = '${data.workspaceId}')
      TO '${file}' (FORMAT csv, DELIMITER '\t', HEADER false)`);
    conn.closeSync();
    instance.closeSync();
    return file;
  }, log);
  if (loaded.loaded) {
    log(`clickhouse: loaded ${fmt(data.events)} rows in ${loaded.seconds.toFixed(1)} s`);
    rmSync(join(dir, 'clickhouse-export.tsv'), { force: true });
  }
  // CPU of the server process when this run started it (an external server's PID is unknown).
  const cpu = ch.child ? () => cpuSeconds(ch.child!.pid!) : null;
  add(await timed('ClickHouse windowFunnel', 'clickhouse', runs, async () =>
    levelsToSteps(await chQuery(ch.url, windowFunnelSql(STEPS, WINDOW_SECONDS, false)), STEPS.length), cpu));
  add(await timed('ClickHouse windowFunnel by channel', 'clickhouse', runs, async () => {
    await chQuery(ch.url, windowFunnelSql(STEPS, WINDOW_SECONDS, true));
  }, cpu));
}

/** CPU seconds used so far by this process (DuckDB runs in it, on its own threads). */
const ownCpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };

/**
 * One warm-up, then `runs` timed runs (each printed; only one when the warm-up took over 10 s); the
 * median is kept. Wall-clock and, through `cpu`, the CPU seconds the engine spent, which stays
 * comparable when other work shares the cores. `fn` null: not available yet.
 */
async function timed(what: string, engine: Timing['engine'], runs: number, fn: (() => Promise<number[] | void>) | null | undefined, cpu: (() => number) | null = ownCpu): Promise<Timing> {
  if (!fn) {
    log(`${what}: not available yet`);
    return { what, engine, seconds: null, note: 'not available yet' };
  }
  const secs: number[] = [];
  const cpus: number[] = [];
  let steps: number[] | undefined;
  try {
    for (let i = 0; i <= runs; i++) {
      const c0 = cpu?.() ?? 0;
      const t0 = performance.now();
      const r = await fn();
      const s = (performance.now() - t0) / 1000;
      const c = cpu ? cpu() - c0 : NaN;
      if (i > 0) { secs.push(s); cpus.push(c); }
      if (r) steps = r;
      log(`${what}: ${i === 0 ? 'warm-up' : `run ${i}`} ${s.toFixed(3)} s${cpu ? ` (CPU ${c.toFixed(2)} s)` : ''}`);
      if (i === 0 && s > 10) runs = 1;
    }
  } catch (err) {
    const note = `failed: ${(err as Error).message.split('\n')[0].slice(0, 200)}`;
    log(`${what}: ${note}`);
    return { what, engine, seconds: null, note };
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const r3 = (v: number) => Math.round(v * 1000) / 1000;
  return {
    what, engine, seconds: r3(median(secs)), runs: secs.map(r3), cpuSeconds: cpu ? r3(median(cpus)) : null,
    ...(steps ? { steps } : {}),
  };
}

function stepCounts(rows: Record<string, unknown>[]): number[] {
  const counts = Array<number>(STEPS.length).fill(0);
  for (const r of rows) counts[Number(r.step) - 1] += Number(r.customers);
  return counts;
}

/** A named export of a module that may not exist yet; null when missing. */
async function load<T>(path: string, name: string): Promise<T | null> {
  try {
    const mod = await import(pathToFileURL(join(ROOT, path)).href) as Record<string, unknown>;
    return typeof mod[name] === 'function' ? mod[name] as T : null;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') return null;
    throw err;
  }
}

/** The journey map of the 5-stage template, once the module exists (its location is not fixed yet). */
async function loadJourneyMap(): Promise<((store: DuckDBStore, ws: string) => Promise<unknown>) | null> {
  for (const [path, name] of [['src/analytics/journey-map/index.ts', 'runJourneyMap'], ['src/analytics/map/index.ts', 'runJourneyMap'], ['src/journeys/map.ts', 'journeyMap']]) {
    const fn = await load<(store: DuckDBStore, ws: string, req: unknown) => Promise<unknown>>(path, name);
    if (fn) return (store, ws) => fn(store, ws, { template: 'five-stage' });
  }
  return null;
}

interface PreparedData {
  key: string;
  events: number;
  workspaceId: string;
  /** The workspace id came from the real server (so the server can be measured on this folder). */
  serverWorkspace: boolean;
  generatedSeconds: number | null;
  presortedSeconds: number | null;
}

/**
 * `dir/touchpoint.duckdb` as the server would have it (events under the default workspace that
 * `touchpoint serve` creates on first start), plus `dir/presorted.duckdb` with the same rows sorted
 * by (customer_id, ts). Reused when `dir/bench-funnel.json` says it was made with the same parameters.
 */
async function prepareData(dir: string, o: Required<Pick<FunnelBenchOptions, 'events' | 'customers' | 'seed' | 'presorted'>>): Promise<PreparedData> {
  const key = `v${GENERATOR_VERSION}|${o.events}|${o.customers}|${o.seed}`;
  const metaFile = join(dir, 'bench-funnel.json');
  const meta = existsSync(metaFile) ? JSON.parse(readFileSync(metaFile, 'utf8')) as PreparedData & { presorted: boolean } : null;
  if (meta && meta.key === key && (meta.presorted || !o.presorted) && existsSync(join(dir, 'touchpoint.duckdb'))) {
    log(`data: reusing ${dir} (${fmt(o.events)} events, ${fmt(o.customers)} customers, seed ${o.seed})`);
    return { ...meta, generatedSeconds: null, presortedSeconds: null };
  }
  // Only what this benchmark creates is removed.
  for (const f of ['bench-funnel.json', 'touchpoint.duckdb', 'touchpoint.duckdb.wal', 'presorted.duckdb', 'presorted.duckdb.wal', 'default-workspace.json', 'clickhouse', 'clickhouse-export.tsv']) {
    rmSync(join(dir, f), { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });

  let workspaceId = 'bench-workspace';
  let serverWorkspace = false;
  try {
    log('data: starting touchpoint serve once on the empty folder to create the default workspace…');
    const server = await startServer(ROOT, dir);
    workspaceId = server.workspaceId;
    serverWorkspace = true;
    await server.stop();
  } catch (err) {
    log(`data: server did not start (${(err as Error).message.split('\n')[0]}); using workspace "${workspaceId}" and skipping the server measurement`);
  }

  log(`data: generating ${fmt(o.events)} events for ${fmt(o.customers)} customers (seed ${o.seed}) in ${dir}…`);
  const instance = await DuckDBInstance.create(join(dir, 'touchpoint.duckdb'));
  const conn = await instance.connect();
  let t0 = performance.now();
  for (const ddl of DUCKDB_SCHEMA) await conn.run(ddl);
  await generateEvents(conn, { events: o.events, customers: o.customers, seed: o.seed, workspaceId });
  await conn.run('CHECKPOINT');
  const generatedSeconds = (performance.now() - t0) / 1000;
  log(`data: generated in ${generatedSeconds.toFixed(1)} s`);

  let presortedSeconds: number | null = null;
  if (o.presorted) {
    t0 = performance.now();
    await conn.run(`ATTACH '${join(dir, 'presorted.duckdb').replace(/'/g, "''")}' AS presorted`);
    await conn.run('USE presorted');
    for (const ddl of DUCKDB_SCHEMA) await conn.run(ddl);
    await conn.run('INSERT INTO presorted.workspaces SELECT * FROM touchpoint.workspaces');
    await conn.run('INSERT INTO presorted.identities SELECT * FROM touchpoint.identities');
    await conn.run('INSERT INTO presorted.events SELECT * FROM touchpoint.events ORDER BY customer_id, ts');
    await conn.run('CHECKPOINT presorted');
    await conn.run('USE touchpoint');
    await conn.run('DETACH presorted');
    presortedSeconds = (performance.now() - t0) / 1000;
    log(`data: pre-sorted copy in ${presortedSeconds.toFixed(1)} s`);
  }
  conn.closeSync();
  instance.closeSync();
  const prepared: PreparedData = { key, events: o.events, workspaceId, serverWorkspace, generatedSeconds, presortedSeconds };
  writeFileSync(metaFile, JSON.stringify({ ...prepared, presorted: o.presorted }, null, 2) + '\n');
  return prepared;
}

type Result = Awaited<ReturnType<typeof runFunnelBench>>;

function print(r: Result): void {
  const m = r.machine;
  console.log(`\nTouchpoint funnel benchmark — ${m.date.slice(0, 16).replace('T', ' ')} UTC`);
  console.log(`${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}, load ${m.loadAvg1}; Node ${m.node}, DuckDB ${m.duckdb} ` +
    `(@duckdb/node-api ${m.duckdbNodeApi}), ClickHouse ${m.clickhouse ?? `— (${r.clickhouseNote ?? 'not run'})`}`);
  console.log(`${fmt(r.options.events)} events, ${fmt(r.options.customers)} customers, seed ${r.options.seed}; median of ${r.options.runs} runs after 1 warm-up\n`);
  const x = (v: number | null) => (v === null ? '' : `${v.toFixed(2)}×`);
  const rows = r.timings.map((t) => [
    t.what, t.seconds === null ? (t.note ?? '—') : t.seconds.toFixed(3), t.cpuSeconds == null ? '' : t.cpuSeconds.toFixed(2),
    x(t.vsClickHouse), x(t.vsClickHouseCpu), x(t.vsBaseline),
  ]);
  const head = ['what', 'seconds', 'CPU s', 'vs ClickHouse', '(CPU)', 'vs baseline'];
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  ');
  console.log(line(head));
  for (const row of rows) console.log(line(row));
  const withSteps = r.timings.filter((t) => t.steps);
  if (withSteps.length) {
    console.log('\ncustomers per step (sanity check; ClickHouse windowFunnel counts any start, the baseline the first step-1 event):');
    for (const t of withSteps) console.log(`  ${t.what.padEnd(w[0])}  ${t.steps!.map((n) => fmt(n)).join(' → ')}`);
  }
  if (r.serverMemory) console.log(`\nserver RSS: ${fmt(r.serverMemory.idleMiB)} MiB after start, peak (VmHWM) ${fmt(r.serverMemory.peakMiB)} MiB (target < 1 GiB)`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values: v } = parseArgs({
    options: {
      events: { type: 'string', default: '10000000' }, customers: { type: 'string', default: '1000000' },
      seed: { type: 'string', default: '20240601' }, data: { type: 'string' }, runs: { type: 'string', default: '3' },
      'no-clickhouse': { type: 'boolean' }, 'no-server': { type: 'boolean' }, 'no-presorted': { type: 'boolean' },
    },
  });
  await runFunnelBench({
    events: Number(v.events), customers: Number(v.customers), seed: Number(v.seed), data: v.data, runs: Number(v.runs),
    clickhouse: !v['no-clickhouse'], server: !v['no-server'], presorted: !v['no-presorted'],
  });
}
