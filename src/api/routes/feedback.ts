import type { FastifyInstance } from 'fastify';
import { FeedbackQuerySchema, listFeedback } from '../../voc/surveys/inbox.ts';
import { ThemeImpactQuerySchema, themeImpact } from '../../voc/surveys/theme-impact.ts';
import { requireSecretKey } from '../auth.ts';
import type { Services } from '../services.ts';
import { parseQuery } from '../validate.ts';

/** The feedback inbox (filtered, paged comments) and how comment themes go with NPS. */
export function feedbackRoutes(app: FastifyInstance, services: Services): void {
  app.get('/api/v1/feedback', async (req) => {
    const ws = await requireSecretKey(services.workspaces, req);
    return listFeedback(services.store, ws.id, parseQuery(FeedbackQuerySchema, req.query));
  });
  app.get('/api/v1/feedback/themes', async (req) => {
    const ws = await requireSecretKey(services.workspaces, req);
    return themeImpact(services.store, ws.id, parseQuery(ThemeImpactQuerySchema, req.query));
  });
}
