import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../api/app.ts';
import { createServices, type Services } from '../api/services.ts';
import type { Config } from '../config/config.ts';
import { DuckDBStore } from '../storage/duckdb/duckdb-store.ts';
import { ensureFirstAdmin, type FirstAdmin } from '../auth/first-admin.ts';

export interface RunningServer {
  app: FastifyInstance;
  services: Services;
  url: string;
  defaultWorkspace: { id: string; name: string; writeKey: string; secretKey: string };
  /** Set on the start that created the first dashboard admin (its password only when generated). */
  firstAdmin: FirstAdmin | null;
  close(): Promise<void>;
}

const KEYS_FILE = 'default-workspace.json';

/**
 * Opens the data folder, makes sure the default workspace exists (keys from the environment when
 * given), and listens. The default workspace's keys are kept in the data folder (mode 0600) so each
 * start can print them again.
 */
export async function startServer(config: Config): Promise<RunningServer> {
  const store = await DuckDBStore.open(join(config.dataDir, 'touchpoint.duckdb'), { memoryLimit: config.memoryLimit });
  const services = await createServices(config, store);
  const defaultWorkspace = await ensureDefaultWorkspace(services, config);
  const firstAdmin = await ensureFirstAdmin(services.users, defaultWorkspace.id, { email: config.adminEmail, password: config.adminPassword });
  const app = await buildApp(services);
  services.alerts.start();
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  return {
    app, services, url, defaultWorkspace, firstAdmin,
    async close() {
      await app.close();
      await services.close();
    },
  };
}

async function ensureDefaultWorkspace(services: Services, config: Config) {
  const file = join(config.dataDir, KEYS_FILE);
  const saved = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) as { id: string; name: string; writeKey: string; secretKey: string } : null;
  const existing = saved ? await services.workspaces.get(saved.id) : null;
  let ws;
  if (existing && saved) {
    ws = { ...saved, writeKey: config.writeKey ?? saved.writeKey, secretKey: config.secretKey ?? saved.secretKey };
    if (config.writeKey || config.secretKey) await services.workspaces.setKeys(ws.id, { writeKey: config.writeKey, secretKey: config.secretKey });
  } else {
    const created = await services.workspaces.create('Default workspace', { writeKey: config.writeKey, secretKey: config.secretKey });
    ws = { id: created.id, name: created.name, writeKey: created.writeKey, secretKey: created.secretKey };
  }
  writeFileSync(file, JSON.stringify(ws, null, 2));
  chmodSync(file, 0o600);
  return ws;
}
