import type { Channel } from '../ingest/event.ts';
import { ANALYTICS_NODE } from './devices.ts';
import type { SegmentMessage } from './segment-message.ts';

/** Who a message is about: a user id once known, else the anonymous id of the device that acted. */
export interface Identity {
  userId?: string;
  anonymousId?: string;
}

export type MessageBody = Omit<SegmentMessage, 'messageId' | 'timestamp'>;

/**
 * Collects one customer's messages. Message ids are `<prefix><sequence>` so they are unique and
 * reproducible; events that fall outside the demo window (deliveries still in transit at its end,
 * say) are dropped here, in one place, rather than checked by every scenario.
 */
export class Emitter {
  private seq = 0;
  readonly messages: SegmentMessage[] = [];

  constructor(
    private readonly idPrefix: string,
    readonly start: number,
    readonly end: number,
  ) {}

  push(at: number, body: MessageBody): void {
    const messageId = this.idPrefix + (this.seq++).toString(36);
    if (at < this.start || at >= this.end) return;
    // Completed in place rather than copied: bodies are built fresh for each call, and the demo
    // allocates ~150k of them, so the copy was a visible share of the run time.
    const message = body as SegmentMessage;
    message.messageId = messageId;
    message.timestamp = new Date(Math.floor(at)).toISOString();
    this.messages.push(message);
  }

  /**
   * A back-office event (warehouse, carrier, helpdesk, till, voice assistant) sent server-side
   * with analytics-node, tagged with the channel it happened on.
   */
  server(at: number, who: Identity, event: string, properties: Record<string, unknown>, channel: Channel): void {
    this.push(at, { type: 'track', event, ...who, properties, context: { channel, library: ANALYTICS_NODE } });
  }
}
