import type { FastifyRequest } from 'fastify';
import { hasRole, type Role } from '../auth/roles.ts';
import type { Membership, User } from '../auth/users.ts';
import type { Workspace, Workspaces } from '../workspaces/workspaces.ts';
import { ApiError } from './errors.ts';

/** Header the dashboard sends to pick one of the logged-in user's workspaces. */
export const WORKSPACE_HEADER = 'x-touchpoint-workspace';

/** Set on the request by the session hook (src/api/session-hook.ts) when a valid login cookie came with it. */
export interface RequestLogin { user: User; memberships: Membership[] }
declare module 'fastify' {
  interface FastifyRequest { login?: RequestLogin }
}

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

/**
 * Read and admin API: `Authorization: Bearer <secret key>` (full access to one workspace), or a
 * dashboard login cookie plus the workspace header, limited by the user's role there
 * (`minRole`: agent for reading and working cases, analyst for journeys and surveys, admin for
 * rules, alerts, users and keys). Write keys cannot read.
 */
export async function requireSecretKey(workspaces: Workspaces, req: FastifyRequest, minRole: Role = 'agent'): Promise<Workspace> {
  const key = bearer(req);
  if (!key && req.login) return workspaceOfLogin(workspaces, req, req.login, minRole);
  if (!key) throw new ApiError('unauthorized', 'Missing secret key: send `Authorization: Bearer <secret key>`, or log in.');
  const ws = await workspaces.findBySecretKey(key);
  if (ws) return ws;
  if (await workspaces.findByWriteKey(key)) throw new ApiError('forbidden', 'A write key can only send data; use the secret key to read.');
  throw new ApiError('unauthorized', 'Unknown secret key.');
}

async function workspaceOfLogin(workspaces: Workspaces, req: FastifyRequest, login: RequestLogin, minRole: Role): Promise<Workspace> {
  const asked = req.headers[WORKSPACE_HEADER];
  const wanted = typeof asked === 'string' && asked ? asked : login.memberships[0]?.workspaceId;
  const membership = login.memberships.find((m) => m.workspaceId === wanted);
  // Same answer for "no such workspace" and "not yours": one workspace never learns of another.
  if (!membership) throw new ApiError('forbidden', 'You are not a member of this workspace.');
  if (!hasRole(membership.role, minRole)) {
    throw new ApiError('forbidden', `This needs the ${minRole} role; you are ${membership.role} in this workspace.`);
  }
  const ws = await workspaces.get(membership.workspaceId);
  if (!ws) throw new ApiError('forbidden', 'You are not a member of this workspace.');
  return ws;
}
