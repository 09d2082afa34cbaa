import type { FastifyInstance } from 'fastify';

/** The browser SDK, built from source in-process on first request and cached. */
export function sdkRoutes(app: FastifyInstance): void {
  app.get('/sdk.js', async (_req, reply) => {
    const { buildSdk } = await import('../../sdk/build.ts');
    const code = await buildSdk();
    return reply.header('content-type', 'application/javascript; charset=utf-8').header('cache-control', 'public, max-age=300').send(code);
  });
}
