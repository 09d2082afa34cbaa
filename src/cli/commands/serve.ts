import type { Command } from 'commander';
import { loadConfig } from '../../config/config.ts';
import { startServer, type RunningServer } from '../../server/start.ts';
import { loadDemoIfEmpty } from '../demo-loader.ts';

interface ServeOptions { port?: string; host?: string; data?: string; customers?: string; days?: string; seed?: string }

/** `touchpoint serve` and `touchpoint demo` (= serve + a generated demo shop on first start). */
export function registerServe(program: Command): void {
  const common = (cmd: Command) => cmd
    .option('-p, --port <port>', 'HTTP port (env PORT, default 8080)')
    .option('--host <host>', 'interface to listen on (env HOST, default 0.0.0.0)')
    .option('-d, --data <dir>', 'data folder (env TOUCHPOINT_DATA, default ./touchpoint-data)');

  common(program.command('serve').description('Serve the API, SDK and dashboard without demo data.'))
    .action(async (o: ServeOptions) => { await run(o, false); });

  common(program.command('demo').description('Serve with a generated demo workspace (an online music store).'))
    .option('--customers <n>', 'demo customers', '2000')
    .option('--days <n>', 'days of history', '120')
    .option('--seed <n>', 'random seed', '42')
    .action(async (o: ServeOptions) => { await run(o, true); });
}

async function run(o: ServeOptions, demo: boolean): Promise<void> {
  const config = loadConfig({ port: o.port !== undefined ? Number(o.port) : undefined, host: o.host, dataDir: o.data });
  const server = await startServer(config);
  printBanner(server);
  if (demo) await loadDemoIfEmpty(server, { customers: Number(o.customers), days: Number(o.days), seed: Number(o.seed) });
  const stop = async () => { await server.close(); process.exit(0); };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function printBanner(server: RunningServer): void {
  const ws = server.defaultWorkspace;
  console.log(`Touchpoint is listening on ${server.url}`);
  console.log(`  dashboard:    ${server.url.replace('127.0.0.1', 'localhost')}/`);
  const admin = server.firstAdmin;
  if (admin?.password) console.log(`  log in as:    ${admin.email} / ${admin.password}    (shown once: change it in Settings)`);
  else if (admin) console.log(`  log in as:    ${admin.email} (password from TOUCHPOINT_ADMIN_PASSWORD)`);
  console.log(`  data folder:  ${server.services.config.dataDir}`);
  console.log(`  workspace:    ${ws.name} (${ws.id})`);
  console.log(`  write key:    ${ws.writeKey}    (ingest only: SDK, Segment/PostHog libraries)`);
  console.log(`  secret key:   ${ws.secretKey}    (read API: Authorization: Bearer …)`);
  console.log(`  try:  curl -u ${ws.writeKey}: ${server.url}/v1/track -H 'content-type: application/json' \\`);
  console.log(`          -d '{"userId":"u1","event":"Product Viewed","properties":{"sku":"G-100"}}'`);
}
