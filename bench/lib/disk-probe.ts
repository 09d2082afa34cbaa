/**
 * A disk-sync probe beside a latency benchmark: every `everyMs` it writes 4 KB to a file in the
 * benchmark's data folder and syncs it (fdatasync, as DuckDB syncs its log on COMMIT), off the event
 * loop. Acknowledged writes wait for that sync, so a sync that stalls for 100 ms stalls every request
 * behind it; the probe tells whether a run's tail came from the disk (shared virtual disks stall now
 * and then, whatever the server does) or from the server.
 */
import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { summarize } from './stats.ts';

export interface DiskProbeResult { syncs: number; p50: number; p99: number; max: number; over50ms: number }

export function startDiskProbe(dir: string, everyMs = 50): { stop(): Promise<DiskProbeResult> } {
  const file = join(dir, 'disk-probe.bin');
  const samples: number[] = [];
  let running = true;
  const loop = (async () => {
    const fh = await open(file, 'w');
    const block = Buffer.alloc(4096, 7);
    try {
      while (running) {
        const t0 = performance.now();
        await fh.write(block, 0, block.length, 0);
        await fh.datasync();
        samples.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, everyMs));
      }
    } finally {
      await fh.close();
      await rm(file, { force: true });
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      const s = summarize(samples);
      return { syncs: s.n, p50: s.p50, p99: s.p99, max: s.max, over50ms: samples.filter((v) => v > 50).length };
    },
  };
}
