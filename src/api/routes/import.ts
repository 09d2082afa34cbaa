import type { FastifyInstance } from 'fastify';
import type { ErrorDetail } from '../errors.ts';
import { ApiError } from '../errors.ts';
import { gunzipSync } from 'node:zlib';
import { basicUser, requireWriteKey } from '../auth.ts';
import type { Services } from '../services.ts';

export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;
const CHUNK = 5000;
const MAX_REPORTED = 200;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * `POST /v1/import`: NDJSON, one Segment message per line (offline touchpoints: call-centre logs,
 * store purchases). Lines are validated one by one; good lines are stored, bad ones reported with
 * their line number. Write key as Basic user or `?writeKey=`.
 */
export function importRoutes(app: FastifyInstance, services: Services): void {
  app.post('/v1/import', { bodyLimit: MAX_IMPORT_BYTES }, async (req, reply) => {
    const query = req.query as Record<string, string | undefined>;
    const ws = await requireWriteKey(services.workspaces, basicUser(req) ?? query.writeKey);
    let bytes = req.body as Buffer | undefined;
    if (!bytes || bytes.length === 0) throw new ApiError('invalid_body', 'Body is empty; send NDJSON, one message per line.');
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
      try { bytes = gunzipSync(bytes, { maxOutputLength: MAX_IMPORT_BYTES }); } catch (err) {
        throw new ApiError('invalid_encoding', `Body could not be decompressed: ${(err as Error).message}`);
      }
    }
    let text: string;
    try { text = utf8.decode(bytes); } catch { throw new ApiError('invalid_encoding', 'Body is not valid UTF-8.'); }

    const lines = text.split('\n');
    let read = 0, stored = 0, duplicates = 0, rejectedCount = 0;
    const rejected: ErrorDetail[] = [];
    const reject = (d: ErrorDetail) => { rejectedCount++; if (rejected.length < MAX_REPORTED) rejected.push(d); };
    let chunk: unknown[] = [];
    let chunkLines: number[] = [];
    const flush = async () => {
      if (chunk.length === 0) return;
      const r = await services.ingest.ingest({ workspaceId: ws.id, messages: chunk, source: 'import' });
      stored += r.stored;
      duplicates += r.duplicates;
      for (const d of r.rejected) reject({ ...d, path: `line ${chunkLines[d.index!]}${d.path ? ': ' + d.path : ''}`, index: chunkLines[d.index!] });
      chunk = [];
      chunkLines = [];
    };
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i].trim();
      if (!line) continue;
      read++;
      try {
        chunk.push(JSON.parse(line));
        chunkLines.push(i + 1);
      } catch (err) {
        reject({ path: `line ${i + 1}`, index: i + 1, message: `not valid JSON: ${(err as Error).message}` });
      }
      if (chunk.length >= CHUNK) await flush();
    }
    await flush();
    if (stored + duplicates === 0 && rejectedCount > 0) {
      throw new ApiError('validation_failed', `No valid line among ${read}.`, rejected);
    }
    return reply.send({ success: true, read, stored, duplicates, rejectedCount, rejected });
  });
}
