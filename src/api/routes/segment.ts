import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Json } from '../../ingest/event.ts';
import { decodeJsonBody } from '../../ingest/body.ts';
import { answerError, batchPool, POOL_MIN_BYTES, preparedEvents } from '../../ingest/batch-pool.ts';
import { MAX_BATCH_MESSAGES, type IngestResult } from '../../ingest/ingest-service.ts';
import type { SegmentType } from '../../ingest/segment-schema.ts';
import { basicUser, requireWriteKey } from '../auth.ts';
import { ApiError } from '../errors.ts';
import type { Services } from '../services.ts';

const SINGLE: SegmentType[] = ['track', 'identify', 'page', 'screen', 'group', 'alias'];

function asObject(body: unknown): Json {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new ApiError('invalid_body', 'Body must be a JSON object.');
  return body as Json;
}

/** 200 when anything was accepted (bad messages listed in `rejected`); 400 when nothing was. */
export function replyIngest(reply: FastifyReply, result: IngestResult) {
  if (result.stored + result.duplicates === 0 && result.rejected.length > 0) {
    throw new ApiError('validation_failed', 'No valid message in the request.', result.rejected);
  }
  return reply.send({
    success: true, stored: result.stored, duplicates: result.duplicates,
    ...(result.rejected.length ? { rejected: result.rejected } : {}),
  });
}

/** The Segment HTTP tracking API: `/v1/batch` and one route per call type. */
export function segmentRoutes(app: FastifyInstance, services: Services): void {
  app.post('/v1/batch', async (req, reply) => {
    const raw = req.body as Buffer | undefined;
    // A large batch is decoded, validated and encoded on a worker thread (ingest/batch-pool.ts);
    // errors and their order (body → key → batch) are the same as below.
    const receivedAt = Date.now();
    const answer = raw && raw.length >= POOL_MIN_BYTES ? await batchPool().prepare(raw, header(req.headers['content-encoding']), receivedAt) : null;
    if (answer) {
      if (!answer.ok && answer.stage === 'body') throw answerError(answer);
      const ws = await requireWriteKey(services.workspaces, basicUser(req) ?? answer.writeKey);
      if (!answer.ok) throw answerError(answer);
      const { events, rejected } = preparedEvents(answer, ws.id, receivedAt);
      return replyIngest(reply, await services.ingest.ingestPrepared(events, rejected));
    }
    const body = asObject(decodeJsonBody(req.body as Buffer, req.headers));
    const ws = await requireWriteKey(services.workspaces, basicUser(req) ?? strOrUndef(body.writeKey));
    if (!Array.isArray(body.batch)) throw new ApiError('invalid_body', '`batch` must be an array of messages.', [{ path: 'batch', message: 'expected an array' }]);
    if (body.batch.length > MAX_BATCH_MESSAGES) throw new ApiError('payload_too_large', `A batch holds at most ${MAX_BATCH_MESSAGES} messages.`);
    const result = await services.ingest.ingest({
      workspaceId: ws.id, messages: body.batch, batchContext: objOrUndef(body.context),
      sentAt: strOrUndef(body.sentAt), pathPrefix: 'batch',
    });
    return replyIngest(reply, result);
  });

  for (const type of SINGLE) {
    app.post(`/v1/${type}`, async (req, reply) => {
      const body = asObject(decodeJsonBody(req.body as Buffer, req.headers));
      const ws = await requireWriteKey(services.workspaces, basicUser(req) ?? strOrUndef(body.writeKey));
      const result = await services.ingest.ingest({ workspaceId: ws.id, messages: [body], impliedType: type });
      return replyIngest(reply, result);
    });
  }
}

function header(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function strOrUndef(v: unknown): string | undefined {
  return typeof v === 'string' && v ? v : undefined;
}

function objOrUndef(v: unknown): Json | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
}
