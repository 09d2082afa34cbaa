import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { analyzeComment } from '../../voc/surveys/analyze.ts';
import { dueSurveys } from '../../voc/surveys/eligibility.ts';
import { EmailDistributionSchema, emailSurvey } from '../../voc/surveys/email.ts';
import { SurveyInputSchema } from '../../voc/surveys/definition.ts';
import { linkPage, pickLanguage } from '../../voc/surveys/link-page.ts';
import { ExperienceQuerySchema, experienceScores } from '../../voc/surveys/experience.ts';
import { METRIC_KINDS, MetricsQuerySchema, surveyMetric, type MetricKind } from '../../voc/surveys/metrics.ts';
import { ResponseInputSchema, submitResponse } from '../../voc/surveys/responses.ts';
import { surveysWithResponseCounts } from '../../voc/surveys/response-counts.ts';
import { exportResponsesCsv, importResponsesCsv } from '../../voc/surveys/responses-csv.ts';
import { sql } from '../../storage/sql.ts';
import { personaFilter } from '../../analytics/common/persona-filter.ts';
import { respondersSql } from '../../voc/surveys/responders.ts';
import { basicUser, requireSecretKey, requireWriteKey } from '../auth.ts';
import { jsonBody } from '../body.ts';
import { ApiError } from '../errors.ts';
import { journeyFor } from '../journey-context.ts';
import type { Services } from '../services.ts';
import { parseQuery, parseWith } from '../validate.ts';

const MAX_RESPONSE_CSV_BYTES = 32 * 1024 * 1024;
const CsvQuerySchema = z.strictObject({
  surveyId: z.string().min(1).max(64),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

/** Surveys (secret key), responses (write key, public), metrics (secret key) and the link page. */
export function surveyRoutes(app: FastifyInstance, services: Services): void {
  const { surveys, workspaces } = services;

  app.post('/api/v1/surveys', async (req, reply) => {
    const ws = await requireSecretKey(workspaces, req, 'analyst');
    const input = parseWith(SurveyInputSchema, jsonBody(req));
    return reply.code(201).send(await surveys.create(ws.id, input));
  });
  app.get('/api/v1/surveys', async (req) => {
    const ws = await requireSecretKey(workspaces, req);
    return { surveys: await surveysWithResponseCounts(services.store, ws.id, await surveys.list(ws.id)) };
  });
  app.get('/api/v1/surveys/:id', async (req) => {
    const ws = await requireSecretKey(workspaces, req);
    const s = await surveys.get(ws.id, (req.params as { id: string }).id);
    if (!s) throw new ApiError('not_found', 'No such survey.');
    return s;
  });
  app.patch('/api/v1/surveys/:id', async (req) => {
    const ws = await requireSecretKey(workspaces, req, 'analyst');
    const { id } = req.params as { id: string };
    const current = await surveys.get(ws.id, id);
    if (!current) throw new ApiError('not_found', 'No such survey.');
    const { id: _i, createdAt: _c, updatedAt: _u, ...base } = current;
    // JSON merge patch (RFC 7396): a field sent as null is removed, e.g. `{"trigger": null}` stops the trigger.
    const merged: Record<string, unknown> = { ...base, ...(jsonBody(req) as object) };
    for (const [k, v] of Object.entries(merged)) if (v === null) delete merged[k];
    const input = parseWith(SurveyInputSchema, merged);
    return surveys.update(ws.id, id, input);
  });
  app.delete('/api/v1/surveys/:id', async (req, reply) => {
    const ws = await requireSecretKey(workspaces, req, 'analyst');
    if (!(await surveys.delete(ws.id, (req.params as { id: string }).id))) throw new ApiError('not_found', 'No such survey.');
    return reply.code(204).send();
  });

  app.post('/api/v1/responses', async (req) => {
    const body = jsonBody(req) as Record<string, unknown>;
    const ws = await requireWriteKey(workspaces, basicUser(req) ?? (typeof body?.writeKey === 'string' ? body.writeKey : undefined));
    const input = parseWith(ResponseInputSchema, body);
    return { success: true, ...(await submitResponse(services, ws.id, input, req.ip, analyzeComment)) };
  });

  app.post('/api/v1/surveys/:id/email', async (req) => {
    const ws = await requireSecretKey(workspaces, req, 'analyst');
    return emailSurvey(services, ws.id, (req.params as { id: string }).id, parseWith(EmailDistributionSchema, jsonBody(req)));
  });

  /** For the SDK widget, apps and e-mail: surveys this customer should see now (write key). */
  app.get('/api/v1/surveys/due', async (req) => {
    const q = req.query as { writeKey?: string; userId?: string; anonymousId?: string };
    const ws = await requireWriteKey(workspaces, basicUser(req) ?? q.writeKey);
    const identity = q.userId ?? q.anonymousId;
    if (!identity) throw new ApiError('validation_failed', 'Say who is asking.', [{ path: 'userId', message: 'either userId or anonymousId is required' }]);
    const due = await dueSurveys(services, ws.id, identity);
    return { surveys: due.map(({ id, name, languages, defaultLanguage, questions, thankYou }) => ({ id, name, languages, defaultLanguage, questions, thankYou })) };
  });

  app.get('/api/v1/responses', async (req, reply) => {
    const ws = await requireSecretKey(workspaces, req);
    const q = req.query as { surveyId?: string; format?: string; limit?: string; touchpoint?: string; stage?: string; from?: string; to?: string;
      journey?: string; persona?: string };
    const time = (v: string | undefined, path: string) => {
      if (v === undefined) return undefined;
      const t = new Date(v);
      if (Number.isNaN(t.getTime())) throw new ApiError('validation_failed', 'Invalid time.', [{ path, message: 'must be an ISO date or time' }]);
      return t;
    };
    const from = time(q.from, 'from'), to = time(q.to, 'to');
    // The journey map's persona filter (the map's drill-in lists the feedback of the customers it counts),
    // worked out for responders only.
    const customers = q.persona === undefined ? undefined
      : personaFilter(ws.id, q.persona, to, (await journeyFor(services, ws.id, q.journey))?.journey, respondersSql(ws.id));
    const rows = await services.store.query<Record<string, unknown>>(sql`
      SELECT response_id, survey_id, customer_id, user_id, anonymous_id, language, complete, touchpoint_id, stage_id, channel, persona,
             nps, csat, ces, emotion, comment, text_analysis, answers, submitted_at
      FROM survey_responses WHERE workspace_id = ${ws.id} ${q.surveyId ? sql`AND survey_id = ${q.surveyId}` : sql``}
        ${q.touchpoint ? sql`AND touchpoint_id = ${q.touchpoint}` : sql``} ${q.stage ? sql`AND stage_id = ${q.stage}` : sql``}
        ${from ? sql`AND submitted_at >= ${from}` : sql``} ${to ? sql`AND submitted_at < ${to}` : sql``}
        ${customers ? sql`AND customer_id IN (${customers})` : sql``}
      ORDER BY submitted_at DESC LIMIT ${Math.min(Number(q.limit) || 1000, 100_000)}`);
    const out = rows.map((r) => ({ ...r, answers: JSON.parse(String(r.answers)), text_analysis: r.text_analysis ? JSON.parse(String(r.text_analysis)) : null,
      submitted_at: (r.submitted_at as Date).toISOString() }));
    if (q.format === 'csv') return reply.header('content-type', 'text/csv; charset=utf-8').send(toCsv(out));
    return { responses: out };
  });

  /** One survey's responses as CSV, a column per question (responses-csv.ts). */
  app.get('/api/v1/responses/export', async (req, reply) => {
    const ws = await requireSecretKey(workspaces, req);
    const q = parseQuery(CsvQuerySchema, req.query);
    const survey = await surveys.get(ws.id, q.surveyId);
    if (!survey) throw new ApiError('not_found', `No survey "${q.surveyId}" in this workspace.`);
    const csv = await exportResponsesCsv(services, ws.id, survey, { from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined });
    return reply.header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="responses-${survey.id}.csv"`).send(csv);
  });

  /** Responses collected elsewhere, as CSV in the export's columns; idempotent on response_id. */
  app.post('/api/v1/responses/import', { bodyLimit: MAX_RESPONSE_CSV_BYTES }, async (req) => {
    const ws = await requireSecretKey(workspaces, req, 'analyst');
    const q = parseQuery(CsvQuerySchema, req.query);
    const survey = await surveys.get(ws.id, q.surveyId);
    if (!survey) throw new ApiError('not_found', `No survey "${q.surveyId}" in this workspace.`);
    const body = req.body;
    const text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : '';
    if (!text.trim()) throw new ApiError('invalid_body', 'Body is empty; send the CSV (content-type: text/csv).');
    const r = await importResponsesCsv(services, ws.id, survey, text, analyzeComment);
    if (r.stored + r.duplicates === 0 && r.rejectedCount > 0) throw new ApiError('validation_failed', `No valid row among ${r.read}.`, r.rejected);
    return { success: true, ...r };
  });

  for (const kind of METRIC_KINDS) {
    app.get(`/api/v1/metrics/${kind}`, async (req) => {
      const ws = await requireSecretKey(workspaces, req);
      return surveyMetric(services.store, ws.id, kind as MetricKind, parseQuery(MetricsQuerySchema, req.query));
    });
  }

  /** Success, effort and emotion (with NPS and CSAT) per touchpoint or stage (experience.ts). */
  app.get('/api/v1/metrics/experience', async (req) => {
    const ws = await requireSecretKey(workspaces, req);
    return experienceScores(services, ws.id, parseQuery(ExperienceQuerySchema, req.query));
  });

  app.get('/s/:id', async (req, reply) => {
    const found = await surveys.getPublic((req.params as { id: string }).id);
    if (!found) return reply.code(404).type('text/html').send('<!doctype html><title>Not found</title><p>This survey does not exist.</p>');
    const ws = await workspaces.get(found.workspaceId);
    const q = req.query as { lang?: string; uid?: string };
    const lang = pickLanguage(found.survey, q.lang, req.headers['accept-language']);
    if (found.survey.status !== 'active') return reply.code(410).type('text/html').send(`<!doctype html><html lang="${lang}"><title>Closed</title><p>This survey is closed.</p></html>`);
    return reply.type('text/html; charset=utf-8').send(linkPage(found.survey, ws!.writeKey, lang, q.uid));
  });
}

function toCsv(rows: Record<string, unknown>[]): string {
  const cols = ['response_id', 'survey_id', 'customer_id', 'user_id', 'anonymous_id', 'language', 'complete', 'touchpoint_id', 'stage_id', 'channel', 'persona', 'nps', 'csat', 'ces', 'emotion', 'comment', 'submitted_at'];
  const cell = (v: unknown) => { const s = v === null || v === undefined ? '' : String(v); return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s; };
  return [cols.join(','), ...rows.map((r) => cols.map((c) => cell(r[c])).join(','))].join('\n') + '\n';
}
