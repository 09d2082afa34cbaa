import { useMemo } from 'react';
import { useApi } from '../../app/use-api.ts';

interface Stage { id: string; name: string; touchpoints: { id: string; name: string }[] }
interface StoredJourney { journey: { stages: Stage[] } }

/** Names of the primary journey's stages and touchpoints, so breakdowns read "Order delivered" rather than an id. */
export function useJourneyNames() {
  const list = useApi<{ journeys: { id: string }[] }>('/api/v1/journeys');
  const primary = list.data?.journeys[0]?.id;
  const journey = useApi<StoredJourney>(primary ? `/api/v1/journeys/${encodeURIComponent(primary)}` : null);
  return useMemo(() => {
    const stages = journey.data?.journey.stages ?? [];
    const names = new Map<string, string>();
    for (const s of stages) {
      names.set(`stage:${s.id}`, s.name);
      for (const t of s.touchpoints) names.set(`touchpoint:${t.id}`, t.name);
    }
    return {
      stages,
      touchpoints: stages.flatMap((s) => s.touchpoints.map((t) => ({ ...t, stage: s.name }))),
      name: (kind: 'stage' | 'touchpoint', id: string | null) => (id ? names.get(`${kind}:${id}`) ?? id : '–'),
    };
  }, [journey.data]);
}
