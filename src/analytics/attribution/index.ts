/** Attribution: first/last touch, linear, position-based, time decay and Markov data-driven credit by channel, campaign or touchpoint. */
export { runAttribution } from './run-attribution.ts';
export { removalEffects, markovShares, transitionsFromPaths, START, CONVERSION, NULL_STATE, type Transition, type RemovalEffects } from './markov.ts';
export {
  AttributionRequestSchema, ATTRIBUTION_MODELS, HEURISTIC_MODELS, ATTRIBUTION_DIMENSIONS,
  type AttributionRequest, type AttributionRequestInput, type AttributionResult, type AttributionModel,
  type AttributionDimension, type ModelResult, type ChannelCredit,
} from './schema.ts';
