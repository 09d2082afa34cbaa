import nodemailer from 'nodemailer';
import { z } from 'zod';
import { ApiError } from '../../api/errors.ts';
import type { Services } from '../../api/services.ts';
import { dialectFn, raw, sql } from '../../storage/sql.ts';
import { dueAmong } from './eligibility.ts';

export const EmailDistributionSchema = z.strictObject({
  smtp: z.strictObject({
    host: z.string().min(1), port: z.number().int().min(1).max(65535).default(587), secure: z.boolean().default(false),
    user: z.string().optional(), pass: z.string().optional(), from: z.string().min(3),
  }),
  /** Public URL of this server, for the survey link. */
  baseUrl: z.url(),
  limit: z.number().int().min(1).max(5000).default(500),
});

/**
 * E-mail distribution: every customer for whom the survey is due (its trigger, delay, sampling and
 * recontact rules) and who has an e-mail trait gets the link page in their language. A `Survey Sent`
 * event marks them, so running it again sends nobody twice.
 */
export async function emailSurvey(services: Services, workspaceId: string, surveyId: string, input: z.infer<typeof EmailDistributionSchema>) {
  const survey = await services.surveys.get(workspaceId, surveyId);
  if (!survey) throw new ApiError('not_found', 'No such survey.');
  if (!survey.trigger?.event && !survey.trigger?.touchpoint) throw new ApiError('validation_failed', 'E-mail goes to customers the trigger selects; this survey has no trigger.', [{ path: 'trigger', message: 'required' }]);
  const email = dialectFn((d) => d.jsonText(raw('traits'), ['email']));
  const locale = dialectFn((d) => d.jsonText(raw('traits'), ['locale']));
  const surveyIdSql = dialectFn((d) => d.jsonText(raw('properties'), ['survey_id']));
  const candidates = await services.store.query<{ customer_id: string; email: string | null; locale: string | null; user_id: string | null; anonymous_id: string | null; sent: number }>(sql`
    SELECT customer_id, max(${email}) AS email, max(${locale}) AS locale, max(user_id) AS user_id, max(anonymous_id) AS anonymous_id,
      count(*) FILTER (WHERE event = 'Survey Sent' AND ${surveyIdSql} = ${survey.id}) AS sent
    FROM events WHERE workspace_id = ${workspaceId} GROUP BY customer_id
    HAVING max(${email}) IS NOT NULL AND count(*) FILTER (WHERE event = 'Survey Sent' AND ${surveyIdSql} = ${survey.id}) = 0
    LIMIT ${input.limit * 20}`);
  const transport = nodemailer.createTransport({ host: input.smtp.host, port: input.smtp.port, secure: input.smtp.secure,
    ignoreTLS: !input.smtp.secure && !input.smtp.user, auth: input.smtp.user ? { user: input.smtp.user, pass: input.smtp.pass ?? '' } : undefined });
  let sent = 0;
  const failed: { customerId: string; error: string }[] = [];
  for (const c of candidates) {
    if (sent >= input.limit) break;
    if ((await dueAmong(services, workspaceId, [survey], c.customer_id)).length === 0) continue;
    const lang = survey.languages.find((l) => c.locale && l.split('-')[0] === c.locale.split(/[-_]/)[0]) ?? survey.defaultLanguage;
    const link = `${input.baseUrl.replace(/\/+$/, '')}/s/${survey.id}?lang=${encodeURIComponent(lang)}${c.user_id ? `&uid=${encodeURIComponent(c.user_id)}` : ''}`;
    const question = survey.questions[0].text[lang] ?? Object.values(survey.questions[0].text)[0];
    try {
      await transport.sendMail({ from: input.smtp.from, to: c.email!, subject: survey.name, text: `${question}\n\n${link}\n` });
    } catch (err) {
      failed.push({ customerId: c.customer_id, error: (err as Error).message });
      continue;
    }
    sent++;
    await services.ingest.ingest({ workspaceId, source: 'surveys', messages: [{ type: 'track', event: 'Survey Sent', messageId: `survey-sent-${survey.id}-${c.customer_id}`,
      ...(c.user_id ? { userId: c.user_id } : { anonymousId: c.anonymous_id ?? c.customer_id }), properties: { survey_id: survey.id, language: lang }, context: { channel: 'email' } }] });
  }
  return { sent, failed };
}
