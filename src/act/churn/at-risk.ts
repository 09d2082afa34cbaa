import { z } from 'zod';
import { customerLabels } from '../../customers/identities-of.ts';
import { sql } from '../../storage/sql.ts';
import type { Store } from '../../storage/store.ts';
import type { ChurnService } from './churn-service.ts';

const DAY = 86_400_000;

/** `limit` is clamped rather than refused (as before); `seenWithinDays` keeps customers who can still be reached. */
export const AtRiskQuerySchema = z.object({
  limit: z.coerce.number().catch(50).transform((n) => Math.min(Math.max(Math.trunc(n) || 50, 1), 1000)),
  seenWithinDays: z.coerce.number().int().min(1).max(3650).optional(),
});
export type AtRiskQuery = z.infer<typeof AtRiskQuerySchema>;

/**
 * The customers the churn model scores highest, with their reasons and a readable label. With
 * `seenWithinDays`, only customers with an event in the last N days of the data: the ones a CX team
 * can still reach, rather than those who left months ago (who top the list with a risk near 100 %).
 */
export async function atRiskCustomers(store: Store, churn: ChurnService, workspaceId: string, q: AtRiskQuery) {
  const s = await churn.scores(workspaceId);
  if (!s) return { customers: [], model: null, note: 'Not enough history to train a churn model yet (needs customers active and inactive over 60 days).' };
  let scores = s.scores;
  if (q.seenWithinDays !== undefined) {
    const recent = await recentlySeen(store, workspaceId, q.seenWithinDays);
    scores = scores.filter((c) => recent.has(c.id));
  }
  const top = scores.slice(0, q.limit);
  const labels = await customerLabels(store, workspaceId, top.map((c) => c.id));
  return {
    customers: top.map((c) => ({ ...c, label: labels.get(c.id) ?? null })),
    model: { trainedOn: s.trainedOn, churnedInTraining: s.positives, features: s.model.features },
  };
}

/** Customers with an event in the last `days` days before the workspace's latest event (the model's "now"). */
async function recentlySeen(store: Store, workspaceId: string, days: number): Promise<Set<string>> {
  const [span] = await store.query<{ last: Date | null }>(sql`SELECT max(ts) AS last FROM events WHERE workspace_id = ${workspaceId}`);
  if (!span?.last) return new Set();
  const since = new Date(span.last.getTime() - days * DAY);
  const rows = await store.query<{ customer_id: string }>(sql`
    SELECT DISTINCT customer_id FROM events WHERE workspace_id = ${workspaceId} AND ts >= ${since}`);
  return new Set(rows.map((r) => r.customer_id));
}
