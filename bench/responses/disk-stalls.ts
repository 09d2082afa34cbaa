/**
 * Is a slow sync the file's or the device's? Three ways of making 4 KB durable, side by side, each every
 * 50 ms for a while, each on its own file in DIR:
 * - append: write at the end + fdatasync (how a write-ahead log grows: DuckDB's on COMMIT);
 * - in place: overwrite a block of a preallocated file + fdatasync (no size or block-map change, so ext4
 *   needs no journal commit);
 * - O_DSYNC: the same overwrite through a file opened with O_DSYNC (one call, no separate sync).
 * When all three stall at the same moments, the stall is the block device's (a cache flush that waits on
 * a shared virtual disk), and no file layout or sync call can acknowledge durably faster during it.
 *
 *   npx tsx bench/responses/disk-stalls.ts [--seconds 120] [--dir DIR]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { constants, open, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { summarize } from '../lib/stats.ts';

type Pattern = 'append' | 'in place' | 'O_DSYNC';
const PATTERNS: Pattern[] = ['append', 'in place', 'O_DSYNC'];
const BLOCK = Buffer.alloc(4096, 7);
const PREALLOCATED_BLOCKS = 4096; // 16 MB, written and synced before measuring

/** One pattern's samples: [start ms since t0, duration ms]. */
async function run(pattern: Pattern, file: string, seconds: number, t0: number): Promise<[number, number][]> {
  const flags = pattern === 'O_DSYNC' ? constants.O_RDWR | constants.O_CREAT | constants.O_DSYNC : constants.O_RDWR | constants.O_CREAT;
  const fh: FileHandle = await open(file, flags);
  try {
    if (pattern !== 'append') {
      const mb = Buffer.alloc(1 << 20, 1);
      for (let i = 0; i < (PREALLOCATED_BLOCKS * 4096) >> 20; i++) await fh.write(mb, 0, mb.length, i << 20);
      await fh.datasync();
    }
    const out: [number, number][] = [];
    for (let i = 0; performance.now() - t0 < seconds * 1000; i++) {
      const start = performance.now();
      if (pattern === 'append') { await fh.write(BLOCK); await fh.datasync(); }
      else {
        await fh.write(BLOCK, 0, BLOCK.length, (i % PREALLOCATED_BLOCKS) * 4096);
        if (pattern === 'in place') await fh.datasync();
      }
      out.push([start - t0, performance.now() - start]);
      await new Promise((r) => setTimeout(r, Math.max(0, 50 - (performance.now() - start))));
    }
    return out;
  } finally {
    await fh.close();
  }
}

export async function diskStalls(dir: string, seconds: number) {
  const t0 = performance.now();
  const runs = await Promise.all(PATTERNS.map((p, i) => run(p, join(dir, `stall-probe-${i}.bin`), seconds, t0)));
  const stats = PATTERNS.map((p, i) => ({ pattern: p, ...summarize(runs[i].map((s) => s[1])), over50ms: runs[i].filter((s) => s[1] > 50).length }));
  // Each stall of the append pattern: did the other two stall within ±150 ms of it?
  const stalls = runs[0].filter((s) => s[1] > 50);
  const sharedBy = (j: number, [t]: [number, number]) => runs[j].some(([u, d]) => Math.abs(u - t) < 150 && d > 50);
  const shared = stalls.filter((s) => sharedBy(1, s) && sharedBy(2, s)).length;
  return { seconds, stats, appendStalls: stalls.length, sharedByAll: shared };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  const { values } = parseArgs({ options: { seconds: { type: 'string', default: '120' }, dir: { type: 'string' } } });
  const dir = values.dir ? resolve(values.dir) : mkdtempSync(join(tmpdir(), 'tp-disk-'));
  const r = await diskStalls(dir, Number(values.seconds));
  if (!values.dir) rmSync(dir, { recursive: true, force: true });
  console.log(`Durable 4 KB writes every 50 ms for ${r.seconds} s, three patterns at once (${dir})`);
  console.log('| pattern | syncs | p50 ms | p99 ms | max ms | over 50 ms |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const s of r.stats) console.log(`| ${s.pattern} | ${s.n} | ${s.p50.toFixed(1)} | ${s.p99.toFixed(1)} | ${s.max.toFixed(1)} | ${s.over50ms} |`);
  console.log(`Append stalls over 50 ms: ${r.appendStalls}; of them, also over 50 ms in both other patterns within ±150 ms: ${r.sharedByAll}.`);
}
