import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
const dir = process.argv[2];
const file = join(dir, readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))!);
type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[]; hitCount?: number };
const p = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map<number, number>();
p.samples.forEach((s, i) => self.set(s, (self.get(s) ?? 0) + (p.timeDeltas[i] ?? 0)));
const total = (p.endTime - p.startTime) / 1000;
const label = (n: Node) => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/.*\/(node_modules\/)?/, '')}:${n.callFrame.lineNumber + 1}`;
const selfBy = new Map<string, number>();
const inclBy = new Map<string, number>();
for (const [id, us] of self) {
  const n = byId.get(id)!;
  selfBy.set(label(n), (selfBy.get(label(n)) ?? 0) + us);
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const l = label(byId.get(cur)!);
    if (seen.has(l)) continue; seen.add(l);
    inclBy.set(l, (inclBy.get(l) ?? 0) + us);
  }
}
const top = (m: Map<string, number>, k: number, filter?: RegExp) => [...m].filter(([l]) => !filter || filter.test(l)).sort((a, b) => b[1] - a[1]).slice(0, k).map(([l, us]) => `${(us / 1000).toFixed(0).padStart(7)} ms ${(100 * us / 1000 / total).toFixed(1).padStart(5)}%  ${l}`).join('\n');
console.log(`profile ${total.toFixed(0)} ms wall`);
console.log('--- self'); console.log(top(selfBy, 30));
console.log('--- inclusive (src/bench)'); console.log(top(inclBy, 45, process.argv[3] ? new RegExp(process.argv[3]) : /src\/|fastify|zod|\(idle|garbage|program/));
