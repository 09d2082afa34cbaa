import type { FastifyInstance } from 'fastify';
import { SESSION_COOKIE } from '../auth/sessions.ts';
import type { Services } from './services.ts';

/**
 * Resolves the dashboard login cookie into `req.login` for API calls. A stale or unknown cookie is
 * ignored here (the route then answers 401), so a logged-out browser still reaches `/login`.
 */
export function sessionHook(app: FastifyInstance, services: Services): void {
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    const token = req.cookies?.[SESSION_COOKIE];
    if (!token) return;
    const userId = await services.sessions.resolve(token);
    if (!userId) return;
    const login = await services.users.withMemberships(userId);
    if (login) req.login = login;
  });
}
