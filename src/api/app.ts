import Fastify, { type FastifyInstance } from 'fastify';
import { MAX_BODY_BYTES } from '../ingest/body.ts';
import { ApiError } from './errors.ts';
import { customerRoutes } from './routes/customers.ts';
import { eventRoutes } from './routes/events.ts';
import { importRoutes, MAX_IMPORT_BYTES } from './routes/import.ts';
import { journeyRoutes } from './routes/journeys.ts';
import { queryRoutes } from './routes/query.ts';
import { surveyRoutes } from './routes/surveys.ts';
import { textRoutes } from './routes/text.ts';
import { feedbackRoutes } from './routes/feedback.ts';
import { surveyPreviewRoutes } from './routes/survey-preview.ts';
import { caseRoutes } from './routes/cases.ts';
import { alertRoutes } from './routes/alerts.ts';
import { ZodError } from 'zod';
import { AnalyticsInputError } from '../analytics/common/errors.ts';
import { posthogRoutes } from './routes/posthog.ts';
import { segmentRoutes } from './routes/segment.ts';
import { sdkRoutes } from './routes/sdk.ts';
import { authRoutes } from './routes/auth.ts';
import { settingsRoutes } from './routes/settings.ts';
import { webRoutes } from './routes/web.ts';
import { sessionHook } from './session-hook.ts';
import fastifyCookie from '@fastify/cookie';
import type { Services } from './services.ts';

/** Builds the HTTP app (no listening): used by the server and, through `inject()`, by tests. */
export async function buildApp(services: Services): Promise<FastifyInstance> {
  const app = Fastify({
    logger: services.config.logLevel === 'silent' ? false : { level: services.config.logLevel },
    bodyLimit: MAX_BODY_BYTES,
    // Client libraries send JSON with many content types (text/plain, form-urlencoded+gzip): read raw bytes, decode ourselves.
  });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  // Browsers post from other origins (the SDK on a customer's site): allow simple CORS for ingest.
  app.addHook('onRequest', async (req, reply) => {
    reply.header('access-control-allow-origin', req.headers.origin ?? '*');
    // The dashboard's login cookie is SameSite=Strict and never sent cross-site; credentials are for the SDK's ingest only.
    if (!req.url.startsWith('/api/')) reply.header('access-control-allow-credentials', 'true');
    if (req.method === 'OPTIONS') {
      reply.header('access-control-allow-methods', 'GET,POST,PUT,PATCH,DELETE,OPTIONS');
      reply.header('access-control-allow-headers', req.headers['access-control-request-headers'] ?? 'content-type,authorization');
      reply.header('access-control-max-age', '86400');
      return reply.code(204).send();
    }
  });

  app.setErrorHandler((err, req, reply) => {
    if (err instanceof ApiError) return reply.code(err.status).send(err.toJSON());
    // Domain functions validate their own input with zod: a failure there is the caller's mistake.
    if (err instanceof ZodError) {
      return reply.code(400).send(new ApiError('validation_failed', 'Invalid request.', err.issues.map((i) => ({
        path: i.path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '['), message: i.message,
      }))).toJSON());
    }
    if (err instanceof AnalyticsInputError) {
      return reply.code(400).send(new ApiError('validation_failed', err.message, [{ path: err.path, message: err.message }]).toJSON());
    }
    const e = err as { code?: string; statusCode?: number; message: string };
    if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      const limit = req.url.startsWith('/v1/import') ? MAX_IMPORT_BYTES : MAX_BODY_BYTES;
      return reply.code(413).send(new ApiError('payload_too_large', `Body exceeds ${Math.round(limit / 1024)} KB; send smaller batches.`).toJSON());
    }
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
      return reply.code(e.statusCode).send({ error: e.message, code: 'invalid_body', details: [] });
    }
    req.log.error(err);
    return reply.code(503).send(new ApiError('unavailable', 'The server could not complete the request; nothing was acknowledged, retry later.').toJSON());
  });
  app.setNotFoundHandler((req, reply) => app.serveAppShell(req) ? app.sendAppShell(reply) :
    reply.code(404).send(new ApiError('not_found', `No route ${req.method} ${req.url.split('?')[0]}.`).toJSON()));

  await app.register(fastifyCookie);
  sessionHook(app, services);
  await webRoutes(app);
  app.get('/health', async () => ({ status: 'ok' }));
  // Browsers ask for it on every page (survey links, dashboard); no icon yet, and no console error.
  app.get('/favicon.ico', async (_req, reply) => reply.code(204).send());
  segmentRoutes(app, services);
  posthogRoutes(app, services);
  importRoutes(app, services);
  customerRoutes(app, services);
  eventRoutes(app, services);
  journeyRoutes(app, services);
  queryRoutes(app, services);
  surveyRoutes(app, services);
  textRoutes(app, services);
  feedbackRoutes(app, services);
  surveyPreviewRoutes(app, services);
  caseRoutes(app, services);
  alertRoutes(app, services);
  sdkRoutes(app);
  authRoutes(app, services);
  settingsRoutes(app, services);
  return app;
}
