import { kindOf, valueOf } from '../identity/keys.ts';
import { sql } from '../storage/sql.ts';
import type { Store } from '../storage/store.ts';

export interface Identity { type: string; value: string }

// How a person recognises a customer: their user id, then e-mail, phone, and last the anonymous ids.
const PREFERENCE: Record<string, number> = { user: 0, email: 1, phone: 2, anon: 3 };

/** The identities of each customer in `ids`, most recognisable first (one query for the whole list). */
export async function identitiesOf(store: Store, workspaceId: string, ids: readonly string[]): Promise<Map<string, Identity[]>> {
  const out = new Map<string, Identity[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const rows = await store.query<{ customer_id: string; identity: string }>(sql`
    SELECT DISTINCT customer_id, identity FROM identities
    WHERE workspace_id = ${workspaceId} AND customer_id IN (SELECT unnest(${[...new Set(ids)]})) ORDER BY customer_id, identity`);
  for (const r of rows) out.get(r.customer_id)?.push({ type: kindOf(r.identity), value: valueOf(r.identity) });
  for (const list of out.values()) list.sort((a, b) => (PREFERENCE[a.type] ?? 9) - (PREFERENCE[b.type] ?? 9));
  return out;
}

/** One name per customer for lists: the most recognisable identity, or null when none is known. */
export async function customerLabels(store: Store, workspaceId: string, ids: readonly string[]): Promise<Map<string, string | null>> {
  const all = await identitiesOf(store, workspaceId, ids);
  return new Map([...all].map(([id, list]) => [id, list[0]?.value ?? null]));
}
