import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from './helpers/server.ts';

const run = promisify(execFile);
let server: Awaited<ReturnType<typeof startTestServer>>;
const cli = (...args: string[]) => run(process.execPath, ['bin/touchpoint.mjs', ...args, '--url', server.url, '--key', server.defaultWorkspace.secretKey])
  .catch((e: { stdout: string; stderr: string; code: number }) => ({ stdout: e.stdout, stderr: e.stderr, code: e.code }));

beforeAll(async () => {
  server = await startTestServer();
  const t0 = Date.UTC(2026, 9, 1);
  const batch = [];
  for (let c = 0; c < 10; c++) {
    batch.push({ type: 'track', userId: `c${c}`, event: 'Product Viewed', timestamp: new Date(t0 + c * 1000).toISOString() });
    if (c < 6) batch.push({ type: 'track', userId: `c${c}`, event: 'Product Added', timestamp: new Date(t0 + c * 1000 + 60_000).toISOString() });
    if (c < 3) batch.push({ type: 'track', userId: `c${c}`, event: 'Order Completed', timestamp: new Date(t0 + c * 1000 + 120_000).toISOString() });
  }
  const r = await fetch(`${server.url}/v1/batch`, { method: 'POST', headers: { authorization: 'Basic ' + Buffer.from(`${server.defaultWorkspace.writeKey}:`).toString('base64'), 'content-type': 'application/json' }, body: JSON.stringify({ batch }) });
  expect(r.status).toBe(200);
});
afterAll(async () => { await server.close(); });

describe('CLI against a running server', () => {
  it('query funnel prints the table', async () => {
    const { stdout } = await cli('query', 'funnel', '--steps', 'Product Viewed,Product Added,Order Completed', '--window', '1d');
    const lines = stdout.trim().split('\n');
    expect(lines[1]).toMatch(/^Product Viewed\s+10\s+100\.0%/);
    expect(lines[2]).toMatch(/^Product Added\s+6\s+60\.0%\s+4\s+60 s/);
    expect(lines[3]).toMatch(/^Order Completed\s+3\s+30\.0%\s+3\s+60 s/);
  });

  it('journeys apply → export round-trips, and a bad file is explained', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tp-cli-'));
    const { stdout: yaml } = await run(process.execPath, ['bin/touchpoint.mjs', 'journeys', 'templates', 'three-stage']);
    writeFileSync(join(dir, 'j.yaml'), yaml);
    expect((await cli('journeys', 'apply', join(dir, 'j.yaml'))).stdout).toMatch(/version 1/);
    expect((await cli('journeys', 'apply', join(dir, 'j.yaml'))).stdout).toMatch(/unchanged \(version 1\)/);
    const exported = await cli('journeys', 'export', 'three-stage', '--format', 'json');
    expect(JSON.parse(exported.stdout).stages.map((s: { id: string }) => s.id)).toEqual(['discovery', 'evaluation', 'decision']);
    writeFileSync(join(dir, 'bad.yaml'), yaml.replace(/\bid: discovery\b/, 'id: Discovery Stage'));
    const bad = await cli('journeys', 'apply', join(dir, 'bad.yaml')) as { stderr: string; code: number };
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/stages\[0\]\.id: must be a slug/);
  });

  it('says clearly when no server answers', async () => {
    const r = await run(process.execPath, ['bin/touchpoint.mjs', 'query', 'funnel', '--steps', 'A,B', '--url', 'http://127.0.0.1:9', '--key', 'tps_x'])
      .catch((e: { stderr: string; code: number }) => e);
    expect((r as { code: number }).code).toBe(1);
    expect((r as { stderr: string }).stderr).toMatch(/No Touchpoint server at http:\/\/127\.0\.0\.1:9.*npx touchpoint serve/);
  });
});

describe('analytics as tables (10 viewers, 6 add to cart, 3 buy, all on 2026-10-01)', () => {
  it('top paths, paths, retention and attribution read as tables', async () => {
    const top = (await cli('query', 'top-paths', '--body', '{"outcome":"purchase"}')).stdout.split('\n');
    expect(top[0]).toBe('3 customers reached purchase');
    expect(top[2]).toMatch(/^\s*3\s+100\.0%\s+Product Viewed → Product Added → Order Completed$/);
    const paths = (await cli('query', 'paths', '--body', '{"start":{"event":"Product Viewed"},"depth":2}')).stdout;
    expect(paths).toMatch(/^10 customers with a path/);
    expect(paths).toMatch(/step 0 → 1\nfrom\s+to\s+customers\nProduct Viewed\s+Product Added\s+6\n/);
    const retention = (await cli('query', 'retention', '--body', '{"cohort":"month"}')).stdout;
    expect(retention).toMatch(/\n2026-10\s+3\s+100%/);
    expect(retention).toMatch(/Repeat purchase: 0 of 3 customers \(0\.0%\)/);
    const attribution = (await cli('query', 'attribution', '--body', '{"models":["first_touch","linear"]}')).stdout.split('\n');
    expect(attribution[0]).toMatch(/^3 conversions/);
    expect(attribution[1]).toMatch(/^channel\s+first_touch\s+linear$/);
    expect(attribution[2]).toMatch(/^\w+\s+100\.0%\s+100\.0%$/);
  });

  it('map and drop-off tables show the same numbers as the JSON answer', async () => {
    const json = JSON.parse((await cli('query', 'map', 'three-stage', '--json')).stdout) as { stages: { name: string; reach: number }[] };
    const table = (await cli('query', 'map', 'three-stage')).stdout;
    for (const s of json.stages) expect(table).toMatch(new RegExp(`\\n${s.name}\\s+${s.reach}\\s`));
    const drop = JSON.parse((await cli('query', 'dropoff', '--journey', 'three-stage', '--json')).stdout) as { transitions: { from: { name: string }; to: { name: string }; reached: number; dropped: number }[] };
    const dropTable = (await cli('query', 'dropoff', '--journey', 'three-stage')).stdout;
    for (const t of drop.transitions) expect(dropTable).toMatch(new RegExp(`${t.from.name} → ${t.to.name}\\s+${t.reached}\\s+\\d+\\s+${t.dropped}\\s`));
    const friction = (await cli('query', 'friction')).stdout;
    expect(friction).toMatch(/^10 active customers/);
    expect(friction).toMatch(/\nSlow page loads\s+0\s+0\s+0\.0%/);
  });
});

describe('surveys CLI', () => {
  it('creates a survey from YAML, lists it, and prints NPS with its interval', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tp-cli-s-'));
    writeFileSync(join(dir, 's.yaml'), 'name: Checkout CES\nlanguages: [en, pl]\nquestions:\n  - id: nps\n    type: nps\n    text: {en: "Recommend us?", pl: "Polecisz nas?"}\n  - id: why\n    type: text\n    text: {en: "Why?", pl: "Dlaczego?"}\n');
    const created = await cli('surveys', 'create', join(dir, 's.yaml'));
    const id = /Created survey (srv_\S+)/.exec(created.stdout)![1];
    expect(created.stdout).toContain(`/s/${id}`);
    expect((await cli('surveys', 'list')).stdout).toMatch(new RegExp(`${id}\\s+active\\s+en,pl`));
    for (const [i, score] of [10, 9, 2].entries()) {
      const r = await fetch(`${server.url}/api/v1/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ writeKey: server.defaultWorkspace.writeKey, surveyId: id, userId: `cli-${i}`,
        answers: score < 7 ? { nps: score, why: 'The delivery was late and the parcel arrived damaged.' } : { nps: score } }) });
      expect(r.status).toBe(200);
    }
    const m = await cli('surveys', 'metrics', 'nps', '--survey', id);
    expect(m.stdout).toMatch(/NPS\s+33\.3\s+n=3/);
    const themes = (await cli('surveys', 'themes', '--survey', id)).stdout.split('\n');
    expect(themes[0]).toMatch(/^NPS of all responses: 33\.3 \[[-\d., ]+\] n=3$/);
    // The one detractor's comment is about delivery: −100 against +100 for the two promoters, all of it negative.
    expect(themes.find((l) => l.startsWith('Delivery'))).toMatch(/^Delivery\s+-100 .*n=1\s+100 .*n=2\s+-200\.0\s+100%$/);
  });
});

describe('cases CLI', () => {
  it('works a case to resolved', async () => {
    const r = await fetch(`${server.url}/api/v1/cases`, { method: 'POST', headers: { authorization: `Bearer ${server.defaultWorkspace.secretKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ reason: 'Broken guitar neck' }) });
    const { id } = await r.json();
    expect((await cli('cases', 'list', '--status', 'open')).stdout).toMatch(new RegExp(`${id}\\s+open`));
    expect((await cli('cases', 'update', id, '--status', 'in_progress', '--owner', 'ana', '--as', 'ana')).stdout).toMatch(/in_progress, owned by ana/);
    const bad = await cli('cases', 'update', id, '--status', 'resolved') as { stderr: string; code: number };
    expect(bad.stderr).toMatch(/resolution code/);
    expect((await cli('cases', 'update', id, '--status', 'resolved', '--resolution', 'replaced')).stdout).toMatch(/is resolved/);
    expect((await cli('rules', 'list')).stdout).toMatch(/detractor\s+on/);
  });
});
