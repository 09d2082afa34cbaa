import type { Store } from '../../storage/store.ts';
import { sql } from '../../storage/sql.ts';
import type { Survey } from './definition.ts';

export interface ResponseCount {
  /** Every stored response, partial ones included. */
  total: number;
  /** Responses with every required question answered. */
  complete: number;
  /** When the newest response came in (ISO), or null when none did. */
  lastAt: string | null;
}

/**
 * The surveys with how many answers each has had, so the survey list shows which surveys are heard and
 * which are silent. One grouped read of the responses for the whole workspace, not one per survey.
 */
export async function surveysWithResponseCounts(store: Store, workspaceId: string, surveys: Survey[]): Promise<(Survey & { responseCount: ResponseCount })[]> {
  const rows = await store.query<{ survey_id: string; total: number | bigint; complete: number | bigint; last_at: Date | null }>(sql`
    SELECT survey_id, count(*) AS total, count(*) FILTER (WHERE complete) AS complete, max(submitted_at) AS last_at
    FROM survey_responses WHERE workspace_id = ${workspaceId} GROUP BY survey_id`);
  const counts = new Map(rows.map((r) => [r.survey_id, { total: Number(r.total), complete: Number(r.complete), lastAt: r.last_at ? r.last_at.toISOString() : null }]));
  return surveys.map((s) => ({ ...s, responseCount: counts.get(s.id) ?? { total: 0, complete: 0, lastAt: null } }));
}
