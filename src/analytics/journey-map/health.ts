import type { Health } from './schema.ts';

/**
 * Touchpoint health on the map: a traffic light from two questions.
 *
 * 1. Does it convert? Its customers' conversion to the next stage, relative to the stage's own
 *    conversion: below 90 % of the stage average is `warning`, below 75 % is `bad`.
 * 2. Does it hurt? Friction events placed there (slow page, JS error, payment failure, return, late
 *    delivery) per event of the touchpoint: from 10 % `warning`, from 25 % `bad`. Per event rather
 *    than per customer, because over weeks most customers meet a slow page somewhere (two thirds in
 *    the demo), which would paint every busy touchpoint red.
 *
 * The worse answer wins. Each question is only asked with at least `minSample` behind it (customers
 * `inStage` for conversion, touchpoint events for friction), so a handful of customers never paints
 * a touchpoint red. Touchpoints of the last stage have no next stage and are judged on friction only.
 */
export const HEALTH_THRESHOLDS = {
  minSample: 30,
  warningConversionRatio: 0.9,
  badConversionRatio: 0.75,
  warningFrictionRate: 0.1,
  badFrictionRate: 0.25,
} as const;

export interface HealthInput {
  conversion: number | null;
  stageConversion: number | null;
  inStage: number;
  frictionRate: number;
  events: number;
}

const RANK: Record<Health, number> = { good: 0, warning: 1, bad: 2 };

export function touchpointHealth(x: HealthInput, t: typeof HEALTH_THRESHOLDS = HEALTH_THRESHOLDS): Health {
  let byConversion: Health = 'good';
  if (x.conversion !== null && x.stageConversion !== null && x.stageConversion > 0 && x.inStage >= t.minSample) {
    const ratio = x.conversion / x.stageConversion;
    byConversion = ratio < t.badConversionRatio ? 'bad' : ratio < t.warningConversionRatio ? 'warning' : 'good';
  }
  let byFriction: Health = 'good';
  if (x.events >= t.minSample) {
    byFriction = x.frictionRate >= t.badFrictionRate ? 'bad' : x.frictionRate >= t.warningFrictionRate ? 'warning' : 'good';
  }
  return RANK[byConversion] >= RANK[byFriction] ? byConversion : byFriction;
}
