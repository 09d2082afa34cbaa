import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Where `npm install` (the `prepare` script) puts the built dashboard. */
export const WEB_DIST = fileURLToPath(new URL('../../../dist/web/', import.meta.url));

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Touchpoint</title>
<p>The dashboard is not built yet. Run <code>npm run build:web</code> (npm install does it) and reload.</p>
<p>The API is up: see <code>docs/api.md</code>.</p>`;

/** Paths that belong to the API, ingest or public pages, never to the single-page app. */
const NOT_APP = /^\/(api|v1|s|e|batch|capture|sdk\.js|health)(\/|$|\?)/;

/**
 * Serves the dashboard: hashed assets cached for a year, `index.html` for every app route
 * (`/map`, `/cases/…`) so deep links and reloads work.
 */
export async function webRoutes(app: FastifyInstance): Promise<void> {
  const built = existsSync(`${WEB_DIST}index.html`);
  if (built) {
    await app.register(fastifyStatic, {
      root: WEB_DIST, prefix: '/', index: false, wildcard: true, preCompressed: true,
      setHeaders(res, path) {
        res.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  const index = () => (built ? readFileSync(`${WEB_DIST}index.html`, 'utf8') : NOT_BUILT);
  const sendApp = (reply: FastifyReply) => reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache').send(index());
  app.get('/', async (_req, reply) => sendApp(reply));
  // wildcard: files are looked up per request, so a rebuild while the server runs serves the new assets.
  app.decorate('serveAppShell', (req: FastifyRequest) => req.method === 'GET' && !NOT_APP.test(req.url) && /text\/html/.test(req.headers.accept ?? ''));
  app.decorate('sendAppShell', sendApp);
}

declare module 'fastify' {
  interface FastifyInstance {
    serveAppShell(req: FastifyRequest): boolean;
    sendAppShell(reply: FastifyReply): FastifyReply;
  }
}
