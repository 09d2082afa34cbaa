import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { analyzeTexts, MAX_ANALYZED_CHARS } from '../../voc/text/index.ts';
import { requireSecretKey } from '../auth.ts';
import { jsonBody } from '../body.ts';
import type { Services } from '../services.ts';
import { parseWith } from '../validate.ts';

const AnalyzeSchema = z.strictObject({
  texts: z.array(z.string().max(MAX_ANALYZED_CHARS, { message: `must be at most ${MAX_ANALYZED_CHARS} characters` })).min(1).max(1000),
  /** Language of the texts when known (helps very short texts). */
  language: z.string().max(16).optional(),
});

/** `POST /api/v1/text/analyze`: the same language, sentiment and theme analysis every survey comment gets. */
export function textRoutes(app: FastifyInstance, services: Services): void {
  app.post('/api/v1/text/analyze', async (req) => {
    await requireSecretKey(services.workspaces, req);
    const { texts, language } = parseWith(AnalyzeSchema, jsonBody(req));
    return { results: analyzeTexts(texts, { hint: language }) };
  });
}
