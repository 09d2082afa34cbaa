import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { SESSION_COOKIE, SESSION_TTL_MS } from '../../auth/sessions.ts';
import { RateLimiter } from '../../common/rate-limit.ts';
import { jsonBody } from '../body.ts';
import { ApiError } from '../errors.ts';
import type { Services } from '../services.ts';
import { parseWith } from '../validate.ts';

const LoginInput = z.strictObject({ email: z.string().trim().min(3).max(320), password: z.string().min(1).max(200) });
const PasswordInput = z.strictObject({ currentPassword: z.string().min(1).max(200), newPassword: z.string().min(8, 'at least 8 characters').max(200) });

/** Dashboard login: an HttpOnly, SameSite=Strict cookie, so other sites can neither read nor ride the session. */
export function authRoutes(app: FastifyInstance, services: Services): void {
  // 10 failed attempts per e-mail and per address per 15 minutes, then 429 (slows password guessing).
  const failures = new RateLimiter(10, 15 * 60_000);

  app.post('/api/v1/auth/login', async (req, reply) => {
    const input = parseWith(LoginInput, jsonBody(req));
    const keys = [`ip:${req.ip}`, `email:${input.email.toLowerCase()}`];
    if (keys.some((k) => failures.peek(k))) throw new ApiError('rate_limited', 'Too many failed logins; wait 15 minutes and try again.');
    const user = await services.users.authenticate(input.email, input.password);
    if (!user) {
      keys.forEach((k) => failures.take(k));
      throw new ApiError('unauthorized', 'Wrong e-mail or password.');
    }
    const login = await services.users.withMemberships(user.id);
    const session = await services.sessions.create(user.id);
    setSessionCookie(reply, session.token, req.protocol === 'https');
    return { user, workspaces: login?.memberships ?? [] };
  });

  app.post('/api/v1/auth/logout', async (req, reply) => {
    const token = req.cookies?.[SESSION_COOKIE];
    if (token) await services.sessions.destroy(token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { success: true };
  });

  // Asking "who am I" is not an error when logged out: the dashboard asks on every load.
  app.get('/api/v1/auth/me', async (req) => {
    if (!req.login) return { user: null, workspaces: [] };
    return { user: req.login.user, workspaces: req.login.memberships };
  });

  app.post('/api/v1/auth/password', async (req) => {
    if (!req.login) throw new ApiError('unauthorized', 'Not logged in.');
    const input = parseWith(PasswordInput, jsonBody(req));
    if (!(await services.users.authenticate(req.login.user.email, input.currentPassword))) {
      throw new ApiError('forbidden', 'The current password is wrong.');
    }
    await services.users.setPassword(req.login.user.id, input.newPassword);
    return { success: true };
  });
}

function setSessionCookie(reply: FastifyReply, token: string, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/', httpOnly: true, sameSite: 'strict', secure, maxAge: Math.floor(SESSION_TTL_MS / 1000),
  });
}
