import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { previewPage } from '../../voc/surveys/preview.ts';
import { requireSecretKey } from '../auth.ts';
import { jsonBody } from '../body.ts';
import type { Services } from '../services.ts';
import { parseWith } from '../validate.ts';

const PreviewSchema = z.strictObject({ survey: z.record(z.string(), z.unknown()), lang: z.string().max(16).optional() });

/** `POST /api/v1/surveys/preview` `{survey, lang}` → the link page HTML for a draft, in preview mode. */
export function surveyPreviewRoutes(app: FastifyInstance, services: Services): void {
  app.post('/api/v1/surveys/preview', async (req, reply) => {
    await requireSecretKey(services.workspaces, req);
    const { survey, lang } = parseWith(PreviewSchema, jsonBody(req));
    return reply.type('text/html; charset=utf-8').send(previewPage(survey, lang));
  });
}
