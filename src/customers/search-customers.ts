import type { StoredJourney } from '../journeys/repository.ts';
import { stageHistory } from '../journeys/stage-history.ts';
import { sql } from '../storage/sql.ts';
import type { Store } from '../storage/store.ts';
import { loadEventsOfCustomers } from './customer-events.ts';
import { identitiesOf, type Identity } from './identities-of.ts';

export interface CustomerSummary {
  id: string;
  /** The identities to recognise the customer by (user id, e-mail, phone, anonymous ids). */
  identities: Identity[];
  lastSeen: string | null;
  eventCount: number;
  persona: string | null;
  stage: { id: string; name: string } | null;
}

/** `%` and `_` typed by a user are literal characters, not wildcards. */
const likePattern = (s: string) => `%${s.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Customers whose identity (user id, e-mail, phone, anonymous id) or customer id contains `search`
 * (case-insensitive), most recently seen first; without `search`, the most recently seen customers.
 * Stage and persona come from the listed customers' events (as on the profile), read in one query for the
 * whole page — `limit` (at most 100) bounds it.
 */
export async function searchCustomers(
  store: Store, workspaceId: string, options: { search?: string; limit?: number; journey?: StoredJourney | null } = {},
): Promise<CustomerSummary[]> {
  const limit = Math.min(Math.max(options.limit ?? 25, 1), 100);
  const search = options.search?.trim();
  const matching = search
    ? sql`AND customer_id IN (SELECT customer_id FROM identities WHERE workspace_id = ${workspaceId}
        AND (lower(identity) LIKE ${likePattern(search)} ESCAPE '\\' OR lower(customer_id) LIKE ${likePattern(search)} ESCAPE '\\'))`
    : sql``;
  const rows = await store.query<{ customer_id: string; last_seen: Date; n: number | bigint }>(sql`
    SELECT customer_id, max(ts) AS last_seen, count(*) AS n FROM events
    WHERE workspace_id = ${workspaceId} ${matching}
    GROUP BY customer_id ORDER BY last_seen DESC, customer_id LIMIT ${limit}`);
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.customer_id);
  const [identities, eventsOf] = await Promise.all([identitiesOf(store, workspaceId, ids), loadEventsOfCustomers(store, workspaceId, ids)]);
  return rows.map((r) => {
    const events = eventsOf.get(r.customer_id) ?? [];
    const traits: Record<string, unknown> = {};
    for (const e of events) if (e.traits) Object.assign(traits, e.traits);
    const current = options.journey ? stageHistory(options.journey.journey, events).current : null;
    return {
      id: r.customer_id,
      identities: identities.get(r.customer_id) ?? [],
      lastSeen: r.last_seen.toISOString(),
      eventCount: Number(r.n),
      persona: typeof traits.persona === 'string' ? traits.persona : null,
      stage: current ? { id: current.stageId, name: current.stageName } : null,
    };
  });
}
