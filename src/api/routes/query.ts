import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { runFunnel } from '../../analytics/funnel/index.ts';
import { runPaths, topPaths } from '../../analytics/paths/index.ts';
import { runRetention } from '../../analytics/retention/index.ts';
import { runAttribution } from '../../analytics/attribution/index.ts';
import { runFriction } from '../../analytics/friction/index.ts';
import { runDropoff } from '../../analytics/dropoff/index.ts';
import { runJourneyMap, JourneyMapQuerySchema } from '../../analytics/journey-map/index.ts';
import { touchpointCaseSql } from '../../journeys/assign.ts';
import { parseQuery } from '../validate.ts';
import { requireSecretKey } from '../auth.ts';
import { jsonBody } from '../body.ts';
import { ApiError } from '../errors.ts';
import { journeyFor, stepResolver } from '../journey-context.ts';
import type { Services } from '../services.ts';

/** `journey` and `version` may accompany any query; the rest of the body is the query itself. */
const JourneyRef = z.object({ journey: z.string().min(1).max(64).optional(), version: z.number().int().min(1).optional() });

function split(body: unknown): { ref: z.infer<typeof JourneyRef>; query: Record<string, unknown> } {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new ApiError('invalid_body', 'Body must be a JSON object.');
  const { journey, journeyId, version, ...query } = body as Record<string, unknown>;
  const ref = JourneyRef.safeParse({ journey: journey ?? journeyId, version });
  if (!ref.success) throw new ApiError('validation_failed', 'Invalid journey reference.', ref.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  return { ref: ref.data, query };
}

/** Analytics queries. Thin: parse, pick the journey, call one analytics function. */
export function queryRoutes(app: FastifyInstance, services: Services): void {
  const route = (path: string, run: (ws: string, query: Record<string, unknown>, ref: z.infer<typeof JourneyRef>, usesTouchpoints: boolean) => Promise<unknown>) => {
    app.post(path, async (req) => {
      const ws = await requireSecretKey(services.workspaces, req);
      const { ref, query } = split(jsonBody(req));
      return run(ws.id, query, ref, JSON.stringify(query).includes('"touchpoint"') || query.by === 'touchpoint' || query.dimension === 'touchpoint');
    });
  };
  const touchpointSqlFor = async (ws: string, ref: z.infer<typeof JourneyRef>, needed: boolean) => {
    // Touchpoint-level paths and attribution only when asked for: event anchors stay event-level.
    if (!needed) return undefined;
    const j = await journeyFor(services, ws, ref.journey, ref.version);
    return j ? touchpointCaseSql(j.journey) : undefined;
  };

  route('/api/v1/query/funnel', async (ws, query, ref) => {
    const needsJourney = JSON.stringify(query.steps ?? []).match(/"(touchpoint|stage)"/) || query.breakdown === 'persona' || query.persona !== undefined;
    const stored = needsJourney || ref.journey ? await journeyFor(services, ws, ref.journey, ref.version) : null;
    return runFunnel(services.store, ws, query as never, { resolveStep: stepResolver(stored), journey: stored?.journey });
  });
  route('/api/v1/query/paths', async (ws, query, ref, tp) => {
    // A persona filter names a persona of the journey (as the funnel's): the journey is needed then.
    const stored = tp || query.persona !== undefined ? await journeyFor(services, ws, ref.journey, ref.version) : null;
    return runPaths(services.store, ws, query as never, { touchpointSql: tp && stored ? touchpointCaseSql(stored.journey) : undefined, journey: stored?.journey });
  });
  route('/api/v1/query/paths/top', async (ws, query, ref, tp) =>
    topPaths(services.store, ws, query as never, { touchpointSql: await touchpointSqlFor(ws, ref, tp) }));
  route('/api/v1/query/friction', async (ws, query, ref) => {
    const stored = await journeyFor(services, ws, ref.journey, ref.version);
    return runFriction(services.store, ws, query as never, { journey: stored?.journey });
  });
  route('/api/v1/query/dropoff', async (ws, query, ref) => {
    const stored = await journeyFor(services, ws, ref.journey, ref.version);
    if (!stored) throw new ApiError('validation_failed', 'Drop-off is measured along a journey; create one first.', [{ path: 'journey', message: 'no journey in this workspace' }]);
    return runDropoff(services.store, ws, { ...query, journey: stored.journey, version: stored.version } as never);
  });

  /** The data behind the living journey map. */
  app.get('/api/v1/journeys/:id/map', async (req) => {
    const ws = await requireSecretKey(services.workspaces, req);
    const { id } = req.params as { id: string };
    const q = parseQuery(JourneyMapQuerySchema, req.query);
    const stored = await journeyFor(services, ws.id, id, q.version);
    return runJourneyMap(services.store, ws.id, { ...q, journey: stored!.journey, version: stored!.version });
  });
  route('/api/v1/query/retention', async (ws, query) => runRetention(services.store, ws, query as never));
  route('/api/v1/query/attribution', async (ws, query, ref, tp) =>
    runAttribution(services.store, ws, query as never, { touchpointSql: await touchpointSqlFor(ws, ref, tp) }));
}
