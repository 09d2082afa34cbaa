import { sql } from '../storage/sql.ts';
import type { Store } from '../storage/store.ts';

export interface TimelineEvent {
  messageId: string;
  type: string;
  event: string;
  name: string | null;
  channel: string;
  device: string | null;
  source: string | null;
  timestamp: string;
  anonymousId: string | null;
  userId: string | null;
  properties: Record<string, unknown>;
  touchpoint: { id: string; name: string } | null;
  stage: { id: string; name: string } | null;
}

export interface TimelinePage {
  events: TimelineEvent[];
  /** Pass as `after` to read the next page; null at the end. */
  next: string | null;
}

/** Events of one customer in time order, across all their identities and channels, paged. */
export async function customerTimeline(
  store: Store, workspaceId: string, customerId: string,
  options: { limit?: number; after?: string; from?: Date; to?: Date } = {},
): Promise<TimelinePage> {
  const limit = Math.min(Math.max(options.limit ?? 500, 1), 5000);
  const cursor = options.after ? decodeCursor(options.after) : null;
  const rows = await store.query<{
    message_id: string; type: string; event: string; name: string | null; channel: string; device: string | null;
    source: string | null; ts: Date; anonymous_id: string | null; user_id: string | null; properties: string | null;
  }>(sql`
    SELECT message_id, type, event, name, channel, device, source, ts, anonymous_id, user_id, properties
    FROM events
    WHERE workspace_id = ${workspaceId} AND customer_id = ${customerId}
      ${options.from ? sql`AND ts >= ${options.from}` : sql``}
      ${options.to ? sql`AND ts < ${options.to}` : sql``}
      ${cursor ? sql`AND (ts > ${new Date(cursor.ts)} OR (ts = ${new Date(cursor.ts)} AND message_id > ${cursor.id}))` : sql``}
    ORDER BY ts, message_id
    LIMIT ${limit + 1}`);
  const page = rows.slice(0, limit);
  const events = page.map((r) => ({
    messageId: r.message_id, type: r.type, event: r.event, name: r.name, channel: r.channel, device: r.device,
    source: r.source, timestamp: r.ts.toISOString(), anonymousId: r.anonymous_id, userId: r.user_id,
    properties: r.properties ? JSON.parse(r.properties) : {}, touchpoint: null, stage: null,
  }));
  const last = page[page.length - 1];
  return { events, next: rows.length > limit && last ? encodeCursor(last.ts.getTime(), last.message_id) : null };
}

function encodeCursor(ts: number, id: string): string {
  return Buffer.from(JSON.stringify([ts, id])).toString('base64url');
}

function decodeCursor(c: string): { ts: number; id: string } | null {
  try {
    const [ts, id] = JSON.parse(Buffer.from(c, 'base64url').toString('utf8'));
    return typeof ts === 'number' && typeof id === 'string' ? { ts, id } : null;
  } catch {
    return null;
  }
}
