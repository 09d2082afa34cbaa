import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { PassThrough, pipeline, Transform, type Readable, type Writable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';
import type { Json } from '../ingest/event.ts';
import type { RowInput } from './map-row.ts';

/** What a reader yields: the CSV header once, then rows (or rows that could not even be read). */
export type ReadItem =
  | { kind: 'header'; columns: string[] }
  | { kind: 'row'; line: number; row: RowInput }
  | { kind: 'bad'; line: number; reason: string; value?: string };

export interface ReadOptions {
  /** Called with the number of (compressed) bytes read from disk, for the progress bar. */
  onBytes?: (n: number) => void;
}

/**
 * Streams the file through a byte counter (and gunzip for `.gz`) into `sink`; the file is never held
 * in memory whole. Errors anywhere in the chain end the iteration of `sink` with that error.
 */
function streamInto<T extends Writable & Readable>(path: string, sink: T, options: ReadOptions, extra: Transform[] = []): T {
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) { options.onBytes?.(chunk.length); done(null, chunk); },
  });
  const stages: (Readable | Writable)[] = [createReadStream(path), counter];
  if (/\.gz$/i.test(path)) stages.push(createGunzip());
  stages.push(...extra);
  // `pipeline` destroys every stage on error; the error surfaces where `sink` is iterated.
  (pipeline as (...s: unknown[]) => void)(...stages, sink, () => {});
  return sink;
}

/**
 * Rows of a CSV file. Row numbers are file line numbers (the header is line 1), as an editor shows
 * them; a cell with line breaks makes its row number the line the row ends on.
 */
export async function* readCsv(path: string, delimiter: string, options: ReadOptions = {}): AsyncGenerator<ReadItem> {
  const skipped: ReadItem[] = [];
  let lastLine = 0;
  const parser = parse({
    delimiter, bom: true, info: true,
    relax_quotes: true, relax_column_count: true,
    skip_empty_lines: true, skip_records_with_empty_values: true,
    // A broken record is reported and skipped instead of aborting the whole import.
    skip_records_with_error: true,
    on_skip: (err) => {
      skipped.push({ kind: 'bad', line: lastLine + 1, reason: `not valid CSV: ${(err?.message ?? 'unreadable record').replace(/ at line \d+/, '')}` });
      return undefined;
    },
  });
  streamInto(path, parser, options, [crlfToLf()]);
  let header: string[] | undefined;
  let index = new Map<string, number>();
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    yield* skipped.splice(0);
    lastLine = info.lines;
    if (!header) {
      header = record.map((c) => c.trim());
      index = new Map([...header.entries()].reverse().map(([i, c]) => [c, i]));
      yield { kind: 'header', columns: header };
      continue;
    }
    if (record.length !== header.length) {
      yield { kind: 'bad', line: info.lines, reason: `row has a different number of fields than the header (${header.length}); check the delimiter and quoting`, value: `${record.length} fields` };
      continue;
    }
    const values = record;
    yield { kind: 'row', line: info.lines, row: { get: (c) => values[index.get(c) ?? -1], content: JSON.stringify(values) } };
  }
  yield* skipped.splice(0);
  if (!header) yield { kind: 'header', columns: [] };
}

const CR = Buffer.from('\r');

/**
 * Windows line ends to `\n`. csv-parse 7 counts a CRLF after an empty line or inside a quoted cell
 * as two lines, which would put every later row number off by one; with plain `\n` its count is exact.
 * (Byte-wise is safe in UTF-8: CR and LF never occur inside a multi-byte character.)
 */
function crlfToLf(): Transform {
  let heldCr = false;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      let buf = heldCr ? Buffer.concat([CR, chunk]) : chunk;
      heldCr = buf.length > 0 && buf[buf.length - 1] === 0x0d;
      if (heldCr) buf = buf.subarray(0, -1);
      const parts: Buffer[] = [];
      let from = 0;
      for (let i = buf.indexOf('\r\n'); i !== -1; i = buf.indexOf('\r\n', i + 2)) {
        parts.push(buf.subarray(from, i));
        from = i + 1;
      }
      parts.push(buf.subarray(from));
      done(null, parts.length === 1 ? buf : Buffer.concat(parts));
    },
    flush(done) { done(null, heldCr ? CR : undefined); },
  });
}

/** Rows of an NDJSON file: one JSON object per line, blank lines ignored. */
export async function* readNdjson(path: string, options: ReadOptions = {}): AsyncGenerator<ReadItem> {
  const lines = createInterface({ input: streamInto(path, new PassThrough(), options), crlfDelay: Infinity });
  let n = 0;
  for await (const raw of lines) {
    n++;
    const text = (n === 1 ? raw.replace(/^\uFEFF/, '') : raw).trim();
    if (!text) continue;
    let value: unknown;
    try { value = JSON.parse(text); } catch (err) {
      const hint = n === 1 && text === '[' ? ' (a JSON array? convert it to one object per line, e.g. `jq -c ".[]"`)' : '';
      yield { kind: 'bad', line: n, reason: `not valid JSON${hint}`, value: text };
      continue;
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      yield { kind: 'bad', line: n, reason: 'line is not a JSON object', value: text };
      continue;
    }
    const obj = value as Json;
    yield { kind: 'row', line: n, row: { get: (c) => lookup(obj, c), base: obj, content: text } };
  }
}

/** `total`, or `order.total` when there is no key with a dot in it. */
function lookup(obj: Json, key: string): unknown {
  if (key in obj) return obj[key];
  let node: unknown = obj;
  for (const part of key.split('.')) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Json)[part];
  }
  return node;
}

const CANDIDATES = [',', ';', '\t', '|'];

/**
 * The delimiter of a CSV file, from its first line: whichever of `, ; TAB |` occurs most outside
 * quotes (European spreadsheets export `;`). Comma when the file is empty or compressed.
 */
export function sniffDelimiter(path: string): string {
  if (/\.gz$/i.test(path)) return ',';
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(64 * 1024);
  const n = readSync(fd, buf, 0, buf.length, 0);
  closeSync(fd);
  const first = buf.subarray(0, n).toString('utf8').split(/\r?\n/)[0] ?? '';
  const counts = new Map(CANDIDATES.map((c) => [c, 0]));
  let quoted = false;
  for (const ch of first) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  return [...counts].reduce((best, cur) => (cur[1] > best[1] ? cur : best))[0];
}
