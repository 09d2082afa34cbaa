import { journeyLayout, touchpointInSql } from '../analytics/common/journey-layout.ts';
import type { StoredJourney } from '../journeys/repository.ts';
import type { Services } from './services.ts';
import { ApiError } from './errors.ts';

/** The journey a query runs against: the one named (`journey`, `version`), else the primary journey. */
export async function journeyFor(services: Services, workspaceId: string, id?: string, version?: number): Promise<StoredJourney | null> {
  if (!id) return services.journeys.primary(workspaceId);
  const found = await services.journeys.get(workspaceId, id, version);
  if (!found) throw new ApiError('not_found', `No journey "${id}"${version ? ` version ${version}` : ''}.`, [{ path: 'journey', message: 'unknown journey or version' }]);
  return found;
}

/**
 * Touchpoint and stage steps as SQL predicates: "the event's touchpoint (the first that matches) is
 * this one / in this stage", so the rule holds in every query; `touchpointInSql` tests only the
 * matchers that can decide it, and a row whose name cannot match is out before any JSON is read.
 */
export function stepResolver(stored: StoredJourney | null) {
  return (step: { touchpoint: string } | { stage: string }) => {
    if (!stored) throw new ApiError('validation_failed', 'Touchpoint and stage steps need a journey; create one first.', [{ path: 'steps', message: 'no journey in this workspace' }]);
    const j = stored.journey;
    const layout = journeyLayout(j);
    if ('touchpoint' in step) {
      if (!j.stages.some((s) => s.touchpoints.some((t) => t.id === step.touchpoint))) {
        throw new ApiError('validation_failed', `Journey "${j.id}" has no touchpoint "${step.touchpoint}".`, [{ path: 'steps', message: `unknown touchpoint ${step.touchpoint}` }]);
      }
      return touchpointInSql(layout, new Set(layout.touchpoints.filter((t) => t.touchpoint.id === step.touchpoint).map((t) => t.index)));
    }
    if (!j.stages.some((s) => s.id === step.stage)) {
      throw new ApiError('validation_failed', `Journey "${j.id}" has no stage "${step.stage}".`, [{ path: 'steps', message: `unknown stage ${step.stage}` }]);
    }
    return touchpointInSql(layout, new Set(layout.touchpoints.filter((t) => t.stage.id === step.stage).map((t) => t.index)));
  };
}
