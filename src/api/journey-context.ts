import { touchpointCaseSql, stageCaseSql } from '../journeys/assign.ts';
import type { StoredJourney } from '../journeys/repository.ts';
import { sql } from '../storage/sql.ts';
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
 * Touchpoint and stage steps as SQL predicates. They compare with the journey's CASE expressions,
 * so "an event belongs to the first touchpoint that matches" holds in every query.
 */
export function stepResolver(stored: StoredJourney | null) {
  return (step: { touchpoint: string } | { stage: string }) => {
    if (!stored) throw new ApiError('validation_failed', 'Touchpoint and stage steps need a journey; create one first.', [{ path: 'steps', message: 'no journey in this workspace' }]);
    const j = stored.journey;
    if ('touchpoint' in step) {
      if (!j.stages.some((s) => s.touchpoints.some((t) => t.id === step.touchpoint))) {
        throw new ApiError('validation_failed', `Journey "${j.id}" has no touchpoint "${step.touchpoint}".`, [{ path: 'steps', message: `unknown touchpoint ${step.touchpoint}` }]);
      }
      return sql`coalesce(${touchpointCaseSql(j)} = ${step.touchpoint}, FALSE)`;
    }
    if (!j.stages.some((s) => s.id === step.stage)) {
      throw new ApiError('validation_failed', `Journey "${j.id}" has no stage "${step.stage}".`, [{ path: 'steps', message: `unknown stage ${step.stage}` }]);
    }
    return sql`coalesce(${stageCaseSql(j)} = ${step.stage}, FALSE)`;
  };
}
