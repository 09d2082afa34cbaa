import type { FastifyRequest } from 'fastify';
import type { Workspace, Workspaces } from '../workspaces/workspaces.ts';
import { ApiError } from './errors.ts';

/** Segment clients send the write key as the HTTP Basic user name (password empty). */
export function basicUser(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  if (!h || !/^basic /i.test(h)) return undefined;
  const decoded = Buffer.from(h.slice(6).trim(), 'base64').toString('utf8');
  const user = decoded.split(':')[0];
  return user || undefined;
}

export function bearer(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  if (!h || !/^bearer /i.test(h)) return undefined;
  return h.slice(7).trim() || undefined;
}

/** Resolves a write key (ingest only). Secret keys are refused here so a leak of one is not hidden. */
export async function requireWriteKey(workspaces: Workspaces, key: string | undefined): Promise<Workspace> {
  if (!key) throw new ApiError('unauthorized', 'Missing write key: send it as the Basic auth user name, `writeKey` or `api_key`.');
  const ws = await workspaces.findByWriteKey(key);
  if (!ws) throw new ApiError('unauthorized', 'Unknown write key.');
  return ws;
}

/** Read and admin API: `Authorization: Bearer <secret key>`. Write keys cannot read. */
export async function requireSecretKey(workspaces: Workspaces, req: FastifyRequest): Promise<Workspace> {
  const key = bearer(req);
  if (!key) throw new ApiError('unauthorized', 'Missing secret key: send `Authorization: Bearer <secret key>`.');
  const ws = await workspaces.findBySecretKey(key);
  if (ws) return ws;
  if (await workspaces.findByWriteKey(key)) throw new ApiError('forbidden', 'A write key can only send data; use the secret key to read.');
  throw new ApiError('unauthorized', 'Unknown secret key.');
}
