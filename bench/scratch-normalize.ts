import { Traffic } from './lib/events.ts';
import { normalizeMessage } from '../src/ingest/normalize.ts';
import { SEGMENT_SCHEMAS } from '../src/ingest/segment-schema.ts';
import { checkShape } from '../src/ingest/limits.ts';
import { inferChannel, inferDevice } from '../src/ingest/channel.ts';
const N = 100000; const t = new Traffic(3); const msgs: any[] = [];
for (let i = 0; i < N; i++) msgs.push(JSON.parse(JSON.stringify(t.next().message)));
function m(label: string, f: () => void) { for (let w = 0; w < 2; w++) { const c = process.cpuUsage(); f(); const cc = process.cpuUsage(c); if (w) console.log(`${label.padEnd(40)} cpu ${((cc.user + cc.system) / N).toFixed(2).padStart(6)} µs/event`); } }
const ctx = { workspaceId: 'ws', receivedAt: Date.now(), sentAt: new Date().toISOString() };
m('normalizeMessage (all)', () => { for (const x of msgs) normalizeMessage(x, ctx); });
m('  JSON.stringify + byteLength (size)', () => { for (const x of msgs) Buffer.byteLength(JSON.stringify(x)); });
m('  zod safeParse({...input,type})', () => { for (const x of msgs) SEGMENT_SCHEMAS[x.type as 'track'].safeParse({ ...x, type: x.type }); });
m('  checkShape x3', () => { for (const x of msgs) { checkShape(x.properties); checkShape(x.traits); checkShape(x.context); } });
m('  inferChannel + inferDevice', () => { for (const x of msgs) { inferChannel(x.type, x.context, x.properties ?? {}); inferDevice(x.context, x.properties ?? {}); } });
m('  Date.parse x2', () => { for (const x of msgs) { Date.parse(x.timestamp); Date.parse(ctx.sentAt); } });
m('JSON.parse (of the message text)', () => { for (const x of msgs) JSON.parse(JSON.stringify(x)); });
