import { dialectFn, raw, sql } from '../storage/sql.ts';
import type { Store } from '../storage/store.ts';

export interface CustomerResponse {
  responseId: string; surveyId: string; surveyName: string | null; submittedAt: string; complete: boolean;
  nps: number | null; csat: number | null; ces: number | null; comment: string | null;
  sentiment: string | null; touchpointId: string | null; stageId: string | null; channel: string | null;
}

/** Survey responses of one customer, newest first, with the survey's name and the comment's sentiment. */
export async function customerResponses(store: Store, workspaceId: string, customerId: string, limit = 100): Promise<CustomerResponse[]> {
  const rows = await store.query<{
    response_id: string; survey_id: string; name: string | null; submitted_at: Date; complete: boolean; nps: number | null; csat: number | null;
    ces: number | null; comment: string | null; text_analysis: string | null; touchpoint_id: string | null; stage_id: string | null; channel: string | null;
  }>(sql`
    SELECT r.response_id, r.survey_id, ${dialectFn((d) => d.jsonText(raw('s.definition'), ['name']))} AS name, r.submitted_at, r.complete, r.nps, r.csat, r.ces, r.comment, r.text_analysis,
           r.touchpoint_id, r.stage_id, r.channel
    FROM survey_responses r LEFT JOIN surveys s ON s.workspace_id = r.workspace_id AND s.id = r.survey_id
    WHERE r.workspace_id = ${workspaceId} AND r.customer_id = ${customerId}
    ORDER BY r.submitted_at DESC LIMIT ${Math.min(Math.max(limit, 1), 1000)}`);
  return rows.map((r) => ({
    responseId: r.response_id, surveyId: r.survey_id, surveyName: r.name, submittedAt: r.submitted_at.toISOString(), complete: r.complete,
    nps: r.nps, csat: r.csat, ces: r.ces, comment: r.comment,
    sentiment: r.text_analysis ? (JSON.parse(r.text_analysis) as { sentiment?: { label?: string } }).sentiment?.label ?? null : null,
    touchpointId: r.touchpoint_id, stageId: r.stage_id, channel: r.channel,
  }));
}
