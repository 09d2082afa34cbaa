import type { Channel, Json, TouchEvent } from '../../ingest/event.ts';
import { DuckDBStore } from '../../storage/duckdb/duckdb-store.ts';

/**
 * Small factories for analytics tests: events on a fixed clock (`day`, `hour`, `minute` offsets from
 * 2026-10-05, a Monday) stored in a real in-memory DuckDB.
 */
export const WS = 'ws_test';
export const T0 = Date.UTC(2026, 9, 5);

export const at = (day: number, hour = 0, minute = 0) => T0 + ((day * 24 + hour) * 60 + minute) * 60_000;

let seq = 0;

export interface EventSpec {
  channel?: Channel;
  type?: TouchEvent['type'];
  properties?: Json;
  context?: Json;
  workspaceId?: string;
}

export function ev(customerId: string, event: string, timestamp: number, spec: EventSpec = {}): TouchEvent {
  const type = spec.type ?? (event === 'Page Viewed' ? 'page' : event === 'Identify' ? 'identify' : 'track');
  return {
    workspaceId: spec.workspaceId ?? WS, messageId: `m${String(seq++).padStart(8, '0')}`, type, event, name: null,
    customerId, anonymousId: null, userId: customerId, previousId: null, groupId: null,
    channel: spec.channel ?? 'web', device: 'desktop', source: 'test', timestamp, receivedAt: timestamp,
    properties: spec.properties ?? {}, traits: null, context: spec.context ?? {},
  };
}

/** One customer's events, a minute apart from `start`, in the given order. */
export function journey(customerId: string, events: readonly string[], start = at(0), spec: EventSpec = {}): TouchEvent[] {
  return events.map((e, i) => ev(customerId, e, start + i * 60_000, spec));
}

export async function storeWith(events: readonly TouchEvent[]): Promise<DuckDBStore> {
  const store = await DuckDBStore.open(':memory:');
  await store.init();
  await store.commitIngest(events, { added: [], merged: [] });
  return store;
}
