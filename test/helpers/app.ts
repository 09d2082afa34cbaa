import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/api/app.ts';
import { createServices, type Services } from '../../src/api/services.ts';
import { loadConfig } from '../../src/config/config.ts';
import { DuckDBStore } from '../../src/storage/duckdb/duckdb-store.ts';
import type { CreatedWorkspace } from '../../src/workspaces/workspaces.ts';

export interface TestApp {
  app: FastifyInstance;
  services: Services;
  ws: CreatedWorkspace;
  /** Basic auth header value for the workspace's write key. */
  basic: string;
  bearer: string;
  close(): Promise<void>;
}

/** An in-process app on an in-memory DuckDB with one workspace, for `inject()` tests. */
export async function createTestApp(path = ':memory:', options: { alertBackoffMs?: number } = {}): Promise<TestApp> {
  const store = await DuckDBStore.open(path);
  const services = await createServices(loadConfig({ logLevel: 'silent', dataDir: '/tmp/unused' }, {}), store, options);
  const ws = await services.workspaces.create('Test');
  const app = await buildApp(services);
  await app.ready();
  return {
    app, services, ws,
    basic: 'Basic ' + Buffer.from(`${ws.writeKey}:`).toString('base64'),
    bearer: `Bearer ${ws.secretKey}`,
    async close() { await app.close(); await services.close(); },
  };
}
