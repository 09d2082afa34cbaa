/** Shapes shared by the browser tracker and its Node-side build and test helpers. */

/** Properties or traits: any JSON-serialisable object. */
export type Props = Record<string, unknown>;

export type MessageType = 'page' | 'track' | 'identify';

/** One Segment-compatible message, as sent in `batch`. */
export interface Message {
  type: MessageType;
  messageId: string;
  /** ISO time the call was made in the browser. */
  timestamp: string;
  anonymousId: string;
  userId?: string;
  /** Track name. */
  event?: string;
  /** Page name. */
  name?: string;
  properties?: Props;
  traits?: Props;
  context: Props;
}

/** Body of `POST {host}/v1/batch`, sent as `text/plain` so browsers skip the CORS preflight. */
export interface BatchBody {
  batch: Message[];
  writeKey: string;
  /** ISO time of sending; with `timestamp` it lets the server correct client clock skew. */
  sentAt: string;
}

export interface InitOptions {
  writeKey: string;
  /** Touchpoint server, e.g. `https://touchpoint.example.com`. Defaults to the origin `sdk.js` came from. */
  host?: string;
  /** Send a page view on init. Default true. */
  autoPage?: boolean;
  /** Send `Page Load` timings and uncaught errors as `Error` events. Default true. */
  friction?: boolean;
  /** Milliseconds between flushes. Default 2000. */
  flushInterval?: number;
  /** Flush as soon as this many messages are queued. Default 20. */
  batchSize?: number;
  /** Show surveys that are due for this visitor (after their events are sent). Default true. */
  surveys?: boolean;
}
