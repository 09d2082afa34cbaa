import { useApi } from '../../app/use-api.ts';

interface StoredJourney { journey: { stages: { name: string }[] } }

/**
 * Stage names of the primary journey, in order: the churn model's "stage" feature counts stages there.
 * The primary journey is the first one the list returns (most recently changed), as on the server
 * (src/journeys/repository.ts `primary`).
 */
export function usePrimaryStages(): string[] {
  const list = useApi<{ journeys: { id: string }[] }>('/api/v1/journeys');
  const primary = list.data?.journeys[0]?.id;
  const journey = useApi<StoredJourney>(primary ? `/api/v1/journeys/${encodeURIComponent(primary)}` : null);
  return journey.data?.journey.stages.map((s) => s.name) ?? [];
}
