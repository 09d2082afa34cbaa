import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { getTemplate, listTemplates } from '../../journeys/templates/index.ts';
import { parseJourneyText, validateJourney, type JourneyValidation } from '../../journeys/validate.ts';
import { requireSecretKey } from '../auth.ts';
import { jsonBody, textBody } from '../body.ts';
import { ApiError } from '../errors.ts';
import type { Services } from '../services.ts';
import { parseQuery } from '../validate.ts';

const versionQuery = z.object({ version: z.coerce.number().int().min(1).optional() });

/** Journey definitions: YAML bodies (`content-type: application/yaml`) or JSON. */
function readDefinition(req: FastifyRequest): JourneyValidation {
  const type = String(req.headers['content-type'] ?? '');
  if (/yaml/i.test(type)) return parseJourneyText(textBody(req), 'journey.yaml');
  return validateJourney(jsonBody(req));
}

function invalid(v: Extract<JourneyValidation, { ok: false }>): never {
  throw new ApiError('validation_failed', 'The journey definition is invalid.', v.errors.map((e) => ({
    path: e.path || undefined, message: e.line ? `${e.message} (line ${e.line}, column ${e.column})` : e.message,
  })));
}

export function journeyRoutes(app: FastifyInstance, services: Services): void {
  const { journeys, workspaces } = services;

  app.get('/api/v1/journeys', async (req) => {
    const ws = await requireSecretKey(workspaces, req);
    return { journeys: await journeys.list(ws.id) };
  });

  app.get('/api/v1/journey-templates', async (req) => {
    await requireSecretKey(workspaces, req);
    return { templates: listTemplates() };
  });

  app.get('/api/v1/journey-templates/:id', async (req) => {
    await requireSecretKey(workspaces, req);
    const t = getTemplate((req.params as { id: string }).id);
    if (!t) throw new ApiError('not_found', 'No such template.');
    return t;
  });

  app.post('/api/v1/journeys/validate', async (req) => {
    await requireSecretKey(workspaces, req);
    const v = readDefinition(req);
    return v.ok ? { ok: true, errors: [] } : { ok: false, errors: v.errors };
  });

  app.put('/api/v1/journeys/:id', async (req, reply) => {
    const ws = await requireSecretKey(workspaces, req, 'analyst');
    const { id } = req.params as { id: string };
    const v = readDefinition(req);
    if (!v.ok) invalid(v);
    if (v.journey.id !== id) {
      throw new ApiError('validation_failed', 'The definition\'s id differs from the URL.', [{ path: 'id', message: `is "${v.journey.id}", the URL says "${id}"` }]);
    }
    const saved = await journeys.save(ws.id, v.journey);
    return reply.code(saved.created ? 201 : 200).send({ id, version: saved.version, created: saved.created, createdAt: saved.createdAt, journey: saved.journey });
  });

  app.get('/api/v1/journeys/:id', async (req) => {
    const ws = await requireSecretKey(workspaces, req);
    const { id } = req.params as { id: string };
    const { version } = parseQuery(versionQuery, req.query);
    const found = await journeys.get(ws.id, id, version);
    if (!found) throw new ApiError('not_found', version ? `Journey "${id}" has no version ${version}.` : `No journey "${id}".`);
    return { id, version: found.version, createdAt: found.createdAt, journey: found.journey };
  });

  app.get('/api/v1/journeys/:id/versions', async (req) => {
    const ws = await requireSecretKey(workspaces, req);
    const { id } = req.params as { id: string };
    const versions = await journeys.versions(ws.id, id);
    if (versions.length === 0) throw new ApiError('not_found', `No journey "${id}".`);
    return { id, versions };
  });
}
