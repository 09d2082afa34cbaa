/** Ratios and the printed table of the funnel benchmark. */
import type { MachineInfo } from '../lib/machine.ts';
import { fmt } from '../lib/stats.ts';
import type { Timing } from './timing.ts';

export interface FunnelBenchResult {
  machine: MachineInfo & { duckdb: string; clickhouse: string | null };
  options: { events: number; customers: number; seed: number; runs: number; steps: string[]; windowSeconds: number; duckdbMemoryLimit: string };
  data: { dir: string; generatedSeconds: number | null; presortedSeconds: number | null;
    /** One-off compaction of the generated events into customer sequences, per DuckDB file. */
    sequences?: Record<string, { seconds: number; cpuSeconds: number }>;
    /** The first journey map, which builds the map's stored facts (one-off per journey version). */
    mapFacts?: { seconds: number; cpuSeconds: number } };
  timings: (Timing & ReturnType<typeof ratios>)[];
  serverMemory: { idleMiB: number; peakAfterFunnelMiB: number; peakMiB: number } | null;
  clickhouseNote?: string;
}

/**
 * Ratios (< 1: faster) against ClickHouse windowFunnel and the DuckDB baseline of the same kind
 * (plain / by channel; the baseline on the same storage), on wall-clock and on CPU seconds.
 */
export function ratios(t: Timing, all: Timing[]) {
  const byChannel = /by channel/.test(t.what);
  const find = (engine: string, pattern: RegExp) => all.find((x) => x !== t && x.engine === engine && pattern.test(x.what) && /by channel/.test(x.what) === byChannel);
  const isFunnel = /funnel/i.test(t.what);
  const ch = isFunnel ? find('clickhouse', /windowFunnel/) : undefined;
  const base = isFunnel ? find(t.engine === 'duckdb-presorted' ? 'duckdb-presorted' : 'duckdb', /baseline/) : undefined;
  const r = (a: number | null | undefined, b: number | null | undefined) => (a != null && b ? Math.round((a / b) * 100) / 100 : null);
  return {
    vsClickHouse: r(t.seconds, ch?.seconds), vsClickHouseCpu: r(t.cpuSeconds, ch?.cpuSeconds),
    vsBaseline: r(t.seconds, base?.seconds), vsBaselineCpu: r(t.cpuSeconds, base?.cpuSeconds),
  };
}

export function print(r: FunnelBenchResult): void {
  const m = r.machine;
  console.log(`\nTouchpoint funnel benchmark — ${m.date.slice(0, 16).replace('T', ' ')} UTC`);
  console.log(`${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}, load ${m.loadAvg1}; Node ${m.node}, DuckDB ${m.duckdb} ` +
    `(@duckdb/node-api ${m.duckdbNodeApi}), ClickHouse ${m.clickhouse ?? `— (${r.clickhouseNote ?? 'not run'})`}`);
  console.log(`${fmt(r.options.events)} events, ${fmt(r.options.customers)} customers, seed ${r.options.seed}; DuckDB memory_limit ${r.options.duckdbMemoryLimit}; ` +
    `median of ${r.options.runs} runs after 1 warm-up (1 run when the warm-up took > 10 s); ratios < 1 are faster\n`);
  const x = (v: number | null) => (v === null ? '' : `${v.toFixed(2)}×`);
  const rows = r.timings.map((t) => [
    t.what, t.seconds === null ? (t.note ?? '—') : t.seconds.toFixed(3), t.cpuSeconds == null ? '' : t.cpuSeconds.toFixed(2),
    x(t.vsClickHouse), x(t.vsClickHouseCpu), x(t.vsBaseline), x(t.vsBaselineCpu),
  ]);
  const head = ['what', 'seconds', 'CPU s', 'vs ClickHouse', '(CPU)', 'vs baseline', '(CPU)'];
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  ');
  console.log(line(head));
  for (const row of rows) console.log(line(row));
  const withSteps = r.timings.filter((t) => t.steps);
  if (withSteps.length) {
    console.log('\ncustomers per step (sanity check; ClickHouse windowFunnel counts any start, the baseline the first step-1 event):');
    for (const t of withSteps) console.log(`  ${t.what.padEnd(w[0])}  ${t.steps!.map((n) => fmt(n)).join(' → ')}`);
  }
  if (r.serverMemory) {
    const s = r.serverMemory;
    console.log(`\nserver RSS: ${fmt(s.idleMiB)} MiB after start; peak (VmHWM) ${fmt(s.peakAfterFunnelMiB)} MiB after the funnel runs, ` +
      `${fmt(s.peakMiB)} MiB after the breakdown runs (target < 1 GiB)`);
  }
  for (const [file, c] of Object.entries(r.data.sequences ?? {})) {
    console.log(`customer sequences (${file}): brought up to date in ${c.seconds.toFixed(1)} s, ${c.cpuSeconds.toFixed(1)} CPU s (one-off; 0 when already compacted)`);
  }
  const mf = r.data.mapFacts;
  if (mf) console.log(`journey map facts: built by the first map in ${mf.seconds.toFixed(1)} s, ${mf.cpuSeconds.toFixed(1)} CPU s (one-off per journey version)`);
}
