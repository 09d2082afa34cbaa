import type { TouchEvent } from '../ingest/event.ts';

/** Test factory: a track event with sensible defaults; override what the test is about. */
let seq = 0;
export const T0 = Date.UTC(2024, 4, 1, 12, 0, 0);

export function ev(over: Partial<TouchEvent> = {}): TouchEvent {
  seq++;
  return {
    workspaceId: 'ws', messageId: `m${seq}`, type: 'track', event: 'Order Completed', name: null,
    customerId: 'c1', anonymousId: null, userId: null, previousId: null, groupId: null,
    channel: 'web', device: 'desktop', source: null, timestamp: T0, receivedAt: T0,
    properties: {}, traits: null, context: {}, ...over,
  };
}

/** A page view at a path (in properties, as Segment's analytics.js sends it). */
export function page(path: string, over: Partial<TouchEvent> = {}): TouchEvent {
  return ev({ type: 'page', event: 'Page Viewed', properties: { path }, ...over });
}
