/**
 * A batch worker thread (batch-pool.ts): decodes a `/v1/batch` body, validates and normalises its
 * messages, and encodes each valid event's spool row (storage/duckdb/spool.ts spoolTail), so that
 * the main thread is left with HTTP, stitching and the group commit.
 */
import { parentPort } from 'node:worker_threads';
import { ApiError, type ErrorDetail } from '../api/errors.ts';
import { spoolTail } from '../storage/duckdb/spool.ts';
import { decodeJsonBody } from './body.ts';
import type { Json } from './event.ts';
import { MAX_BATCH_MESSAGES, normalizeAll } from './ingest-service.ts';
import { packFields, type PackedFields } from './packed-event.ts';

export interface BatchJob { id: number; body: Uint8Array; contentEncoding?: string; receivedAt: number }

/** `stage`: a `body` error is answered before authentication, a `batch` error after it (as on the main thread). */
export type BatchAnswer = { id: number; writeKey?: string } & (
  | { ok: true; fields: PackedFields; rows: Uint8Array; ends: Uint32Array; rejected: ErrorDetail[] }
  | { ok: false; stage: 'body' | 'batch'; code: ApiError['code']; message: string; details: ErrorDetail[] });

export function prepareBatch(job: BatchJob): BatchAnswer {
  let writeKey: string | undefined;
  let stage: 'body' | 'batch' = 'body';
  try {
    const body = decodeJsonBody(Buffer.from(job.body.buffer, job.body.byteOffset, job.body.byteLength), { 'content-encoding': job.contentEncoding }) as Json;
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new ApiError('invalid_body', 'Body must be a JSON object.');
    stage = 'batch';
    if (typeof body.writeKey === 'string' && body.writeKey) writeKey = body.writeKey;
    if (!Array.isArray(body.batch)) throw new ApiError('invalid_body', '`batch` must be an array of messages.', [{ path: 'batch', message: 'expected an array' }]);
    if (body.batch.length > MAX_BATCH_MESSAGES) throw new ApiError('payload_too_large', `A batch holds at most ${MAX_BATCH_MESSAGES} messages.`);
    const batchContext = body.context && typeof body.context === 'object' && !Array.isArray(body.context) ? body.context as Json : undefined;
    const sentAt = typeof body.sentAt === 'string' && body.sentAt ? body.sentAt : undefined;
    // The workspace is not known here (it goes in front of the encoded tail, by the writer).
    const { valid, rejected } = normalizeAll(body.batch, { workspaceId: '', receivedAt: job.receivedAt, batchContext, sentAt }, 'batch');
    let rows = Buffer.allocUnsafeSlow(job.body.byteLength + (64 << 10));
    let end = 0;
    const ends = new Uint32Array(valid.length);
    const fields: PackedFields = [];
    for (let i = 0; i < valid.length; i++) {
      const tail = spoolTail(valid[i]);
      if (end + 3 * tail.length > rows.length) {
        const larger = Buffer.allocUnsafeSlow(Math.max(2 * rows.length, end + 3 * tail.length));
        rows.copy(larger, 0, 0, end);
        rows = larger;
      }
      end += rows.write(tail, end);
      ends[i] = end;
      packFields(valid[i], fields);
    }
    return { id: job.id, writeKey, ok: true, fields, rows: new Uint8Array(rows.buffer, 0, end), ends, rejected };
  } catch (err) {
    const e = err instanceof ApiError ? err : new ApiError('invalid_body', (err as Error).message);
    return { id: job.id, writeKey, ok: false, stage, code: e.code, message: e.message, details: e.details };
  }
}

if (parentPort) {
  const port = parentPort;
  port.on('message', (job: BatchJob) => {
    const answer = prepareBatch(job);
    // The rows' memory moves to the main thread instead of being copied.
    port.postMessage(answer, answer.ok ? [answer.rows.buffer as ArrayBuffer, answer.ends.buffer as ArrayBuffer] : []);
  });
  port.postMessage({ ready: true });
}
