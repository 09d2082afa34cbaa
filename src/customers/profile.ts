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

/** A customer's profile: identities, merged traits (latest value wins), activity summary. */
export async function customerProfile(store: Store, workspaceId: string, customerId: string, journey?: StoredJourney | null): Promise<CustomerProfile> {
  const [identities, summary, channels, traitRows] = await Promise.all([
    store.query<{ identity: string; created_at: Date }>(sql`
      SELECT identity, min(created_at) AS created_at FROM identities
      WHERE workspace_id = ${workspaceId} AND customer_id = ${customerId} GROUP BY identity ORDER BY created_at, identity`),
    store.query<{ first_seen: Date | null; last_seen: Date | null; n: number }>(sql`
      SELECT min(ts) AS first_seen, max(ts) AS last_seen, count(*) AS n FROM events
      WHERE workspace_id = ${workspaceId} AND customer_id = ${customerId}`),
    store.query<{ channel: string; n: number }>(sql`
      SELECT channel, count(*) AS n FROM events WHERE workspace_id = ${workspaceId} AND customer_id = ${customerId}
      GROUP BY channel ORDER BY n DESC, channel`),
    store.query<{ traits: string }>(sql`
      SELECT traits FROM events WHERE workspace_id = ${workspaceId} AND customer_id = ${customerId} AND traits IS NOT NULL
      ORDER BY ts, received_at`),
  ]);
  const traits: Json = {};
  for (const row of traitRows) Object.assign(traits, JSON.parse(row.traits));
  const ids = identities.map((r) => ({ type: kindOf(r.identity), value: valueOf(r.identity), firstSeen: r.created_at.toISOString() }));
  const s = summary[0];
  const stages = journey ? stageHistory(journey.journey, await loadCustomerEvents(store, workspaceId, customerId)) : null;
  const current = stages?.current;
  return {
    id: customerId,
    identities: ids,
    userId: ids.find((i) => i.type === 'user')?.value ?? null,
    traits,
    firstSeen: s?.first_seen?.toISOString() ?? null,
    lastSeen: s?.last_seen?.toISOString() ?? null,
    eventCount: s?.n ?? 0,
    channels: channels.map((c) => ({ channel: c.channel, events: c.n })),
    persona: typeof traits.persona === 'string' ? traits.persona : null,
    currentStage: journey && current ? {
      journeyId: journey.journey.id, journeyVersion: journey.version, stageId: current.stageId, stageName: current.stageName, since: current.enteredAt,
    } : null,
    stageHistory: stages?.history ?? [],
  };
}
