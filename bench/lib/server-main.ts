/**
 * The server under test, as its own process: exactly what `touchpoint serve` starts (startServer),
 * without the CLI banner. Reports its URL over IPC; SIGTERM closes it cleanly (so `--cpu-prof` is written).
 * Usage: node --import tsx bench/lib/server-main.ts <dataDir>   (keys from TOUCHPOINT_WRITE_KEY/SECRET_KEY)
 */
import { loadConfig } from '../../src/config/config.ts';
import { startServer } from '../../src/server/start.ts';

const server = await startServer(loadConfig({ port: 0, host: '127.0.0.1', dataDir: process.argv[2], logLevel: 'silent' }));
process.send?.({ type: 'listening', url: server.url, writeKey: server.defaultWorkspace.writeKey });
process.once('SIGTERM', () => {
  server.close().then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });
});
