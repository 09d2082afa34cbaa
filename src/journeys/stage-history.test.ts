import { describe, expect, it } from 'vitest';
import type { TouchEvent } from '../ingest/event.ts';
import { getTemplate } from './templates/index.ts';
import { stageHistory } from './stage-history.ts';

const journey = getTemplate('five-stage')!;
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 5, 1);
let n = 0;
function ev(event: string, day: number, extra: Partial<TouchEvent> = {}): TouchEvent {
  return {
    workspaceId: 'w', messageId: `m${n++}`, type: 'track', event, name: null, customerId: 'c', anonymousId: 'a', userId: null,
    previousId: null, groupId: null, channel: 'web', device: 'desktop', source: null, timestamp: T0 + day * DAY, receivedAt: T0,
    properties: {}, traits: null, context: {}, ...extra,
  };
}
const stages = (h: ReturnType<typeof stageHistory>) => h.history.map((s) => `${s.stageId}:${s.reason}`);

describe('stage assignment', () => {
  it('moves forward through touchpoints and is not pulled back by earlier-stage browsing', () => {
    const h = stageHistory(journey, [ev('Product Viewed', 0), ev('Order Completed', 1), ev('Product Viewed', 2)], T0 + 3 * DAY);
    expect(stages(h)).toEqual(['consideration:touchpoint', 'purchase:touchpoint']);
    expect(h.current?.stageId).toBe('purchase');
  });

  it('a return after the purchase moves the customer back before the purchase stage; buying again moves them forward', () => {
    const h = stageHistory(journey, [ev('Product Viewed', 0), ev('Order Completed', 1), ev('Return Requested', 5), ev('Order Completed', 9)], T0 + 10 * DAY);
    expect(stages(h)).toEqual(['consideration:touchpoint', 'purchase:touchpoint', 'consideration:return', 'purchase:touchpoint']);
  });

  it('a customer silent for 90 days has lapsed, and re-enters through the touchpoint they come back by', () => {
    const h = stageHistory(journey, [ev('Product Viewed', 0), ev('Order Completed', 1), ev('Product Viewed', 200)], T0 + 201 * DAY);
    expect(stages(h)).toEqual(['consideration:touchpoint', 'purchase:touchpoint', 'lapsed:lapsed', 'consideration:touchpoint']);
    expect(h.history[2].enteredAt).toBe(new Date(T0 + 91 * DAY).toISOString());
    const now = stageHistory(journey, [ev('Order Completed', 0)], T0 + 100 * DAY);
    expect(now.current?.stageId).toBe('lapsed');
  });

  it('events matching no touchpoint leave the stage unset', () => {
    expect(stageHistory(journey, [ev('Something Else', 0)], T0).current).toBeNull();
  });
});
