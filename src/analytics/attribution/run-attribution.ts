import type { Store } from '../../storage/store.ts';
import type { TouchpointOptions } from '../common/step.ts';
import { heuristicCredits, type Credits } from './heuristic.ts';
import { removalEffects, markovShares } from './markov.ts';
import { journeyTransitions } from './markov-sql.ts';
import type { JourneyScope } from './journey-sql.ts';
import {
  ATTRIBUTION_MODELS, AttributionRequestSchema,
  type AttributionModel, type AttributionRequestInput, type AttributionResult, type ChannelCredit, type HeuristicModel, type ModelResult,
} from './schema.ts';

/**
 * Which channels (or campaigns, or touchpoints) lead to purchases.
 *
 * Conversions are `purchaseEvent`s in [from, to); each has a journey of the touches in the
 * `lookbackDays` before it (since the customer's previous conversion), consecutive touches on the
 * same key collapsed — see `journeyCtes`. Rule-based models split each conversion and its revenue
 * among its touches (`heuristicCredits`); `data_driven` is the first-order Markov removal effect
 * over all journeys, converting or not (`removalEffects`), sharing all conversions and revenue in
 * proportion to the effects. Every model credits exactly the total conversions and revenue.
 *
 * @example
 * await runAttribution(store, ws, { models: ['last_touch', 'data_driven'], lookbackDays: 14 });
 * // { dimension: 'channel', conversions: 412, revenue: 51230.5, models: [
 * //   { model: 'last_touch', conversions: 412, revenue: 51230.5, channels: [{ channel: 'web', conversions: 300, revenue: 37000, share: 0.73 }, …] }, …] }
 */
export async function runAttribution(
  store: Store, workspaceId: string, input: AttributionRequestInput, options: TouchpointOptions = {},
): Promise<AttributionResult> {
  const req = AttributionRequestSchema.parse(input);
  const wanted: AttributionModel[] = req.models ?? (req.model ? [req.model] : [...ATTRIBUTION_MODELS]);
  const models = ATTRIBUTION_MODELS.filter((m) => wanted.includes(m));
  const scope: JourneyScope = { workspaceId, req, touchpointSql: options.touchpointSql };
  const needsMarkov = models.includes('data_driven');
  const [credits, transitions] = await Promise.all([
    heuristicCredits(store, scope),
    needsMarkov ? journeyTransitions(store, scope) : Promise.resolve([]),
  ]);
  const results: ModelResult[] = models.map((model) => {
    if (model !== 'data_driven') return heuristicResult(model, credits);
    const fitted = removalEffects(transitions);
    const shares = markovShares(fitted.effects);
    const result = finish(model, credits, [...shares].map(([channel, s]) => ({ channel, conversions: s * credits.conversions, revenue: s * credits.revenue })));
    return { ...result, markov: { conversionProbability: fitted.conversionProbability, removalEffects: Object.fromEntries(fitted.effects) } };
  });
  return { dimension: req.dimension, lookbackDays: req.lookbackDays, conversions: credits.conversions, revenue: credits.revenue, models: results };
}

function heuristicResult(model: HeuristicModel, credits: Credits): ModelResult {
  return finish(model, credits, [...credits.byKey].map(([channel, c]) => ({ channel, ...c[model] })));
}

function finish(model: AttributionModel, credits: Credits, rows: Omit<ChannelCredit, 'share'>[]): ModelResult {
  const channels = rows
    .filter((r) => r.conversions > 0 || r.revenue > 0)
    .map((r) => ({ ...r, share: credits.conversions === 0 ? 0 : r.conversions / credits.conversions }))
    .sort((a, b) => b.conversions - a.conversions || (a.channel < b.channel ? -1 : a.channel > b.channel ? 1 : 0));
  return { model, conversions: credits.conversions, revenue: credits.revenue, channels };
}
