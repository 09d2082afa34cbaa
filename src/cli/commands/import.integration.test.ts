import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../config/config.ts';
import { startServer, type RunningServer } from '../../server/start.ts';
import { runCli } from '../../../test/helpers/cli.ts';

let dir: string;
let server: RunningServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tp-import-cli-'));
  server = await startServer(loadConfig({ port: 0, host: '127.0.0.1', dataDir: join(dir, 'data'), logLevel: 'silent' }, {}));
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const run = (args: string[]) => runCli(args, dir);

it('`touchpoint import` shows progress on stderr, the summary on stdout, and exits 2 when rows were rejected', async () => {
  const csv = join(dir, 'calls.csv');
  writeFileSync(csv, 'Customer ID,Call Date,Reason\ncli-1,2026-03-02 09:14:05,Where is my order\ncli-2,02.03.2026,Payment failed\ncli-3,2026-03-02,Return\n');
  const r = await run(['import', csv, '--map', 'userId=Customer ID,timestamp=Call Date,event=:Call Completed,channel=:phone,properties.reason=Reason',
    '--url', server.url, '--write-key', server.defaultWorkspace.writeKey]);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/calls\.csv \[=+\] 100% \| 1 KB\/1 KB \| 3 rows/);
  expect(r.stdout).toContain(`Imported calls.csv into ${server.url}`);
  expect(r.stdout).toMatch(/rows read\s+3\n\s+stored\s+2\n\s+duplicates\s+0\n\s+rejected\s+1/);
  expect(r.stdout).toMatch(/1 × timestamp \(column "Call Date"\) is not a date.* — line 3 \(e\.g\. "02\.03\.2026"\)/);
  expect(r.stdout).toMatch(/rows\/s/);
});
