import type { FastifyInstance } from 'fastify';
import { EventNamesRequestSchema, listEventNames } from '../../analytics/event-names/index.ts';
import { requireSecretKey } from '../auth.ts';
import { parseQuery } from '../validate.ts';
import type { Services } from '../services.ts';

/** What a workspace's events look like: names, counts and property keys (pickers in the dashboard). */
export function eventRoutes(app: FastifyInstance, services: Services): void {
  app.get('/api/v1/events/names', async (req) => {
    const ws = await requireSecretKey(services.workspaces, req);
    return listEventNames(services.store, ws.id, parseQuery(EventNamesRequestSchema, req.query));
  });
}
