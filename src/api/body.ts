import type { FastifyRequest } from 'fastify';
import { decodeJsonBody } from '../ingest/body.ts';
import { ApiError } from './errors.ts';

/** Read/admin API bodies are small documents (journeys, surveys, queries). */
export const MAX_API_BODY_BYTES = 1024 * 1024;

export function jsonBody(req: FastifyRequest): unknown {
  return decodeJsonBody(req.body as Buffer | undefined, req.headers, MAX_API_BODY_BYTES);
}

/** The body as UTF-8 text (YAML definitions). */
export function textBody(req: FastifyRequest): string {
  const body = req.body as Buffer | undefined;
  if (!body || body.length === 0) throw new ApiError('invalid_body', 'Request body is empty.');
  if (body.length > MAX_API_BODY_BYTES) throw new ApiError('payload_too_large', 'Body exceeds 1 MB.');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw new ApiError('invalid_encoding', 'Body is not valid UTF-8.');
  }
}
