import type { TouchEvent } from '../ingest/event.ts';
import { touchpointOf } from './assign.ts';
import { asList } from './matcher.ts';
import type { Journey } from './definition.ts';

/** A customer with no event for this long has lapsed (stopped buying) and leaves the journey's stages. */
export const LAPSE_AFTER_DAYS = 90;
const DAY = 86_400_000;
export const PURCHASE_EVENT = 'Order Completed';
/** Events that undo a purchase. */
export const RETURN_EVENTS: readonly string[] = ['Return Requested', 'Order Refunded'];

export interface StageEntry {
  stageId: string;
  stageName: string;
  enteredAt: string;
  /** Why the customer moved: reached a touchpoint of a later stage, returned their purchase, or lapsed. */
  reason: 'touchpoint' | 'return' | 'lapsed';
  touchpointId: string | null;
}

export interface StageHistory {
  history: StageEntry[];
  current: StageEntry | null;
}

/**
 * Stage assignment rules (docs/journeys.md):
 * 1. Each event belongs to at most one touchpoint (first match in stage, then touchpoint order), and a
 *    touchpoint to one stage.
 * 2. Customers move forward: reaching a touchpoint of a later stage moves them there; touchpoints of
 *    earlier stages (browsing again after a purchase, opening a newsletter) do not move them back.
 * 3. A return or refund (`Return Requested`, `Order Refunded`) while in or past the purchase stage (the
 *    stage holding the `Order Completed` touchpoint) moves the customer back to the stage before it:
 *    the sale is undone until they buy again.
 * 4. No event for `LAPSE_AFTER_DAYS` → `lapsed` (stopped buying). A lapsed customer who comes back
 *    re-enters at the stage of the touchpoint they come back through.
 */
export function stageHistory(journey: Journey, events: readonly TouchEvent[], now = Date.now()): StageHistory {
  const purchaseIndex = journey.stages.findIndex((s) => s.touchpoints.some((tp) => (asList(tp.match.event) ?? []).includes(PURCHASE_EVENT)));
  const history: StageEntry[] = [];
  let index = -1;
  let last = -Infinity;
  const enter = (i: number, at: number, reason: StageEntry['reason'], touchpointId: string | null) => {
    index = i;
    const stage = journey.stages[i];
    history.push({ stageId: stage.id, stageName: stage.name, enteredAt: new Date(at).toISOString(), reason, touchpointId });
  };
  const lapse = (at: number) => {
    index = -1;
    history.push({ stageId: 'lapsed', stageName: 'Lapsed', enteredAt: new Date(at).toISOString(), reason: 'lapsed', touchpointId: null });
  };

  for (const e of events) {
    if (index >= 0 && e.timestamp - last > LAPSE_AFTER_DAYS * DAY) lapse(last + LAPSE_AFTER_DAYS * DAY);
    last = Math.max(last, e.timestamp);
    if (RETURN_EVENTS.includes(e.event) && purchaseIndex > 0 && index >= purchaseIndex) {
      enter(purchaseIndex - 1, e.timestamp, 'return', touchpointOf(journey, e)?.touchpoint.id ?? null);
      continue;
    }
    const hit = touchpointOf(journey, e);
    if (hit && hit.stageIndex > index) enter(hit.stageIndex, e.timestamp, 'touchpoint', hit.touchpoint.id);
  }
  if (index >= 0 && now - last > LAPSE_AFTER_DAYS * DAY) lapse(last + LAPSE_AFTER_DAYS * DAY);
  return { history, current: history[history.length - 1] ?? null };
}
