import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { findCustomerId } from '../../customers/find-customer.ts';
import { customerProfile } from '../../customers/profile.ts';
import { customerResponses } from '../../customers/customer-responses.ts';
import { searchCustomers } from '../../customers/search-customers.ts';
import { customerTimeline } from '../../customers/timeline.ts';
import { requireSecretKey } from '../auth.ts';
import { ApiError } from '../errors.ts';
import { parseQuery } from '../validate.ts';
import type { Services } from '../services.ts';

const profileQuery = z.object({
  journey: z.string().max(64).optional(),
  version: z.coerce.number().int().min(1).optional(),
});

const timelineQuery = z.object({
  limit: z.coerce.number().int().min(1).max(5000).optional(),
  journey: z.string().max(64).optional(),
  version: z.coerce.number().int().min(1).optional(),
  after: z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be the `next` value of a previous page').optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

const searchQuery = z.object({
  search: z.string().max(255).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

export function customerRoutes(app: FastifyInstance, services: Services): void {
  const resolve = async (workspaceId: string, id: string) => {
    const customerId = await findCustomerId(services.store, workspaceId, id);
    if (!customerId) throw new ApiError('not_found', `No customer with identity "${id}".`);
    return customerId;
  };

  /** The journey to place events in: `?journey=&version=`, else the workspace's primary journey. */
  const journeyFor = async (workspaceId: string, q: { journey?: string; version?: number }) => {
    if (!q.journey) return services.journeys.primary(workspaceId);
    const found = await services.journeys.get(workspaceId, q.journey, q.version);
    if (!found) throw new ApiError('not_found', `No journey "${q.journey}"${q.version ? ` version ${q.version}` : ''}.`);
    return found;
  };

  app.get('/api/v1/customers', async (req) => {
    const ws = await requireSecretKey(services.workspaces, req);
    const q = parseQuery(searchQuery, req.query);
    return { customers: await searchCustomers(services.store, ws.id, { ...q, journey: await services.journeys.primary(ws.id) }) };
  });

  app.get('/api/v1/customers/:id/responses', async (req) => {
    const ws = await requireSecretKey(services.workspaces, req);
    const customerId = await resolve(ws.id, (req.params as { id: string }).id);
    return { customerId, responses: await customerResponses(services.store, ws.id, customerId) };
  });

  app.get('/api/v1/customers/:id', async (req) => {
    const ws = await requireSecretKey(services.workspaces, req);
    const { id } = req.params as { id: string };
    const q = parseQuery(profileQuery, req.query);
    const customerId = await resolve(ws.id, id);
    const profile = await customerProfile(services.store, ws.id, customerId, await journeyFor(ws.id, q));
    const churn = services.churn.cached(ws.id);
    const mine = churn?.scores.find((s) => s.id === customerId);
    return { ...profile, churnRisk: mine ? { risk: mine.risk, reasons: mine.reasons } : null };
  });

  app.get('/api/v1/customers/:id/timeline', async (req) => {
    const ws = await requireSecretKey(services.workspaces, req);
    const { id } = req.params as { id: string };
    const q = parseQuery(timelineQuery, req.query);
    const customerId = await resolve(ws.id, id);
    const journey = await journeyFor(ws.id, q);
    const page = await customerTimeline(services.store, ws.id, customerId, {
      limit: q.limit, after: q.after, from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined,
      journey: journey?.journey,
    }).catch((err) => {
      if (err instanceof TypeError && err.message === 'invalid cursor') throw new ApiError('validation_failed', 'Invalid `after` cursor.', [{ path: 'after', message: 'must be the `next` value of a previous page' }]);
      throw err;
    });
    return { customerId, journey: journey ? { id: journey.journey.id, version: journey.version } : null, ...page };
  });
}
