/** The benchmark's data folder: generated once per parameters, then reused. */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { DUCKDB_SCHEMA } from '../../src/storage/duckdb/schema.ts';
import { fmt } from '../lib/stats.ts';
import { generateEvents } from './generate.ts';
import { startServer } from './server.ts';
import { log } from './timing.ts';

/** Bump when the generator changes, so old data folders are regenerated. */
const GENERATOR_VERSION = 2;

export interface PreparedData {
  key: string;
  events: number;
  workspaceId: string;
  /** The workspace id came from the real server (so the server can be measured on this folder). */
  serverWorkspace: boolean;
  generatedSeconds: number | null;
  presortedSeconds: number | null;
}

/**
 * `dir/touchpoint.duckdb` as the server would have it (events under the default workspace that
 * `touchpoint serve` creates on first start), plus `dir/presorted.duckdb` with the same rows sorted
 * by (customer_id, ts). Reused when `dir/bench-funnel.json` says it was made with the same parameters.
 */
export async function prepareData(root: string, dir: string, o: { events: number; customers: number; seed: number; presorted: boolean }): Promise<PreparedData> {
  const key = `v${GENERATOR_VERSION}|${o.events}|${o.customers}|${o.seed}`;
  const metaFile = join(dir, 'bench-funnel.json');
  const meta = existsSync(metaFile) ? JSON.parse(readFileSync(metaFile, 'utf8')) as PreparedData & { presorted: boolean } : null;
  if (meta && meta.key === key && (meta.presorted || !o.presorted) && existsSync(join(dir, 'touchpoint.duckdb'))) {
    log(`data: reusing ${dir} (${fmt(o.events)} events, ${fmt(o.customers)} customers, seed ${o.seed})`);
    return { ...meta, generatedSeconds: null, presortedSeconds: null };
  }
  // Only what this benchmark creates is removed.
  for (const f of ['bench-funnel.json', 'touchpoint.duckdb', 'touchpoint.duckdb.wal', 'presorted.duckdb', 'presorted.duckdb.wal', 'default-workspace.json', 'clickhouse', 'clickhouse-export.tsv']) {
    rmSync(join(dir, f), { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });

  let workspaceId = 'bench-workspace';
  let serverWorkspace = false;
  try {
    log('data: starting touchpoint serve once on the empty folder to create the default workspace…');
    const server = await startServer(root, dir);
    workspaceId = server.workspaceId;
    serverWorkspace = true;
    await server.stop();
  } catch (err) {
    log(`data: server did not start (${(err as Error).message.split('\n')[0]}); using workspace "${workspaceId}" and skipping the server measurement`);
  }

  log(`data: generating ${fmt(o.events)} events for ${fmt(o.customers)} customers (seed ${o.seed}) in ${dir}…`);
  const instance = await DuckDBInstance.create(join(dir, 'touchpoint.duckdb'));
  const conn = await instance.connect();
  let t0 = performance.now();
  for (const ddl of DUCKDB_SCHEMA) await conn.run(ddl);
  await generateEvents(conn, { events: o.events, customers: o.customers, seed: o.seed, workspaceId });
  await conn.run('CHECKPOINT');
  const generatedSeconds = (performance.now() - t0) / 1000;
  log(`data: generated in ${generatedSeconds.toFixed(1)} s`);

  let presortedSeconds: number | null = null;
  if (o.presorted) {
    t0 = performance.now();
    await conn.run(`ATTACH '${join(dir, 'presorted.duckdb').replace(/'/g, "''")}' AS presorted`);
    await conn.run('USE presorted');
    for (const ddl of DUCKDB_SCHEMA) await conn.run(ddl);
    await conn.run('INSERT INTO presorted.workspaces SELECT * FROM touchpoint.workspaces');
    await conn.run('INSERT INTO presorted.identities SELECT * FROM touchpoint.identities');
    await conn.run('INSERT INTO presorted.events SELECT * FROM touchpoint.events ORDER BY customer_id, ts');
    await conn.run('CHECKPOINT presorted');
    await conn.run('USE touchpoint');
    await conn.run('DETACH presorted');
    presortedSeconds = (performance.now() - t0) / 1000;
    log(`data: pre-sorted copy in ${presortedSeconds.toFixed(1)} s`);
  }
  conn.closeSync();
  instance.closeSync();
  const prepared: PreparedData = { key, events: o.events, workspaceId, serverWorkspace, generatedSeconds, presortedSeconds };
  writeFileSync(metaFile, JSON.stringify({ ...prepared, presorted: o.presorted }, null, 2) + '\n');
  return prepared;
}
