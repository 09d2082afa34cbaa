/**
 * The journey map with and without its persona filter over HTTP, and what its drill-in asks for with
 * it: the funnel (touchpoint → next stage, by channel), the feedback and the cases of the persona's
 * customers, on an existing bench data folder:
 * `npx tsx bench/funnel/drill-persona.ts --data /tmp/tpfunnel-10m [--persona gigging-pro] [--runs 3]`.
 * Saves the five-stage template as journey `five-stage` (a new version when its latest lacks the
 * persona), with one more persona, `repeat-viewer` (two or more Product Viewed): on the bench data no
 * customer has a `traits.persona` or three orders, so the template's own personas are empty.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { cpuSeconds } from '../lib/machine.ts';
import { postJson, SECRET_KEY, startServer } from './server.ts';
import { log, timed } from './timing.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values: v } = parseArgs({ options: { data: { type: 'string' }, persona: { type: 'string', default: 'repeat-viewer' }, runs: { type: 'string', default: '3' } } });
if (!v.data) throw new Error('--data DIR is required');
const server = await startServer(ROOT, v.data);
try {
  const auth = { authorization: `Bearer ${SECRET_KEY}` };
  const has = await fetch(`${server.url}/api/v1/journeys/five-stage`, { headers: auth });
  const latest = has.status === 404 ? null : await has.json() as { journey: { personas?: { id: string }[] } };
  if (!latest?.journey.personas?.some((p) => p.id === v.persona)) {
    const yaml = readFileSync(join(ROOT, 'src/journeys/templates/five-stage.yaml'), 'utf8').trimEnd()
      + '\n  - id: repeat-viewer\n    name: Repeat viewer\n    rule: { event: Product Viewed, minCount: 2 }\n';
    const put = await fetch(`${server.url}/api/v1/journeys/five-stage`, { method: 'PUT', headers: { ...auth, 'content-type': 'application/yaml' }, body: yaml });
    log(`saved journey five-stage: HTTP ${put.status} ${(await put.text()).slice(0, 120)}`);
  }
  const body = { journey: 'five-stage', steps: [{ touchpoint: 'product-viewed' }, { stage: 'purchase' }], window: '30d', breakdown: 'channel' };
  const call = (b: unknown) => async () => {
    const r = await postJson(server.url, '/api/v1/query/funnel', b);
    if (r.status !== 200) throw new Error(`HTTP ${r.status}: ${JSON.stringify(r.body).slice(0, 300)}`);
    return (r.body as { steps: { count: number }[] }).steps.map((s) => s.count);
  };
  const cpu = () => cpuSeconds(server.child.pid!);
  const runs = Number(v.runs);
  const all = await timed('drill-in funnel via HTTP', 'server', runs, call(body), cpu);
  const persona = await timed(`drill-in funnel via HTTP, persona ${v.persona}`, 'server', runs, call({ ...body, persona: v.persona }), cpu);
  const get = (path: string, count: (body: any) => number[]) => async () => {
    const r = await fetch(server.url + path, { headers: auth });
    if (r.status !== 200) throw new Error(`HTTP ${r.status}: ${(await r.text()).slice(0, 300)}`);
    return count(await r.json());
  };
  const reach = (m: { stages: { reach: number }[] }) => m.stages.map((st) => st.reach);
  const mapAll = await timed('journey map via HTTP', 'server', runs, get('/api/v1/journeys/five-stage/map', reach), cpu);
  const mapPersona = await timed(`journey map via HTTP, persona ${v.persona}`, 'server', runs, get(`/api/v1/journeys/five-stage/map?persona=${v.persona}`, reach), cpu);
  const feedback = await timed(`drill-in feedback, persona ${v.persona}`, 'server', runs,
    get(`/api/v1/responses?touchpoint=product-viewed&journey=five-stage&persona=${v.persona}&limit=8`, (b) => [b.responses.length]), cpu);
  const cases = await timed(`drill-in cases, persona ${v.persona}`, 'server', runs,
    get(`/api/v1/cases?touchpoint=product-viewed&journey=five-stage&persona=${v.persona}`, (b) => [b.cases.length]), cpu);
  for (const t of [all, persona, mapAll, mapPersona, feedback, cases]) console.log(`${t.what}: ${t.seconds} s (CPU ${t.cpuSeconds} s) runs ${t.runs?.join(' / ')} counts ${t.steps?.join(' → ')}`);
  console.log(`funnel persona / all: ${(persona.seconds! / all.seconds!).toFixed(2)}× wall, ${(persona.cpuSeconds! / all.cpuSeconds!).toFixed(2)}× CPU`);
  console.log(`map persona / all: ${(mapPersona.seconds! / mapAll.seconds!).toFixed(2)}× wall, ${(mapPersona.cpuSeconds! / mapAll.cpuSeconds!).toFixed(2)}× CPU`);
} finally {
  await server.stop();
}
