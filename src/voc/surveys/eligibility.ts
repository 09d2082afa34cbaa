import { createHash } from 'node:crypto';
import type { Services } from '../../api/services.ts';
import { findCustomerId } from '../../customers/find-customer.ts';
import { touchpointCaseSql } from '../../journeys/assign.ts';
import { sql } from '../../storage/sql.ts';
import type { Survey } from './definition.ts';

/**
 * Deterministic sampling: a customer is in a survey's sample when the hash of (survey, customer)
 * falls under the percentage, so asking again gives the same answer and samples are independent.
 */
export function inSample(surveyId: string, customerId: string, percent: number): boolean {
  if (percent >= 100) return true;
  const h = createHash('sha256').update(`${surveyId}\u0000${customerId}`).digest().readUInt32BE(0);
  return (h / 0x1_0000_0000) * 100 < percent;
}

/**
 * Surveys to show this customer now. A survey is due when it is active and not expired, its trigger
 * (an event, or a touchpoint of its journey) happened at least `delayMinutes` ago, the customer is in
 * its sample, has not answered it, and has answered no survey within `recontactDays` (across all surveys).
 */
export async function dueSurveys(services: Services, workspaceId: string, identity: string, now = Date.now()): Promise<Survey[]> {
  const customerId = await findCustomerId(services.store, workspaceId, identity);
  if (!customerId) return [];
  return dueAmong(services, workspaceId, await services.surveys.list(workspaceId), customerId, now);
}

/** Which of `surveys` are due for one (resolved) customer; e-mail distribution calls it per customer. */
export async function dueAmong(services: Services, workspaceId: string, all: readonly Survey[], customerId: string, now = Date.now()): Promise<Survey[]> {
  const surveys = all.filter((s) => s.status === 'active' && s.trigger
    && (!s.expiresAt || Date.parse(s.expiresAt) > now) && inSample(s.id, customerId, s.trigger.samplePercent));
  if (surveys.length === 0) return [];
  const answered = await services.store.query<{ survey_id: string; last: Date }>(sql`
    SELECT survey_id, max(submitted_at) AS last FROM survey_responses
    WHERE workspace_id = ${workspaceId} AND customer_id = ${customerId} GROUP BY survey_id`);
  const lastAnswer = Math.max(0, ...answered.map((a) => a.last.getTime()));
  const due: Survey[] = [];
  for (const s of surveys) {
    const t = s.trigger!;
    if (answered.some((a) => a.survey_id === s.id)) continue;
    if (now - lastAnswer < t.recontactDays * 86_400_000) continue;
    let matches;
    if (t.event) matches = sql`event = ${t.event}`;
    else {
      const journey = s.journey ? await services.journeys.get(workspaceId, s.journey) : await services.journeys.primary(workspaceId);
      if (!journey) continue;
      matches = sql`coalesce(${touchpointCaseSql(journey.journey)} = ${t.touchpoint!}, FALSE)`;
    }
    const [hit] = await services.store.query<{ n: number }>(sql`
      SELECT count(*) AS n FROM events WHERE workspace_id = ${workspaceId} AND customer_id = ${customerId}
        AND ts <= ${new Date(now - t.delayMinutes * 60_000)} AND ts >= ${new Date(Date.parse(s.createdAt) - 30 * 86_400_000)} AND ${matches}`);
    if ((hit?.n ?? 0) > 0) due.push(s);
  }
  return due;
}
