import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { findCustomerId } from '../../customers/find-customer.ts';
import { customerProfile } from '../../customers/profile.ts';
import { customerTimeline } from '../../customers/timeline.ts';
import { requireSecretKey } from '../auth.ts';
import { ApiError } from '../errors.ts';
import { parseQuery } from '../validate.ts';
import type { Services } from '../services.ts';

const timelineQuery = z.object({
  limit: z.coerce.number().int().min(1).max(5000).optional(),
  after: z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be the `next` value of a previous page').optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

export function customerRoutes(app: FastifyInstance, services: Services): void {
  const resolve = async (workspaceId: string, id: string) => {
    const customerId = await findCustomerId(services.store, workspaceId, id);
    if (!customerId) throw new ApiError('not_found', `No customer with identity "${id}".`);
    return customerId;
  };

  app.get('/api/v1/customers/:id', async (req) => {
    const ws = await requireSecretKey(services.workspaces, req);
    const { id } = req.params as { id: string };
    return customerProfile(services.store, ws.id, await resolve(ws.id, id));
  });

  app.get('/api/v1/customers/:id/timeline', async (req) => {
    const ws = await requireSecretKey(services.workspaces, req);
    const { id } = req.params as { id: string };
    const q = parseQuery(timelineQuery, req.query);
    const customerId = await resolve(ws.id, id);
    const page = await customerTimeline(services.store, ws.id, customerId, {
      limit: q.limit, after: q.after, from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined,
    });
    return { customerId, ...page };
  });
}
