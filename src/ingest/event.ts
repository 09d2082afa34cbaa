/** The one internal event type every ingest path (Segment, PostHog, SDK, import) normalises to. */
export const EVENT_TYPES = ['track', 'page', 'screen', 'identify', 'group', 'alias'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const CHANNELS = ['web', 'app', 'email', 'social', 'chat', 'phone', 'store', 'voice', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];

export const DEVICES = ['desktop', 'mobile', 'tablet', 'other'] as const;
export type Device = (typeof DEVICES)[number];

export type Json = Record<string, unknown>;

export interface TouchEvent {
  workspaceId: string;
  messageId: string;
  type: EventType;
  /** Track name; `Page Viewed` / `Screen Viewed` / `Identify` / `Group` / `Alias` for other calls. */
  event: string;
  /** Page or screen name when given. */
  name: string | null;
  /** Set by identity resolution before the event is stored. */
  customerId: string;
  anonymousId: string | null;
  userId: string | null;
  /** For alias calls: the identity being linked to `userId`. */
  previousId: string | null;
  groupId: string | null;
  channel: Channel;
  device: Device | null;
  /** Library that sent the event (`analytics-node`, `posthog-node`, `touchpoint.js`, `import`…). */
  source: string | null;
  /** Event time, epoch milliseconds, corrected for client clock skew. */
  timestamp: number;
  receivedAt: number;
  properties: Json;
  traits: Json | null;
  context: Json;
  /**
   * The event's spool row after workspace and customer, UTF-8, when a batch worker encoded it
   * (batch-pool.ts); the store then copies these bytes instead of serialising the event again.
   */
  spoolTail?: Uint8Array;
}

/** Name stored in `event` for calls that are not `track`. */
export const IMPLICIT_EVENT_NAME: Record<Exclude<EventType, 'track'>, string> = {
  page: 'Page Viewed',
  screen: 'Screen Viewed',
  identify: 'Identify',
  group: 'Group',
  alias: 'Alias',
};
