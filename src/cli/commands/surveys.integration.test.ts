import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../config/config.ts';
import { startServer, type RunningServer } from '../../server/start.ts';
import { runCli } from '../../../test/helpers/cli.ts';

let dir: string;
let server: RunningServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tp-surveys-cli-'));
  server = await startServer(loadConfig({ port: 0, host: '127.0.0.1', dataDir: join(dir, 'data'), logLevel: 'silent' }, {}));
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const run = (args: string[]) => runCli([...args, '--url', server.url, '--key', server.defaultWorkspace.secretKey], dir);

it('`touchpoint surveys import|export` round-trips responses and exits 2 on rejected rows', async () => {
  writeFileSync(join(dir, 'survey.yaml'), 'name: Phone follow-up\nquestions:\n  - {id: nps, type: nps, text: {en: "Recommend us?"}}\n  - {id: note, type: text, text: {en: "Anything else?"}}\n');
  const created = await run(['surveys', 'create', 'survey.yaml']);
  expect(created.code, created.stderr).toBe(0);
  const id = /Created survey (srv_\S+)/.exec(created.stdout)![1];
  writeFileSync(join(dir, 'calls.csv'), 'response_id,user_id,submitted_at,channel,nps,note\ncall-1,p1,2026-09-01T09:00:00Z,phone,9,Very helpful agent\ncall-2,p2,2026-09-01T10:00:00Z,phone,12,\n');
  const imported = await run(['surveys', 'import', id, 'calls.csv']);
  expect(imported.code).toBe(2);
  expect(imported.stdout).toContain('2 rows: 1 stored, 0 already there, 1 rejected.');
  expect(imported.stdout).toContain('line 3: nps: must be a whole number from 0 to 10');
  const exported = await run(['surveys', 'export', id, '-o', 'out.csv']);
  expect(exported.code, exported.stderr).toBe(0);
  const out = readFileSync(join(dir, 'out.csv'), 'utf8').trim().split('\n');
  expect(out[0]).toBe('response_id,customer_id,user_id,anonymous_id,submitted_at,language,touchpoint,stage,channel,complete,nps,note,sentiment,sentiment_score');
  expect(out[1]).toMatch(/^call-1,[^,]+,p1,,2026-09-01T09:00:00\.000Z,en,,,phone,true,9,Very helpful agent,positive,/);
  expect((await run(['surveys', 'import', id, 'out.csv'])).stdout).toContain('1 row: 0 stored, 1 already there, 0 rejected.');
  const experience = await run(['surveys', 'experience', '--survey', id]);
  expect(experience.code, experience.stderr).toBe(0);
  expect(experience.stdout.split('\n')[0]).toMatch(/^where\s+success\s+effort \(CES\)\s+emotion \(1–5\)\s+NPS$/);
});
