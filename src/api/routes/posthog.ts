import type { FastifyInstance } from 'fastify';
import { decodeJsonBody } from '../../ingest/body.ts';
import { MAX_BATCH_MESSAGES } from '../../ingest/ingest-service.ts';
import { readPosthogBody } from '../../ingest/posthog.ts';
import { requireWriteKey } from '../auth.ts';
import { ApiError } from '../errors.ts';
import type { Services } from '../services.ts';
import { replyIngest } from './segment.ts';

/** The PostHog capture API (`/batch/`, `/capture/`, `/e/`), key as `api_key`. */
export function posthogRoutes(app: FastifyInstance, services: Services): void {
  const handler = async (req: import('fastify').FastifyRequest, reply: import('fastify').FastifyReply) => {
    const parsed = readPosthogBody(decodeJsonBody(req.body as Buffer, req.headers));
    if (typeof parsed === 'string') throw new ApiError('invalid_body', parsed);
    const query = req.query as Record<string, string | undefined>;
    const ws = await requireWriteKey(services.workspaces, parsed.apiKey ?? query.api_key ?? query.token);
    if (parsed.messages.length > MAX_BATCH_MESSAGES) throw new ApiError('payload_too_large', `A batch holds at most ${MAX_BATCH_MESSAGES} events.`);
    const result = await services.ingest.ingest({
      workspaceId: ws.id, messages: parsed.messages, sentAt: parsed.sentAt, pathPrefix: 'batch', source: 'posthog',
    });
    return replyIngest(reply, result);
  };
  for (const path of ['/batch', '/batch/', '/capture', '/capture/', '/e', '/e/', '/i/v0/e', '/i/v0/e/']) app.post(path, handler);
}
