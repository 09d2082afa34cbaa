/**
 * `touchpoint bench funnel`: 10 M synthetic shop events for 1 M customers (deterministic, generated in
 * DuckDB), then, in one run: the product's funnel (5 steps, 7-day window; also by channel), paths and
 * journey map on DuckDB next to a plain-SQL self-join baseline, the same data in arrival order and
 * pre-sorted by (customer_id, ts), ClickHouse `windowFunnel` when clickhouse-server is installed, and
 * the funnel through the real HTTP server with its peak RSS. See BENCHMARKS.md ("Funnel").
 *
 * Also runs directly: npx tsx bench/funnel/index.ts [--events N] [--customers N] [--seed N] [--data DIR]
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { loadConfig } from '../../src/config/config.ts';
import { DuckDBStore } from '../../src/storage/duckdb/duckdb-store.ts';
import { raw, sql } from '../../src/storage/sql.ts';
import { cpuSeconds, machineInfo, processMemory } from '../lib/machine.ts';
import { fmt } from '../lib/stats.ts';
import { selfJoinFunnelSql } from './baseline.ts';
import { chQuery, levelsToSteps, loadClickHouse, startClickHouse, stopClickHouse, windowFunnelSql, type ClickHouse } from './clickhouse.ts';
import { prepareData, type PreparedData } from './data.ts';
import { FUNNEL_STEPS } from './generate.ts';
import { print, ratios, type FunnelBenchResult } from './report.ts';
import { postJson, startServer } from './server.ts';
import { load, log, NOT_YET, timed, use, type Timing } from './timing.ts';

export interface FunnelBenchOptions {
  events?: number;
  customers?: number;
  seed?: number;
  /** Data folder; reused when it already holds data generated with the same parameters. */
  data?: string;
  /** Timed runs per query (after one warm-up); the median is reported. */
  runs?: number;
  clickhouse?: boolean;
  /** A ClickHouse server to use when one answers there; otherwise clickhouse-server is started. */
  clickhouseUrl?: string;
  server?: boolean;
  presorted?: boolean;
  /** Only this row group (`map`: the journey map, its stored facts built first as a one-off); no ClickHouse, server or pre-sorted copy. */
  only?: 'map';
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const WINDOW_SECONDS = 7 * 86_400;
const STEPS = [...FUNNEL_STEPS];

/**
 * Runs the whole benchmark, prints the table and saves it as JSON in bench/results/.
 * @example await runFunnelBench({ events: 1_000_000, customers: 100_000, data: '/tmp/tp-funnel-1m' });
 */
export async function runFunnelBench(opts: FunnelBenchOptions = {}): Promise<FunnelBenchResult> {
  const given = Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined)) as FunnelBenchOptions;
  const o = { events: 10_000_000, customers: 1_000_000, seed: 20240601, runs: 3, clickhouse: true, server: true, presorted: true, ...given };
  if (o.only) Object.assign(o, { clickhouse: false, server: false, presorted: false });
  const all = !o.only;
  for (const k of ['events', 'customers', 'seed', 'runs'] as const) {
    if (!Number.isSafeInteger(o[k]) || o[k] < (k === 'seed' ? 0 : 1)) throw new Error(`--${k} must be a positive integer`);
  }
  const dir = resolve(o.data ?? join(tmpdir(), 'touchpoint-bench-funnel'));
  const machine = machineInfo();
  const data = await prepareData(ROOT, dir, o);
  const timings: Timing[] = [];
  const add = (t: Timing) => { timings.push(t); return t; };

  // 1. DuckDB: the product's functions and the baseline, on arrival-ordered and pre-sorted storage.
  let duckdbVersion = '';
  const sequences: Record<string, { seconds: number; cpuSeconds: number }> = {};
  let mapFacts: { seconds: number; cpuSeconds: number } | undefined;
  for (const variant of (o.presorted ? ['duckdb', 'duckdb-presorted'] : ['duckdb']) as ('duckdb' | 'duckdb-presorted')[]) {
    const file = join(dir, variant === 'duckdb' ? 'touchpoint.duckdb' : 'presorted.duckdb');
    // The server's DuckDB settings (memory limit), so in-process and server figures agree.
    const store = await DuckDBStore.open(file, { memoryLimit: loadConfig().memoryLimit });
    try {
      duckdbVersion ||= String((await store.query<{ v: string }>(raw('SELECT version() AS v')))[0].v);
      const ws = data.workspaceId;
      const label = variant === 'duckdb' ? '' : ' [pre-sorted]';
      log(`DuckDB${label}: ${file}`);
      // As the server does at start: create missing tables and fold events written around the ingest
      // path (the generator's) into the customer sequences — a one-off, logged, not in the timings.
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      await store.init();
      const c = process.cpuUsage(cpu0);
      sequences[variant] = { seconds: (performance.now() - t0) / 1000, cpuSeconds: (c.user + c.system) / 1e6 };
      log(`DuckDB${label}: customer sequences up to date in ${sequences[variant].seconds.toFixed(1)} s (${sequences[variant].cpuSeconds.toFixed(1)} CPU s)`);
      if (all) add(await timed(`baseline self-join funnel${label}`, variant, o.runs, async () =>
        stepCounts(await store.query(selfJoinFunnelSql(ws, STEPS, WINDOW_SECONDS, false)))));
      if (all) add(await timed(`baseline self-join funnel by channel${label}`, variant, o.runs, async () =>
        stepCounts(await store.query(selfJoinFunnelSql(ws, STEPS, WINDOW_SECONDS, true)))));
      const runFunnel = await load<(s: unknown, w: string, r: unknown) => Promise<{ steps: { count: number }[] }>>(ROOT, 'src/analytics/funnel/index.ts', 'runFunnel');
      const request = { steps: STEPS.map((event) => ({ event })), window: '7d', order: 'ordered' };
      if (all) add(await timed(`funnel, 5 steps, 7 d${label}`, variant, o.runs, use(runFunnel, (f) => async () =>
        (await f(store, ws, request)).steps.map((s) => s.count))));
      if (all) add(await timed(`funnel by channel${label}`, variant, o.runs, use(runFunnel, (f) => async () => {
        await f(store, ws, { ...request, breakdown: 'channel' });
      })));
      if (variant === 'duckdb') {
        const runPaths = await load<(s: unknown, w: string, r: unknown) => Promise<unknown>>(ROOT, 'src/analytics/paths/index.ts', 'runPaths');
        if (all) add(await timed('paths (Sankey) from Product Viewed, depth 5', variant, o.runs, use(runPaths, (f) => async () => {
          await f(store, ws, { start: { event: 'Product Viewed' }, depth: 5 });
        })));
        const topPaths = await load<(s: unknown, w: string, r: unknown) => Promise<unknown>>(ROOT, 'src/analytics/paths/index.ts', 'topPaths');
        if (all) add(await timed('top paths to purchase', variant, o.runs, use(topPaths, (f) => async () => {
          await f(store, ws, { outcome: 'purchase' });
        })));
        const runJourneyMap = await load<(s: unknown, w: string, r: unknown) => Promise<unknown>>(ROOT, 'src/analytics/journey-map/index.ts', 'runJourneyMap');
        // The map reads per-customer facts stored per journey version (map-store.ts), built by the first
        // map of a version: dropped here so that every run builds them, logged as a one-off.
        const forget = await load<(s: unknown, w: string) => Promise<void>>(ROOT, 'src/analytics/journey-map/map-store.ts', 'forgetMapFacts');
        if (typeof forget === 'function' && typeof runJourneyMap === 'function') {
          await forget(store, ws);
          const c0 = process.cpuUsage();
          const t0 = performance.now();
          await runJourneyMap(store, ws, { template: 'five-stage' });
          const c = process.cpuUsage(c0);
          mapFacts = { seconds: (performance.now() - t0) / 1000, cpuSeconds: (c.user + c.system) / 1e6 };
          log(`DuckDB: journey map facts built by the first map in ${mapFacts.seconds.toFixed(1)} s (${mapFacts.cpuSeconds.toFixed(1)} CPU s)`);
        }
        add(await timed('journey map (5-stage template)', variant, o.runs, use(runJourneyMap, (f) => async () => {
          // runJourneyMap takes a template id in place of a stored journey, for benchmarks and tests.
          await f(store, ws, { template: 'five-stage' });
        })));
        // The dashboard's default is a recent range (180 days): a workspace with older events gets a
        // ranged map. The data span 90 days; the last 30 leave two thirds of the events out.
        const [{ hi }] = await store.query<{ hi: Date }>(sql`SELECT max(ts) AS hi FROM events WHERE workspace_id = ${ws}`);
        const from = new Date(new Date(hi).getTime() - 30 * 86_400_000);
        add(await timed('journey map, last 30 days', variant, o.runs, use(runJourneyMap, (f) => async () => {
          await f(store, ws, { template: 'five-stage', from });
        })));
        // The journey map's drill-in: a touchpoint step, then the next stage, by channel (touchpoint
        // and stage steps resolve through the journey, as the API does).
        const stepResolver = await load<(j: unknown) => unknown>(ROOT, 'src/api/journey-context.ts', 'stepResolver');
        const getTemplate = await load<(id: string) => unknown>(ROOT, 'src/journeys/templates/index.ts', 'getTemplate');
        const resolveStep = typeof stepResolver === 'function' && typeof getTemplate === 'function'
          ? stepResolver({ journey: getTemplate('five-stage'), version: 1 }) : stepResolver;
        const runJourneyFunnel = typeof resolveStep === 'string' ? resolveStep
          : await load<(s: unknown, w: string, r: unknown, o: unknown) => Promise<{ steps: { count: number }[] }>>(ROOT, 'src/analytics/funnel/index.ts', 'runFunnel');
        if (all) add(await timed('funnel, touchpoint → next stage, by channel', variant, o.runs, use(runJourneyFunnel, (f) => async () =>
          (await f(store, ws, { steps: [{ touchpoint: 'product-viewed' }, { stage: 'purchase' }], window: '30d', breakdown: 'channel' }, { resolveStep }))
            .steps.map((s) => s.count))));
      }
    } finally {
      await store.close();
    }
  }

  // 2. ClickHouse windowFunnel on the same rows.
  let clickhouseVersion: string | null = null;
  let clickhouseNote: string | undefined;
  if (o.clickhouse) {
    const ch = await startClickHouse(dir, log, o.clickhouseUrl);
    if ('skipped' in ch) {
      clickhouseNote = ch.skipped;
      log(`clickhouse: skipped — ${ch.skipped}`);
    } else {
      try {
        clickhouseVersion = ch.version;
        await timeClickHouse(ch, dir, data, o.runs, add);
      } catch (err) {
        clickhouseNote = `failed: ${(err as Error).message.split('\n')[0]}`;
        log(`clickhouse: ${clickhouseNote}`);
      } finally {
        await stopClickHouse(ch);
      }
    }
  }

  // 3. The funnel through the real HTTP server, and its peak memory.
  let serverMemory: { idleMiB: number; peakAfterFunnelMiB: number; peakMiB: number } | null = null;
  if (o.server && data.serverWorkspace) {
    log('server: starting touchpoint serve on the data folder…');
    const server = await startServer(ROOT, dir).catch((err: Error) => {
      log(`server: did not start: ${err.message.split('\n')[0]}`);
      return null;
    });
    if (server) try {
      const idle = processMemory(server.child.pid!).rssMiB;
      const body = { steps: STEPS.map((event) => ({ event })), window: '7d', order: 'ordered' };
      // A cheap request tells whether the route exists yet (404) without running the real funnel.
      const probe = await postJson(server.url, '/api/v1/query/funnel', { steps: [{ event: 'bench probe a' }, { event: 'bench probe b' }] });
      const available = probe.status !== 404;
      const cpu = () => cpuSeconds(server.child.pid!);
      const call = (b: unknown) => async () => {
        const r = await postJson(server.url, '/api/v1/query/funnel', b);
        if (r.status !== 200) throw new Error(`HTTP ${r.status}: ${JSON.stringify(r.body).slice(0, 300)}`);
        return (r.body as { steps: { count: number }[] }).steps.map((s) => s.count);
      };
      add(await timed('funnel via POST /api/v1/query/funnel', 'server', o.runs, available ? call(body) : NOT_YET, cpu));
      const peakAfterFunnelMiB = processMemory(server.child.pid!).peakMiB;
      add(await timed('funnel by channel via HTTP', 'server', o.runs, available ? call({ ...body, breakdown: 'channel' }) : NOT_YET, cpu));
      serverMemory = { idleMiB: idle, peakAfterFunnelMiB, peakMiB: processMemory(server.child.pid!).peakMiB };
      log(`server: RSS idle ${idle} MiB; peak (VmHWM) ${peakAfterFunnelMiB} MiB after the funnel, ${serverMemory.peakMiB} MiB after the breakdown`);
    } finally {
      await server.stop();
    }
  }

  const result: FunnelBenchResult = {
    machine: { ...machine, duckdb: duckdbVersion, clickhouse: clickhouseVersion },
    options: { events: o.events, customers: o.customers, seed: o.seed, runs: o.runs, steps: STEPS, windowSeconds: WINDOW_SECONDS, duckdbMemoryLimit: loadConfig().memoryLimit },
    data: { dir, generatedSeconds: data.generatedSeconds, presortedSeconds: data.presortedSeconds, sequences, ...(mapFacts ? { mapFacts } : {}) },
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

function stepCounts(rows: Record<string, unknown>[]): number[] {
  const counts = Array<number>(STEPS.length).fill(0);
  for (const r of rows) counts[Number(r.step) - 1] += Number(r.customers);
  return counts;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values: v } = parseArgs({
    options: {
      events: { type: 'string', default: '10000000' }, customers: { type: 'string', default: '1000000' },
      seed: { type: 'string', default: '20240601' }, data: { type: 'string' }, runs: { type: 'string', default: '3' },
      'no-clickhouse': { type: 'boolean' }, 'clickhouse-url': { type: 'string' }, 'no-server': { type: 'boolean' }, 'no-presorted': { type: 'boolean' },
      only: { type: 'string' },
    },
  });
  if (v.only !== undefined && v.only !== 'map') throw new Error('--only takes: map');
  await runFunnelBench({
    events: Number(v.events), customers: Number(v.customers), seed: Number(v.seed), data: v.data, runs: Number(v.runs),
    clickhouse: !v['no-clickhouse'], clickhouseUrl: v['clickhouse-url'], server: !v['no-server'], presorted: !v['no-presorted'],
    only: v.only as 'map' | undefined,
  });
}
