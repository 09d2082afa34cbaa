import { lookupKeys } from '../identity/keys.ts';
import { sql } from '../storage/sql.ts';
import type { Store } from '../storage/store.ts';

/** Resolves any known identity (user id, anonymous id, e-mail, phone or customer id) to a customer id. */
export async function findCustomerId(store: Store, workspaceId: string, id: string): Promise<string | null> {
  const rows = await store.query<{ customer_id: string }>(sql`
    SELECT customer_id FROM identities
    WHERE workspace_id = ${workspaceId} AND (identity IN (SELECT unnest(${lookupKeys(id)})) OR customer_id = ${id})
    LIMIT 1`);
  return rows[0]?.customer_id ?? null;
}
