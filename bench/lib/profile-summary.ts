/**
 * Where the server's event loop spent its time, from a V8 CPU profile (`bench ingest --profile`):
 * each sample goes to the innermost frame that matches a category below.
 * Also runs directly: node --import tsx bench/lib/profile-summary.ts <profile dir> [events]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string }; children?: number[] }

const CATEGORIES: [string, RegExp][] = [
  ['DuckDB appender calls + closeSync', /DuckDBAppender|duckdb-store|duckdb\/(values|ingest-commit|run-query|upkeep)/],
  ['zod validation', /zod/],
  ['normalize, limits, channel (without zod)', /ingest\/(normalize|limits|channel)/],
  ['body decode + JSON.parse', /ingest\/body/],
  ['identity resolver', /identity\//],
  ['writer (dedup, grouping)', /ingest\/(writer|ingest-service)/],
  ['DuckDB queries, JS side', /DuckDB(Connection|PreparedStatement|Result|MaterializedResult|ResultReader|DataChunk|Vector)|storage\/sql/],
  ['HTTP + fastify', /fastify|find-my-way|avvio|node:http|_http_|node:net|node:stream/],
];

export function summarizeProfile(dir: string, events = 0): string[] {
  // The main thread's profile is the largest file (the other is tsx's loader thread).
  const file = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(dir, f))
    .sort((a, b) => statSync(b).size - statSync(a).size)[0];
  const p = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const totals = new Map<string, number>();
  p.samples.forEach((leaf, i) => {
    const name = byId.get(leaf)!.callFrame.functionName;
    let cat = name === '(idle)' ? 'idle' : name === '(garbage collector)' ? 'garbage collection' : 'other (Node internals, start-up)';
    if (cat.startsWith('other')) {
      for (let cur: number | undefined = leaf; cur !== undefined; cur = parent.get(cur)) {
        const hit = CATEGORIES.find(([, re]) => re.test(byId.get(cur!)!.callFrame.url));
        if (hit) { cat = hit[0]; break; }
      }
    }
    totals.set(cat, (totals.get(cat) ?? 0) + (p.timeDeltas[i] ?? 0));
  });
  const busy = [...totals].reduce((s, [k, v]) => (k === 'idle' ? s : s + v), 0);
  const lines = [`event loop busy ${(busy / 1e6).toFixed(1)} s${events ? ` = ${(busy / events).toFixed(1)} µs/event` : ''} (${file})`];
  for (const [k, v] of [...totals].filter(([k]) => k !== 'idle').sort((a, b) => b[1] - a[1])) {
    lines.push(`${(v / 1e6).toFixed(2).padStart(7)} s ${((100 * v) / busy).toFixed(1).padStart(5)} %${events ? `${(v / events).toFixed(1).padStart(7)} µs/event` : ''}  ${k}`);
  }
  return lines;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(summarizeProfile(process.argv[2], Number(process.argv[3] ?? 0)).join('\n'));
}
