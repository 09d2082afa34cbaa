/** Drop-off: for each stage transition of a journey, how many move on and where the others were last. */
export { runDropoff } from './run-dropoff.ts';
export {
  DropoffRequestSchema,
  type DropoffRequest, type DropoffInput, type DropoffResult, type StageTransition, type RankedTouchpoint, type RankedEvent,
} from './schema.ts';
