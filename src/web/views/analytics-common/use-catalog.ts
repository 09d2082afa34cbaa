import { useMemo } from 'react';
import { useApi } from '../../app/use-api.ts';

export interface EventNameInfo { name: string; type: string; events: number; customers: number; lastSeen: string; properties: { key: string; share: number }[] }
export interface JourneyTouchpoint { id: string; name: string; channel?: string }
export interface JourneyStage { id: string; name: string; touchpoints: JourneyTouchpoint[] }
interface JourneyList { journeys: { id: string; name: string; version: number }[] }
interface StoredJourney { id: string; version: number; journey: { id: string; name: string; stages: JourneyStage[]; personas?: { id: string; name: string }[] } }

/** What the analysis forms offer to pick from: the workspace's event names and its primary journey. */
export interface Catalog {
  loading: boolean;
  error?: Error;
  events: EventNameInfo[];
  stages: JourneyStage[];
  journeyName: string | null;
  /** Keys of one event's properties, or of every event's when `event` is not given. */
  propertyKeys(event?: string): string[];
  reload(): void;
}

/** Loads the event names (all time, so a picker does not lose names when the period changes) and the primary journey. */
export function useCatalog(): Catalog {
  const names = useApi<{ events: EventNameInfo[] }>('/api/v1/events/names');
  const list = useApi<JourneyList>('/api/v1/journeys');
  const primary = list.data?.journeys[0];
  const journey = useApi<StoredJourney>(primary ? `/api/v1/journeys/${encodeURIComponent(primary.id)}` : null);
  return useMemo(() => {
    const events = names.data?.events ?? [];
    return {
      loading: names.loading || list.loading || journey.loading,
      error: names.error ?? list.error,
      events,
      stages: journey.data?.journey.stages ?? [],
      journeyName: journey.data?.journey.name ?? null,
      propertyKeys(event?: string) {
        const from = event ? events.filter((e) => e.name === event) : events;
        return [...new Set(from.flatMap((e) => e.properties.map((p) => p.key)))].sort();
      },
      reload() { names.reload(); list.reload(); journey.reload(); },
    };
  }, [names, list, journey]);
}
