import { Traffic } from './lib/events.ts';
import { normalizeMessage } from '../src/ingest/normalize.ts';
const N = 100000; const t = new Traffic(3);
const ctx = { workspaceId: 'ws', receivedAt: Date.now() };
const events: any[] = []; for (let i = 0; i < N; i++) { const o = normalizeMessage(JSON.parse(JSON.stringify(t.next().message)), ctx); if (o.ok) events.push(o.event); }
const flat = events.map((e) => ({ ...e, properties: JSON.stringify(e.properties), context: JSON.stringify(e.context), traits: e.traits && JSON.stringify(e.traits) }));
const { serialize, deserialize } = await import('node:v8');
function m(label: string, f: () => void) { for (let w = 0; w < 2; w++) { const c = process.cpuUsage(); f(); const cc = process.cpuUsage(c); if (w) console.log(`${label.padEnd(44)} cpu ${((cc.user + cc.system) / N).toFixed(2).padStart(6)} µs/event`); } }
for (const [name, arr] of [['nested events', events], ['events with JSON strings', flat]] as const) {
  const chunks: Buffer[] = []; for (let i = 0; i < N; i += 500) chunks.push(serialize(arr.slice(i, i + 500)));
  m(`serialize (${name})`, () => { for (let i = 0; i < N; i += 500) serialize(arr.slice(i, i + 500)); });
  m(`deserialize (${name})`, () => { for (const c of chunks) deserialize(c); });
}
