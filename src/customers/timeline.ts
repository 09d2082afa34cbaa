import type { Journey } from '../journeys/definition.ts';
import { touchpointOf } from '../journeys/assign.ts';
import type { Store } from '../storage/store.ts';
import { loadCustomerEvents, type Cursor } from './customer-events.ts';

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

/**
 * Events of one customer in time order, across all their identities and channels, paged; each tagged
 * with its touchpoint and stage in `journey` when one is given.
 */
export async function customerTimeline(
  store: Store, workspaceId: string, customerId: string,
  options: { limit?: number; after?: string; from?: Date; to?: Date; journey?: Journey } = {},
): Promise<TimelinePage> {
  const limit = Math.min(Math.max(options.limit ?? 500, 1), 5000);
  const after = options.after ? decodeCursor(options.after) : null;
  if (options.after && !after) throw new TypeError('invalid cursor');
  const rows = await loadCustomerEvents(store, workspaceId, customerId, { limit: limit + 1, after, from: options.from, to: options.to });
  const page = rows.slice(0, limit);
  const events = page.map((e) => {
    const hit = options.journey ? touchpointOf(options.journey, e) : null;
    return {
      messageId: e.messageId, type: e.type, event: e.event, name: e.name, channel: e.channel, device: e.device,
      source: e.source, timestamp: new Date(e.timestamp).toISOString(), anonymousId: e.anonymousId, userId: e.userId,
      properties: e.properties,
      touchpoint: hit ? { id: hit.touchpoint.id, name: hit.touchpoint.name } : null,
      stage: hit ? { id: hit.stage.id, name: hit.stage.name } : null,
    };
  });
  const last = page[page.length - 1];
  return { events, next: rows.length > limit && last ? encodeCursor({ ts: last.timestamp, id: last.messageId }) : null };
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.ts, c.id])).toString('base64url');
}

function decodeCursor(c: string): Cursor | null {
  try {
    const [ts, id] = JSON.parse(Buffer.from(c, 'base64url').toString('utf8'));
    return typeof ts === 'number' && typeof id === 'string' ? { ts, id } : null;
  } catch {
    return null;
  }
}
