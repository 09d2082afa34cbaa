import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { CliError } from '../cli/errors.ts';
import { loadConfig } from '../config/config.ts';
import type { Json } from '../ingest/event.ts';
import { Batcher } from './batcher.ts';
import { ImportClient } from './client.ts';
import { checkHeader } from './header.ts';
import { mapRow, type MapContext } from './map-row.ts';
import { defaultType, parseMapFile, parseMapSpec, type Mapping } from './mapping.ts';
import { readCsv, readNdjson, sniffDelimiter, type ReadItem } from './readers.ts';
import { Rejections, type ImportSummary } from './summary.ts';
import { resolveWriteKey } from './write-key.ts';

export type ImportFormat = 'csv' | 'ndjson';

export interface ImportOptions {
  file: string;
  /** `--map` values: `target=Column`, `target=:constant`, optional `:number|:boolean|:date`. */
  map?: string | readonly string[];
  /** A JSON mapping file (see parseMapFile), instead of `map`. */
  mapFile?: string;
  /** Default from the extension: .csv/.tsv/.txt → csv; .ndjson/.jsonl/.json → ndjson (also with .gz). */
  format?: ImportFormat;
  /** CSV delimiter; `\t` or `tab` for tabs. Default: detected from the header line. */
  delimiter?: string;
  /** Validate and map every row, send nothing. */
  dryRun?: boolean;
  writeKey?: string;
  /** Server URL; default TOUCHPOINT_URL or http://127.0.0.1:8080. */
  url?: string;
  /** Data folder of a local server, to find its default write key. */
  dataDir?: string;
  /** Messages per request (default 2000). */
  batchSize?: number;
  /** Requests in flight at once (default 1; the next batch is read and mapped while one is sent). */
  concurrency?: number;
  retries?: number;
  retryDelayMs?: number;
  /** Progress: compressed bytes read so far of `totalBytes`. */
  onProgress?: (p: { bytesRead: number; totalBytes: number; rowsRead: number }) => void;
}

/** A fatal error part-way: what was stored before it is in `summary`, and a re-run skips it. */
export class ImportFailedError extends CliError {
  constructor(message: string, readonly summary: ImportSummary) {
    super(summary.stored + summary.duplicates > 0
      ? `${message}\nRows sent before this are stored; running the same import again skips them as duplicates.`
      : message);
  }
}

const SAMPLES = 3;
const MAX_BATCH_BYTES = 8 * 1024 * 1024;

/**
 * Imports a CSV or NDJSON file of offline touchpoints into a running server.
 * @example
 *   const summary = await runImport({ file: 'calls.csv', writeKey: 'wk_…',
 *     map: 'userId=Customer ID,timestamp=Call Date,event=:Call Completed,channel=:phone' });
 *   summary.stored; summary.rejections; // [{ reason, count, lines, examples }]
 */
export async function runImport(o: ImportOptions): Promise<ImportSummary> {
  const started = performance.now();
  const file = resolve(o.file);
  if (!existsSync(file) || !statSync(file).isFile()) throw new CliError(`No file ${o.file}.`);
  const totalBytes = statSync(file).size;
  const format = o.format ?? formatOf(file);
  const mapping = loadMapping(o);
  const config = loadConfig({ serverUrl: o.url, dataDir: o.dataDir });

  let batcher: Batcher | undefined;
  const rejections = new Rejections();
  if (!o.dryRun) {
    const client = new ImportClient({ url: config.serverUrl, writeKey: resolveWriteKey(o.writeKey, config), retries: o.retries, retryDelayMs: o.retryDelayMs });
    await client.ping();
    batcher = new Batcher(client, rejections, { rows: o.batchSize ?? 2000, bytes: MAX_BATCH_BYTES, concurrency: o.concurrency ?? 1 });
  }

  let bytesRead = 0, rowsRead = 0, valid = 0;
  const samples: { line: number; message: Json }[] = [];
  const onBytes = (n: number) => { bytesRead += n; o.onProgress?.({ bytesRead, totalBytes, rowsRead }); };
  const items: AsyncIterable<ReadItem> = format === 'csv'
    ? readCsv(file, delimiterOf(o.delimiter, file), { onBytes })
    : readNdjson(file, { onBytes });
  const ctx: MapContext = { fileName: file, now: Date.now(), defaultType: format === 'csv' ? defaultType(mapping) : undefined };

  const summary = (): ImportSummary => {
    const durationMs = performance.now() - started;
    return {
      file: basename(file), format, dryRun: Boolean(o.dryRun), url: o.dryRun ? undefined : config.serverUrl,
      rowsRead, valid, stored: batcher?.stored ?? 0, duplicates: batcher?.duplicates ?? 0,
      rejected: rejections.count, rejections: rejections.list(), samples,
      durationMs, rowsPerSecond: rowsRead / Math.max(durationMs / 1000, 1e-3),
      exitCode: rejections.count > 0 ? 2 : 0,
    };
  };

  try {
    for await (const item of items) {
      if (item.kind === 'header') { checkHeader(item.columns, mapping, file); continue; }
      rowsRead++;
      if (item.kind === 'bad') { rejections.add(item.line, item.reason, item.value); continue; }
      const out = mapRow(item.row, mapping, ctx);
      if (!out.ok) { rejections.add(item.line, out.reason, out.value); continue; }
      valid++;
      if (o.dryRun && samples.length < SAMPLES) samples.push({ line: item.line, message: out.message });
      await batcher?.add(item.line, JSON.stringify(out.message));
    }
    await batcher?.finish();
  } catch (err) {
    const message = err instanceof CliError ? err.message : `Could not import ${basename(file)}: ${(err as Error).message}`;
    // Before the first row nothing was sent, so there is no partial result to report.
    if (rowsRead === 0) throw err instanceof CliError ? err : new CliError(message);
    throw new ImportFailedError(message, summary());
  }
  o.onProgress?.({ bytesRead: totalBytes, totalBytes, rowsRead });
  return summary();
}

function formatOf(file: string): ImportFormat {
  const name = file.toLowerCase().replace(/\.gz$/, '');
  if (/\.(csv|tsv|txt)$/.test(name)) return 'csv';
  if (/\.(ndjson|jsonl|json)$/.test(name)) return 'ndjson';
  throw new CliError(`Cannot tell the format of ${basename(file)} from its name; pass --format csv or --format ndjson.`);
}

function delimiterOf(flag: string | undefined, file: string): string {
  if (flag === undefined) return /\.tsv(\.gz)?$/i.test(file) ? '\t' : sniffDelimiter(file);
  const d = flag === '\\t' || flag.toLowerCase() === 'tab' ? '\t' : flag;
  if (d.length !== 1) throw new CliError(`--delimiter must be one character (or "tab"), not "${flag}".`);
  return d;
}

function loadMapping(o: ImportOptions): Mapping {
  if (o.map !== undefined && o.map.length > 0 && o.mapFile) throw new CliError('Pass --map or --map-file, not both.');
  if (o.mapFile) {
    let json: unknown;
    try { json = JSON.parse(readFileSync(o.mapFile, 'utf8')); } catch (err) {
      throw new CliError(`Could not read the map file ${o.mapFile}: ${(err as Error).message}`);
    }
    return parseMapFile(json, basename(o.mapFile));
  }
  return o.map ? parseMapSpec(o.map) : [];
}
