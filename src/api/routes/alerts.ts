import type { FastifyInstance } from 'fastify';
import { requireSecretKey } from '../auth.ts';
import { jsonBody } from '../body.ts';
import { ApiError } from '../errors.ts';
import type { Services } from '../services.ts';

/** Alert channels (webhook with HMAC, Slack-compatible incoming webhook, e-mail) and their delivery log. */
export function alertRoutes(app: FastifyInstance, services: Services): void {
  app.get('/api/v1/alert-channels', async (req) => ({ channels: await services.alerts.channels.list((await requireSecretKey(services.workspaces, req)).id) }));
  app.post('/api/v1/alert-channels', async (req, reply) => {
    const ws = await requireSecretKey(services.workspaces, req, 'admin');
    return reply.code(201).send(await services.alerts.channels.add(ws.id, jsonBody(req)));
  });
  app.delete('/api/v1/alert-channels/:id', async (req, reply) => {
    const ws = await requireSecretKey(services.workspaces, req, 'admin');
    if (!(await services.alerts.channels.remove(ws.id, (req.params as { id: string }).id))) throw new ApiError('not_found', 'No such alert channel.');
    return reply.code(204).send();
  });
  app.post('/api/v1/alert-digests', async (req) => ({ sent: await services.alerts.digest((await requireSecretKey(services.workspaces, req)).id) }));
  app.get('/api/v1/alert-deliveries', async (req) => ({ deliveries: await services.alerts.deliveries((await requireSecretKey(services.workspaces, req)).id) }));
}
