import { performance } from 'node:perf_hooks';

/**
 * Open loop: request k is due at t0 + k/rate whether or not earlier ones have been answered, and its
 * latency is measured from when it was due, so a slow server cannot hide its queueing.
 * Resolves with each request's latency (ms) and the wall time from t0.
 */
export async function openLoop(n: number, rate: number, fire: (k: number) => Promise<unknown>): Promise<{ latencyMs: number[]; wallMs: number }> {
  const latencyMs = new Array<number>(n);
  const interval = 1000 / rate;
  const t0 = performance.now() + 20;
  await new Promise<void>((resolve) => {
    if (n === 0) { resolve(); return; }
    let due = 0;
    let done = 0;
    const tick = () => {
      const now = performance.now();
      while (due < n && t0 + due * interval <= now) {
        const k = due++;
        const scheduled = t0 + k * interval;
        fire(k).catch(() => undefined).finally(() => {
          latencyMs[k] = performance.now() - scheduled;
          if (++done === n) resolve();
        });
      }
      if (due < n) setTimeout(tick, Math.max(0, t0 + due * interval - performance.now()));
    };
    tick();
  });
  return { latencyMs, wallMs: performance.now() - t0 };
}
