import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
const dir = process.argv[2];
const file = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(dir, f)).sort((a, b) => statSync(b).size - statSync(a).size)[0];
type Node = { id: number; callFrame: { functionName: string; url: string }; children?: number[] };
const p = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const rules: [string, (n: Node) => boolean][] = [
  ['idle', (n) => n.callFrame.functionName === '(idle)'],
  ['GC', (n) => n.callFrame.functionName === '(garbage collector)'],
  ['appender calls + closeSync (DuckDB, sync)', (n) => /DuckDBAppender|duckdb-store|values\.ts/.test(n.callFrame.url)],
  ['zod validation', (n) => /zod/.test(n.callFrame.url)],
  ['normalize/limits/channel (excl. zod)', (n) => /ingest\/(normalize|limits|channel)/.test(n.callFrame.url)],
  ['body decode + JSON.parse', (n) => /ingest\/body/.test(n.callFrame.url)],
  ['identity resolver', (n) => /identity\//.test(n.callFrame.url)],
  ['writer (dedup, grouping)', (n) => /ingest\/writer|ingest-service/.test(n.callFrame.url)],
  ['DuckDB query/run (JS side)', (n) => /DuckDB(Connection|PreparedStatement|Result|MaterializedResult|ResultReader|DataChunk|Vector)|storage\/sql/.test(n.callFrame.url)],
  ['HTTP + fastify', (n) => /fastify|node:http|_http|node:net|stream|find-my-way|avvio|light-my-request/.test(n.callFrame.url) || /^(writev|onStreamRead|writeGeneric)$/.test(n.callFrame.functionName)],
];
const totals = new Map<string, number>();
let all = 0;
p.samples.forEach((s, i) => {
  const us = p.timeDeltas[i] ?? 0; all += us;
  // attribute a sample to the innermost frame matching a rule (walk up from the leaf)
  let cat = 'other (node internals, tsx, misc)';
  const leaf = byId.get(s)!;
  if (leaf.callFrame.functionName === '(idle)') cat = 'idle';
  else if (leaf.callFrame.functionName === '(garbage collector)') cat = 'GC';
  else for (let cur: number | undefined = s; cur !== undefined; cur = parent.get(cur)) {
    const n = byId.get(cur)!; const r = rules.slice(2).find(([, f]) => f(n)); if (r) { cat = r[0]; break; }
  }
  totals.set(cat, (totals.get(cat) ?? 0) + us);
});
const busy = all - (totals.get('idle') ?? 0);
const events = Number(process.argv[3] ?? 0);
console.log(`main thread: ${(all / 1e6).toFixed(1)} s profiled, ${(busy / 1e6).toFixed(1)} s busy${events ? `, ${(busy / events).toFixed(1)} µs busy/event` : ''}`);
for (const [k, v] of [...totals].sort((a, b) => b[1] - a[1])) if (k !== 'idle') console.log(`${(v / 1e6).toFixed(2).padStart(7)} s ${(100 * v / busy).toFixed(1).padStart(5)}%${events ? `  ${(v / events).toFixed(1).padStart(5)} µs/event` : ''}  ${k}`);
