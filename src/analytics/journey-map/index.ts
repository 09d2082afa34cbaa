/** The journey map: every stage and touchpoint of a journey version with reach, conversion, time, drop-off, friction and health. */
export { runJourneyMap } from './run-journey-map.ts';
export { touchpointHealth, HEALTH_THRESHOLDS, type HealthInput } from './health.ts';
export {
  JourneyMapQuerySchema,
  type JourneyMapQuery, type JourneyMapInput, type JourneyMapResult, type MapStage, type MapTouchpoint,
  type TouchpointFriction, type TouchpointVoc, type DropOffTouchpoint, type Health,
} from './schema.ts';
