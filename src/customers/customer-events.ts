import type { Channel, Device, EventType, TouchEvent } from '../ingest/event.ts';
import { sql } from '../storage/sql.ts';
import type { Store } from '../storage/store.ts';

interface Row {
  message_id: string; type: string; event: string; name: string | null; customer_id: string; channel: string;
  device: string | null; source: string | null; ts: Date; received_at: Date; anonymous_id: string | null; user_id: string | null;
  previous_id: string | null; group_id: string | null; properties: string | null; traits: string | null; context: string | null;
}

export interface Cursor { ts: number; id: string }

/** A customer's events in time order as full `TouchEvent`s (so journey matchers can run on them). */
export async function loadCustomerEvents(
  store: Store, workspaceId: string, customerId: string,
  options: { limit?: number; after?: Cursor | null; from?: Date; to?: Date } = {},
): Promise<TouchEvent[]> {
  const { after, from, to } = options;
  const rows = await store.query<Row>(sql`
    SELECT * FROM events
    WHERE workspace_id = ${workspaceId} AND customer_id = ${customerId}
      ${from ? sql`AND ts >= ${from}` : sql``}
      ${to ? sql`AND ts < ${to}` : sql``}
      ${after ? sql`AND (ts > ${new Date(after.ts)} OR (ts = ${new Date(after.ts)} AND message_id > ${after.id}))` : sql``}
    ORDER BY ts, message_id
    ${options.limit !== undefined ? sql`LIMIT ${options.limit}` : sql``}`);
  return rows.map((r) => toTouchEvent(workspaceId, r));
}

/**
 * The events of several customers at once, each customer's in time order: one read for a whole list
 * (search results) instead of one query per customer.
 */
export async function loadEventsOfCustomers(store: Store, workspaceId: string, customerIds: readonly string[]): Promise<Map<string, TouchEvent[]>> {
  const out = new Map<string, TouchEvent[]>(customerIds.map((id) => [id, []]));
  if (customerIds.length === 0) return out;
  const rows = await store.query<Row>(sql`
    SELECT * FROM events
    WHERE workspace_id = ${workspaceId} AND customer_id IN (SELECT unnest(${[...new Set(customerIds)]}))
    ORDER BY customer_id, ts, message_id`);
  for (const r of rows) out.get(r.customer_id)?.push(toTouchEvent(workspaceId, r));
  return out;
}

function toTouchEvent(workspaceId: string, r: Row): TouchEvent {
  return {
    workspaceId, messageId: r.message_id, type: r.type as EventType, event: r.event, name: r.name, customerId: r.customer_id,
    anonymousId: r.anonymous_id, userId: r.user_id, previousId: r.previous_id, groupId: r.group_id,
    channel: r.channel as Channel, device: r.device as Device | null, source: r.source,
    timestamp: r.ts.getTime(), receivedAt: r.received_at.getTime(),
    properties: r.properties ? JSON.parse(r.properties) : {}, traits: r.traits ? JSON.parse(r.traits) : null,
    context: r.context ? JSON.parse(r.context) : {},
  };
}
