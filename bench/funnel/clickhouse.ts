/**
 * ClickHouse side of the funnel benchmark, over its HTTP interface with plain `fetch` (works with any
 * server version, including Debian's 18.16). Uses a server already answering on `url` (default
 * http://127.0.0.1:8123), or starts `clickhouse-server` as a child process with a small
 * config of its own (data under `<dir>/clickhouse`, free ports, 127.0.0.1 only), stopped by PID.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Readable } from 'node:stream';

export interface ClickHouse {
  url: string;
  version: string;
  /** Set when this process started the server (and must stop it). */
  child?: ChildProcess;
  logDir?: string;
}

export async function chQuery(url: string, query: string, body?: Readable): Promise<string> {
  const target = body ? `${url}/?query=${encodeURIComponent(query)}` : `${url}/`;
  const init: RequestInit & { duplex?: 'half' } = body
    ? { method: 'POST', body: Readable.toWeb(body) as ReadableStream, duplex: 'half' }
    : { method: 'POST', body: query };
  const res = await fetch(target, init);
  const text = await res.text();
  if (!res.ok) throw new Error(`ClickHouse ${res.status}: ${text.trim().slice(0, 500)}`);
  return text;
}

async function ping(url: string): Promise<string | null> {
  try {
    return (await chQuery(url, 'SELECT version()')).trim();
  } catch {
    return null;
  }
}

const freePort = () => new Promise<number>((resolve, reject) => {
  const s = createServer();
  s.once('error', reject);
  s.listen(0, '127.0.0.1', () => {
    const port = (s.address() as { port: number }).port;
    s.close(() => resolve(port));
  });
});

/** A running ClickHouse, or a reason why there is none. */
export async function startClickHouse(dir: string, log: (s: string) => void, external = 'http://127.0.0.1:8123'): Promise<ClickHouse | { skipped: string }> {
  const running = await ping(external);
  if (running) return { url: external, version: running };
  // Debian puts clickhouse-server in /usr/sbin, which is not on a normal user's PATH.
  const onPath = spawnSync('sh', ['-c', 'command -v clickhouse-server || command -v clickhouse'], { encoding: 'utf8' }).stdout.trim().split('\n')[0];
  const bin = [onPath, '/usr/sbin/clickhouse-server', '/usr/bin/clickhouse-server'].find((p) => p && existsSync(p));
  if (!bin) return { skipped: 'clickhouse-server is not installed (Debian: apt-get install -y clickhouse-server)' };

  const home = join(dir, 'clickhouse');
  const logDir = join(home, 'log');
  for (const d of ['data', 'tmp', 'user_files', 'format_schemas', 'log']) mkdirSync(join(home, d), { recursive: true });
  const [http, tcp] = [await freePort(), await freePort()];
  const config = join(home, 'config.xml');
  // Minimal server config: only what 18.16 needs to start; the packaged users.xml gives user `default`.
  writeFileSync(config, `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>${logDir}/server.log</log><errorlog>${logDir}/server.err.log</errorlog><console>0</console></logger>
  <http_port>${http}</http_port>
  <tcp_port>${tcp}</tcp_port>
  <listen_host>127.0.0.1</listen_host>
  <path>${home}/data/</path>
  <tmp_path>${home}/tmp/</tmp_path>
  <user_files_path>${home}/user_files/</user_files_path>
  <format_schema_path>${home}/format_schemas/</format_schema_path>
  <users_config>/etc/clickhouse-server/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mark_cache_size>1073741824</mark_cache_size>
</yandex>
`);
  const args = bin.endsWith('/clickhouse') ? ['server', `--config-file=${config}`] : [`--config-file=${config}`];
  const out = openSync(join(logDir, 'stdout.log'), 'a');
  const child = spawn(bin, args, { stdio: ['ignore', out, out] });
  const url = `http://127.0.0.1:${http}`;
  log(`clickhouse: started ${bin} (pid ${child.pid}) on ${url}, data in ${home}`);
  let exited = false;
  child.once('exit', () => { exited = true; });
  for (let i = 0; i < 300 && !exited; i++) {
    const version = await ping(url);
    if (version) return { url, version, child, logDir };
    await new Promise((r) => setTimeout(r, 100));
  }
  if (!exited) child.kill('SIGKILL');
  return { skipped: `clickhouse-server did not start; see ${logDir}` };
}

/** Stops a server this process started (by its PID; SIGKILL after 20 s). */
export async function stopClickHouse(ch: ClickHouse): Promise<void> {
  const child = ch.child;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

export const CH_TABLE = 'touchpoint_bench.events';

/**
 * Makes sure `touchpoint_bench.events` holds the data identified by `key` (a MergeTree ORDER BY
 * (customer_id, ts), the layout ClickHouse funnels are usually run on); otherwise reloads it from a
 * TSV stream `(customer_id, event, channel, unix seconds)` produced by `exportTsv`.
 */
export async function loadClickHouse(url: string, key: string, rows: number, exportTsv: () => Promise<string>, log: (s: string) => void): Promise<{ loaded: boolean; seconds: number }> {
  await chQuery(url, 'CREATE DATABASE IF NOT EXISTS touchpoint_bench');
  await chQuery(url, 'CREATE TABLE IF NOT EXISTS touchpoint_bench.meta (key String) ENGINE = TinyLog');
  const have = (await chQuery(url, 'SELECT any(key) FROM touchpoint_bench.meta')).trim();
  const count = Number((await chQuery(url, `SELECT count() FROM system.tables WHERE database = 'touchpoint_bench' AND name = 'events'`)).trim()) > 0
    ? Number((await chQuery(url, `SELECT count() FROM ${CH_TABLE}`)).trim()) : -1;
  if (have === key && count === rows) return { loaded: false, seconds: 0 };

  const t0 = performance.now();
  await chQuery(url, `DROP TABLE IF EXISTS ${CH_TABLE}`);
  await chQuery(url, 'DROP TABLE IF EXISTS touchpoint_bench.meta');
  await chQuery(url, 'CREATE TABLE touchpoint_bench.meta (key String) ENGINE = TinyLog');
  await chQuery(url, `CREATE TABLE ${CH_TABLE} (customer_id String, event String, channel String, ts DateTime)
    ENGINE = MergeTree ORDER BY (customer_id, ts)`);
  const file = await exportTsv();
  log(`clickhouse: inserting ${file}…`);
  await chQuery(url, `INSERT INTO ${CH_TABLE} FORMAT TSV`, createReadStream(file, { highWaterMark: 1 << 20 }));
  // Merge parts as a long-lived table would be; windowFunnel reads fewer, bigger parts.
  await chQuery(url, `OPTIMIZE TABLE ${CH_TABLE} FINAL`);
  const got = Number((await chQuery(url, `SELECT count() FROM ${CH_TABLE}`)).trim());
  if (got !== rows) throw new Error(`ClickHouse holds ${got} rows, expected ${rows}`);
  await chQuery(url, `INSERT INTO touchpoint_bench.meta VALUES ('${key.replace(/'/g, '')}')`);
  return { loaded: true, seconds: (performance.now() - t0) / 1000 };
}

const sqlString = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** `windowFunnel` per customer, then customers per level: the usual ClickHouse funnel. */
export function windowFunnelSql(steps: readonly string[], windowSeconds: number, breakdown: boolean): string {
  const conds = steps.map((s) => `event = ${sqlString(s)}`).join(', ');
  const inner = `SELECT customer_id, ${breakdown ? `argMinIf(channel, ts, event = ${sqlString(steps[0])}) AS ch, ` : ''}windowFunnel(${windowSeconds})(ts, ${conds}) AS level
    FROM ${CH_TABLE} WHERE event IN (${steps.map(sqlString).join(', ')}) GROUP BY customer_id`;
  return breakdown
    ? `SELECT ch, level, count() AS customers FROM (${inner}) WHERE level > 0 GROUP BY ch, level ORDER BY ch, level FORMAT TSV`
    : `SELECT level, count() AS customers FROM (${inner}) WHERE level > 0 GROUP BY level ORDER BY level FORMAT TSV`;
}

/** Customers reaching each step (level ≥ i) from the `level, customers` rows. */
export function levelsToSteps(tsv: string, steps: number): number[] {
  const byLevel = new Map(tsv.trim().split('\n').filter(Boolean).map((l) => l.split('\t').map(Number) as [number, number]));
  return Array.from({ length: steps }, (_, i) => [...byLevel].filter(([lv]) => lv >= i + 1).reduce((s, [, n]) => s + n, 0));
}
