import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { generatePassword } from '../../auth/passwords.ts';
import { ROLES } from '../../auth/roles.ts';
import { DuplicateUserError } from '../../auth/users.ts';
import { newSecretKey } from '../../workspaces/keys.ts';
import { requireSecretKey } from '../auth.ts';
import { jsonBody } from '../body.ts';
import { ApiError } from '../errors.ts';
import type { Services } from '../services.ts';
import { parseWith } from '../validate.ts';

const WorkspaceInput = z.strictObject({ name: z.string().trim().min(1).max(120) });
const NewMember = z.strictObject({
  email: z.string().trim().email().max(320), name: z.string().trim().max(120).optional(),
  role: z.enum(ROLES), password: z.string().min(8).max(200).optional(),
});
const RolePatch = z.strictObject({ role: z.enum(ROLES) });

/** Settings: the current workspace and its keys, new workspaces, and who may log in with which role. */
export function settingsRoutes(app: FastifyInstance, services: Services): void {
  /** The member about to change; refuses when that would leave the workspace without an admin. */
  async function memberKeepingAnAdmin(workspaceId: string, userId: string, losesAdmin: boolean) {
    const members = await services.users.members(workspaceId);
    const member = members.find((m) => m.id === userId);
    if (!member) throw new ApiError('not_found', 'No such user in this workspace.');
    if (losesAdmin && member.role === 'admin' && members.filter((m) => m.role === 'admin').length <= 1) {
      throw new ApiError('conflict', 'A workspace keeps at least one admin.');
    }
    return member;
  }

  app.get('/api/v1/workspace', async (req) => {
    const ws = await requireSecretKey(services.workspaces, req);
    const role = req.login?.memberships.find((m) => m.workspaceId === ws.id)?.role ?? 'admin';
    // The write key is public (it ships in web pages); the secret key is never shown again after creation.
    return { id: ws.id, name: ws.name, writeKey: ws.writeKey, role };
  });

  app.patch('/api/v1/workspace', async (req) => {
    const ws = await requireSecretKey(services.workspaces, req, 'admin');
    const { name } = parseWith(WorkspaceInput, jsonBody(req));
    await services.workspaces.rename(ws.id, name);
    return { id: ws.id, name, writeKey: ws.writeKey };
  });

  app.post('/api/v1/workspace/secret-key', async (req) => {
    const ws = await requireSecretKey(services.workspaces, req, 'admin');
    const secretKey = newSecretKey();
    await services.workspaces.setKeys(ws.id, { secretKey });
    return { secretKey, note: 'Shown once: the previous secret key stops working now.' };
  });

  app.post('/api/v1/workspaces', async (req, reply) => {
    if (!req.login) throw new ApiError('forbidden', 'Log in to the dashboard to create a workspace.');
    const { name } = parseWith(WorkspaceInput, jsonBody(req));
    const created = await services.workspaces.create(name);
    await services.users.setRole(req.login.user.id, created.id, 'admin');
    return reply.code(201).send(created);
  });

  app.get('/api/v1/users', async (req) => {
    const ws = await requireSecretKey(services.workspaces, req, 'admin');
    return { users: await services.users.members(ws.id) };
  });

  // Agents assign cases to each other, so every member may see who else is in the workspace (no login times).
  app.get('/api/v1/members', async (req) => {
    const ws = await requireSecretKey(services.workspaces, req);
    return { members: (await services.users.members(ws.id)).map(({ id, email, name, role }) => ({ id, email, name, role })) };
  });

  app.post('/api/v1/users', async (req, reply) => {
    const ws = await requireSecretKey(services.workspaces, req, 'admin');
    const input = parseWith(NewMember, jsonBody(req));
    let user = await services.users.findByEmail(input.email);
    let password: string | undefined;
    if (!user) {
      password = input.password ?? generatePassword();
      try {
        user = await services.users.create({ email: input.email, name: input.name, password });
      } catch (e) {
        if (e instanceof DuplicateUserError) throw new ApiError('conflict', e.message);
        throw e;
      }
    }
    await services.users.setRole(user.id, ws.id, input.role);
    // A generated password is returned once so the admin can hand it over; users change it after logging in.
    return reply.code(201).send({ ...user, role: input.role, ...(password && !input.password ? { password } : {}) });
  });

  app.patch('/api/v1/users/:id', async (req) => {
    const ws = await requireSecretKey(services.workspaces, req, 'admin');
    const { role } = parseWith(RolePatch, jsonBody(req));
    const id = (req.params as { id: string }).id;
    const member = await memberKeepingAnAdmin(ws.id, id, role !== 'admin');
    await services.users.setRole(id, ws.id, role);
    return { ...member, role };
  });

  app.delete('/api/v1/users/:id', async (req) => {
    const ws = await requireSecretKey(services.workspaces, req, 'admin');
    const id = (req.params as { id: string }).id;
    await memberKeepingAnAdmin(ws.id, id, true);
    await services.users.removeFromWorkspace(id, ws.id);
    return { success: true };
  });
}
