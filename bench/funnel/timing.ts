/** Timing one benchmark query: warm-up, timed runs, wall-clock and CPU, and optional product functions. */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const log = (s: string) => process.stderr.write(`· ${s}\n`);

export interface Timing {
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

/** CPU seconds used so far by this process (DuckDB runs in it, on its own threads). */
const ownCpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };

/**
 * One warm-up, then `runs` timed runs (each printed; only one when the warm-up took over 10 s); the
 * median is kept. Wall-clock and, through `cpu`, the CPU seconds the engine spent, which stays
 * comparable when other work shares the cores. `fn` a string: why it cannot run (printed instead).
 */
export async function timed(what: string, engine: Timing['engine'], runs: number, fn: (() => Promise<number[] | void>) | string, cpu: (() => number) | null = ownCpu): Promise<Timing> {
  if (typeof fn === 'string') {
    log(`${what}: ${fn}`);
    return { what, engine, seconds: null, note: fn };
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

export const NOT_YET = 'not available yet';

/**
 * A named export of a product module that is still being written: the function, or why not
 * (missing module or export: "not available yet"; a module that fails to load: its error).
 */
export async function load<T>(root: string, path: string, name: string): Promise<T | string> {
  try {
    const mod = await import(pathToFileURL(join(root, path)).href) as Record<string, unknown>;
    return typeof mod[name] === 'function' ? mod[name] as T : NOT_YET;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') return NOT_YET;
    return `failed to load: ${(err as Error).message.split('\n')[0].slice(0, 200)}`;
  }
}

export const use = <T>(loaded: T | string, make: (fn: T) => () => Promise<number[] | void>) =>
  (typeof loaded === 'string' ? loaded : make(loaded));
