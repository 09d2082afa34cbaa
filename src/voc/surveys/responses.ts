import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ApiError } from '../../api/errors.ts';
import type { Services } from '../../api/services.ts';
import { findCustomerId } from '../../customers/find-customer.ts';
import { dialectFn, raw, sql } from '../../storage/sql.ts';
import { checkAnswers } from './answers.ts';
import type { Survey } from './definition.ts';
import { RateLimiter } from './rate-limit.ts';

export const ResponseInputSchema = z.strictObject({
  surveyId: z.string().min(1).max(64),
  userId: z.string().min(1).max(255).optional(),
  anonymousId: z.string().min(1).max(255).optional(),
  answers: z.record(z.string(), z.unknown()),
  language: z.string().max(16).optional(),
  /** Client-made id: resend it to complete a partial response; a completed one cannot be sent again. */
  responseId: z.string().min(8).max(64).optional(),
  touchpoint: z.string().max(64).optional(),
  channel: z.enum(['web', 'app', 'email', 'social', 'chat', 'phone', 'store', 'voice', 'other']).optional(),
  writeKey: z.string().optional(),
}).refine((r) => r.userId || r.anonymousId, { message: 'either userId or anonymousId is required', path: ['userId'] });
export type ResponseInput = z.infer<typeof ResponseInputSchema>;

const perCustomer = new RateLimiter(5, 60_000);
const perIp = new RateLimiter(60, 60_000);

export interface TextAnalysis { language: string; sentiment: { label: string; score: number }; themes: unknown[] }
export type Analyzer = (text: string) => TextAnalysis | null;

/**
 * Stores one response: the survey must be open and the answers on its scales; the responder is
 * stitched into the customer timeline by a `Survey Responded` event through the normal ingest path.
 */
export async function submitResponse(services: Services, workspaceId: string, input: ResponseInput, ip: string, analyze: Analyzer | null): Promise<{ responseId: string; complete: boolean; customerId: string | null }> {
  const survey = await services.surveys.get(workspaceId, input.surveyId);
  if (!survey) throw new ApiError('not_found', `No survey "${input.surveyId}" in this workspace.`);
  if (survey.status !== 'active') throw new ApiError('conflict', `Survey "${survey.name}" is ${survey.status} and takes no answers.`);
  if (survey.expiresAt && Date.parse(survey.expiresAt) < Date.now()) throw new ApiError('conflict', `Survey "${survey.name}" expired at ${survey.expiresAt} and takes no answers.`);
  const checked = checkAnswers(survey, input.answers);
  if (!checked.ok) throw new ApiError('validation_failed', 'Invalid answers.', checked.details);
  const who = input.userId ?? input.anonymousId!;
  if (!perIp.take(ip) || !perCustomer.take(`${workspaceId}\u0000${who}`)) {
    throw new ApiError('rate_limited', 'Too many survey submissions; try again in a minute.');
  }

  return recordResponse(services, workspaceId, survey, input, { analyze });
}

/**
 * Stores answers already checked against the survey (no status or rate checks): what `submitResponse`
 * does once a submission is allowed, and what loaders with their own clock (the demo) call directly.
 * `at` dates the response and its `Survey Responded` event (default: now).
 */
export async function recordResponse(services: Services, workspaceId: string, survey: Survey, input: ResponseInput, options: { analyze: Analyzer | null; at?: Date }): Promise<{ responseId: string; complete: boolean; customerId: string | null }> {
  const { analyze } = options;
  const responseId = input.responseId ?? randomUUID();
  const existing = await services.store.query<{ answers: string; complete: boolean; submitted_at: Date }>(sql`
    SELECT answers, complete, submitted_at FROM survey_responses WHERE workspace_id = ${workspaceId} AND response_id = ${responseId}`);
  if (existing[0]?.complete) throw new ApiError('conflict', `Response ${responseId} was already submitted.`);
  const answers = { ...(existing[0] ? JSON.parse(existing[0].answers) : {}), ...input.answers };
  const recheck = checkAnswers(survey, answers);
  const complete = recheck.ok && recheck.complete;

  await services.ingest.ingest({ workspaceId, messages: [{
    type: 'track', event: 'Survey Responded', messageId: `survey-${responseId}-${Object.keys(answers).length}`,
    userId: input.userId, anonymousId: input.anonymousId,
    properties: { survey_id: survey.id, response_id: responseId, complete, ...scores(survey, answers) },
    context: { channel: input.channel ?? 'web' }, ...(options.at ? { timestamp: options.at.toISOString() } : {}),
  }], source: 'survey' });
  const customerId = await findCustomerId(services.store, workspaceId, input.userId ?? input.anonymousId!);
  const context = await responseContext(services, workspaceId, survey, input.touchpoint, customerId);
  const s = scores(survey, answers);
  const comment = textOf(survey, answers);
  const analysis = comment && analyze ? analyze(comment) : null;
  const now = options.at ?? new Date();
  await services.store.transaction(async (tx) => {
    await tx.exec(sql`DELETE FROM survey_responses WHERE workspace_id = ${workspaceId} AND response_id = ${responseId}`);
    await tx.exec(sql`INSERT INTO survey_responses VALUES (${workspaceId}, ${responseId}, ${survey.id}, ${customerId}, ${input.anonymousId ?? null},
      ${input.userId ?? null}, ${JSON.stringify(answers)}, ${input.language ?? survey.defaultLanguage}, ${complete}, ${context.touchpoint}, ${context.stage},
      ${input.channel ?? 'web'}, ${context.persona}, ${s.nps ?? null}, ${s.csat ?? null}, ${s.ces ?? null}, ${s.emotion ?? null}, ${comment},
      ${analysis ? JSON.stringify(analysis) : null}, ${existing[0]?.submitted_at ?? now}, ${now})`);
  });
  void services.rules.onResponse(workspaceId, {
    customerId, surveyId: survey.id, responseId, nps: s.nps ?? null, csat: s.csat ?? null, ces: s.ces ?? null,
    sentiment: analysis?.sentiment.label ?? null, comment,
  });
  return { responseId, complete, customerId };
}

/** The first answer of each scored type (a survey asks NPS, CSAT or CES once). */
function scores(survey: Survey, answers: Record<string, unknown>): Partial<Record<'nps' | 'csat' | 'ces' | 'emotion', number>> {
  const out: Partial<Record<'nps' | 'csat' | 'ces' | 'emotion', number>> = {};
  for (const q of survey.questions) {
    if ((q.type === 'nps' || q.type === 'csat' || q.type === 'ces' || q.type === 'emotion') && typeof answers[q.id] === 'number' && out[q.type] === undefined) out[q.type] = answers[q.id] as number;
  }
  return out;
}

function textOf(survey: Survey, answers: Record<string, unknown>): string | null {
  const texts = survey.questions.filter((q) => q.type === 'text' && typeof answers[q.id] === 'string' && (answers[q.id] as string).trim()).map((q) => answers[q.id] as string);
  return texts.length ? texts.join('\n') : null;
}

async function responseContext(services: Services, workspaceId: string, survey: Survey, touchpoint: string | undefined, customerId: string | null) {
  const tp = touchpoint ?? survey.trigger?.touchpoint ?? null;
  let stage: string | null = null;
  if (tp) {
    const journey = survey.journey ? await services.journeys.get(workspaceId, survey.journey) : await services.journeys.primary(workspaceId);
    stage = journey?.journey.stages.find((s) => s.touchpoints.some((t) => t.id === tp))?.id ?? null;
  }
  let persona: string | null = null;
  if (customerId) {
    const personaSql = dialectFn((d) => d.jsonText(raw('traits'), ['persona']));
    const rows = await services.store.query<{ persona: string | null }>(sql`
      SELECT ${personaSql} AS persona FROM events
      WHERE workspace_id = ${workspaceId} AND customer_id = ${customerId} AND ${personaSql} IS NOT NULL
      ORDER BY ts DESC LIMIT 1`);
    persona = rows[0]?.persona ?? null;
  }
  return { touchpoint: tp, stage, persona };
}
