import { kindOf, valueOf } from '../identity/keys.ts';
import { sql } from '../storage/sql.ts';
import type { Store } from '../storage/store.ts';
import type { Json } from '../ingest/event.ts';
import type { StoredJourney } from '../journeys/repository.ts';
import { stageHistory, type StageEntry } from '../journeys/stage-history.ts';
import { loadCustomerEvents } from './customer-events.ts';

export interface CustomerProfile {
  id: string;
  identities: { type: string; value: string; firstSeen: string }[];
  userId: string | null;
  traits: Json;
  firstSeen: string | null;
  lastSeen: string | null;
  eventCount: number;
  channels: { channel: string; events: number }[];
  persona: string | null;
  /** In the workspace's primary journey (or the one asked for); null when no journey is defined. */
  currentStage: { journeyId: string; journeyVersion: number; stageId: string; stageName: string; since: string } | null;
  stageHistory: StageEntry[];
}

/**
 * A customer's profile: identities, merged traits (latest value wins), activity summary and stage.
 * The customer's events are read once; the summary, traits and stage history all come from them.
 */
export async function customerProfile(store: Store, workspaceId: string, customerId: string, journey?: StoredJourney | null): Promise<CustomerProfile> {
  const [identities, events] = await Promise.all([
    store.query<{ identity: string; created_at: Date }>(sql`
      SELECT identity, min(created_at) AS created_at FROM identities
      WHERE workspace_id = ${workspaceId} AND customer_id = ${customerId} GROUP BY identity ORDER BY created_at, identity`),
    loadCustomerEvents(store, workspaceId, customerId),
  ]);
  const traits: Json = {};
  const perChannel = new Map<string, number>();
  for (const e of events) {
    if (e.traits) Object.assign(traits, e.traits);
    perChannel.set(e.channel, (perChannel.get(e.channel) ?? 0) + 1);
  }
  const channels = [...perChannel].map(([channel, n]) => ({ channel, events: n }))
    .sort((a, b) => b.events - a.events || a.channel.localeCompare(b.channel));
  const ids = identities.map((r) => ({ type: kindOf(r.identity), value: valueOf(r.identity), firstSeen: r.created_at.toISOString() }));
  const stages = journey ? stageHistory(journey.journey, events) : null;
  const current = stages?.current;
  const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());
  return {
    id: customerId,
    identities: ids,
    userId: ids.find((i) => i.type === 'user')?.value ?? null,
    traits,
    firstSeen: iso(events[0]?.timestamp),
    lastSeen: iso(events[events.length - 1]?.timestamp),
    eventCount: events.length,
    channels,
    persona: typeof traits.persona === 'string' ? traits.persona : null,
    currentStage: journey && current ? {
      journeyId: journey.journey.id, journeyVersion: journey.version, stageId: current.stageId, stageName: current.stageName, since: current.enteredAt,
    } : null,
    stageHistory: stages?.history ?? [],
  };
}
