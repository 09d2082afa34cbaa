import type { Health } from './schema.ts';

/**
 * Touchpoint health on the map: a traffic light from two questions.
 *
 * 1. Does it convert? Its customers' conversion to the next stage, relative to the stage's own
 *    conversion: below 90 % of the stage average is `warning`, below 75 % is `bad`.
 * 2. Does it hurt? The share of its customers who met friction there (slow page, JS error, payment
 *    failure, return, late delivery): from 5 % `warning`, from 15 % `bad`.
 *
 * The worse answer wins. Each question is only asked with at least `minSample` customers behind it
 * (`inStage` for conversion, `reach` for friction), so a handful of customers never paints a
 * touchpoint red. Touchpoints of the last stage have no next stage and are judged on friction only.
 */
export const HEALTH_THRESHOLDS = {
  minSample: 30,
  warningConversionRatio: 0.9,
  badConversionRatio: 0.75,
  warningFrictionShare: 0.05,
  badFrictionShare: 0.15,
} as const;

export interface HealthInput {
  conversion: number | null;
  stageConversion: number | null;
  inStage: number;
  frictionShare: number;
  reach: number;
}

const RANK: Record<Health, number> = { good: 0, warning: 1, bad: 2 };

export function touchpointHealth(x: HealthInput, t: typeof HEALTH_THRESHOLDS = HEALTH_THRESHOLDS): Health {
  let byConversion: Health = 'good';
  if (x.conversion !== null && x.stageConversion !== null && x.stageConversion > 0 && x.inStage >= t.minSample) {
    const ratio = x.conversion / x.stageConversion;
    byConversion = ratio < t.badConversionRatio ? 'bad' : ratio < t.warningConversionRatio ? 'warning' : 'good';
  }
  let byFriction: Health = 'good';
  if (x.reach >= t.minSample) {
    byFriction = x.frictionShare >= t.badFrictionShare ? 'bad' : x.frictionShare >= t.warningFrictionShare ? 'warning' : 'good';
  }
  return RANK[byConversion] >= RANK[byFriction] ? byConversion : byFriction;
}
