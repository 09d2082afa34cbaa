import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/config.ts';
import { startServer, type RunningServer } from '../../src/server/start.ts';

/** A real server on 127.0.0.1 (random port) with its own data folder, removed on close. */
export async function startTestServer(): Promise<RunningServer & { dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'touchpoint-test-'));
  const server = await startServer(loadConfig({ port: 0, host: '127.0.0.1', dataDir, logLevel: 'silent' }, {}));
  return {
    ...server, dataDir,
    async close() { await server.close(); rmSync(dataDir, { recursive: true, force: true }); },
  };
}
