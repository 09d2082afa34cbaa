import type { Health, JourneyMap, MapStage, MapTouchpoint } from './types.ts';

/** Health told in words and an icon as well as colour (colour alone fails colour-blind readers). */
export const HEALTH: Record<Health, { label: string; icon: string; tone: 'good' | 'warn' | 'bad' }> = {
  good: { label: 'Healthy', icon: '✓', tone: 'good' },
  warning: { label: 'Watch', icon: '!', tone: 'warn' },
  bad: { label: 'At risk', icon: '✕', tone: 'bad' },
};

/**
 * The server judges health only with at least 30 customers or events behind it (HEALTH_THRESHOLDS.minSample
 * in src/analytics/journey-map/health.ts); below that its "good" means "not judged", and the card says so.
 */
const MIN_SAMPLE = 30;
export function healthOf(tp: MapTouchpoint): { label: string; icon: string; tone: 'good' | 'warn' | 'bad' | 'none' } {
  if (tp.health === 'good' && tp.inStage < MIN_SAMPLE && tp.events < MIN_SAMPLE) return { label: 'Too few to judge', icon: '·', tone: 'none' };
  return HEALTH[tp.health];
}

export interface DropOffInsight { stage: MapStage; next: MapStage; lost: number; share: number }
export interface WorstTouchpoint { stage: MapStage; touchpoint: MapTouchpoint; reasons: string[] }

/** The stage transition that loses the most customers (absolute), so the headline is the biggest leak. */
export function biggestDropOff(map: JourneyMap): DropOffInsight | null {
  let best: DropOffInsight | null = null;
  map.stages.forEach((stage, i) => {
    const next = map.stages[i + 1];
    if (!next || stage.reach === 0) return;
    const lost = stage.reach - stage.advanced;
    if (!best || lost > best.lost) best = { stage, next, lost, share: lost / stage.reach };
  });
  return best;
}

const RANK: Record<Health, number> = { bad: 2, warning: 1, good: 0 };
/** Ignore touchpoints too small to judge: a 0 % conversion of 3 visitors is noise. */
const MIN_CUSTOMERS = 20;

/** The unhealthiest touchpoint with enough customers, and why (conversion against its stage, friction, feedback). */
export function worstTouchpoint(map: JourneyMap): WorstTouchpoint | null {
  let best: { stage: MapStage; touchpoint: MapTouchpoint; score: number } | null = null;
  for (const stage of map.stages) {
    for (const tp of stage.touchpoints) {
      if (tp.reach < MIN_CUSTOMERS || tp.health === 'good') continue;
      const gap = tp.conversionToNextStage !== null && stage.conversionToNext !== null ? Math.max(0, stage.conversionToNext - tp.conversionToNextStage) : 0;
      const score = RANK[tp.health] * 10 + gap * 5 + tp.friction.rate * 5 + Math.log10(tp.reach);
      if (!best || score > best.score) best = { stage, touchpoint: tp, score };
    }
  }
  return best ? { stage: best.stage, touchpoint: best.touchpoint, reasons: reasonsFor(best.stage, best.touchpoint) } : null;
}

const pct = (r: number) => `${Math.round(r * 100)} %`;

export function reasonsFor(stage: MapStage, tp: MapTouchpoint): string[] {
  const out: string[] = [];
  // A gap under 5 points is noise, not a reason.
  if (tp.conversionToNextStage !== null && stage.conversionToNext !== null && tp.conversionToNextStage < stage.conversionToNext - 0.05) {
    out.push(`${pct(tp.conversionToNextStage)} move on from here vs ${pct(stage.conversionToNext)} for the stage`);
  }
  const f = tp.friction;
  const kinds: [number, string, string][] = [
    [f.slowPages, 'slow page', 'slow pages'], [f.errors, 'error', 'errors'], [f.paymentFailures, 'failed payment', 'failed payments'],
    [f.returns, 'return', 'returns'], [f.lateDeliveries, 'late delivery', 'late deliveries'],
  ];
  const parts = kinds.filter(([n]) => n > 0).map(([n, one, many]) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`);
  if (parts.length) out.push(`friction for ${pct(f.share)} of its customers: ${parts.join(', ')}`);
  if (tp.voc?.nps != null && tp.voc.nps < 0) out.push(`NPS ${tp.voc.nps} from ${tp.voc.n} answers`);
  if (tp.voc?.sentiment != null && tp.voc.sentiment < -0.1) out.push('comments are negative');
  return out;
}
