import { describe, expect, it } from 'vitest';
import { biggestDropOff, reasonsFor, worstTouchpoint } from './insights.ts';
import type { JourneyMap, MapStage, MapTouchpoint } from './types.ts';

const tp = (id: string, over: Partial<MapTouchpoint> = {}): MapTouchpoint => ({
  id, name: id, declaredChannels: [], channels: ['web'], reach: 100, events: 200, inStage: 100, conversionToNextStage: 0.5, medianSecondsToNextStage: 60,
  friction: { slowPages: 0, errors: 0, paymentFailures: 0, returns: 0, lateDeliveries: 0, customers: 0, share: 0, rate: 0 }, health: 'good', voc: null, ...over,
});
const stage = (id: string, reach: number, advanced: number, touchpoints: MapTouchpoint[]): MapStage => ({
  id, name: id, expectedEmotion: null, expectedEmotionLabel: null, goal: null, reach, advanced,
  conversionToNext: reach ? advanced / reach : null, medianSecondsToNext: null, dropOff: [], voc: null, touchpoints,
});
const map = (stages: MapStage[]): JourneyMap => ({ journey: { id: 'j', name: 'J', version: 1 }, range: { from: null, to: null }, persona: null, stages, channels: ['web'], totals: { customers: 1, events: 1 } });

describe('the map summary', () => {
  it('names the transition that loses the most customers, not the lowest rate', () => {
    // a → b loses 600 of 1000 (60 %); b → c loses 300 of 400 (75 %) but fewer people.
    const m = map([stage('a', 1000, 400, [tp('x')]), stage('b', 400, 100, [tp('y')]), stage('c', 100, 0, [tp('z')])]);
    expect(biggestDropOff(m)).toMatchObject({ stage: { id: 'a' }, next: { id: 'b' }, lost: 600, share: 0.6 });
  });

  it('picks the unhealthiest touchpoint with enough customers and says why', () => {
    const slow = tp('checkout', { health: 'warning', conversionToNextStage: 0.2, friction: { slowPages: 30, errors: 1, paymentFailures: 0, returns: 0, lateDeliveries: 0, customers: 25, share: 0.25, rate: 0.15 } });
    const tiny = tp('tiny', { health: 'bad', reach: 5, inStage: 5, conversionToNextStage: 0 });
    const m = map([stage('a', 1000, 500, [tp('ok'), slow, tiny]), stage('b', 500, 0, [tp('end')])]);
    const w = worstTouchpoint(m)!;
    expect(w.touchpoint.id).toBe('checkout');
    expect(w.reasons).toEqual(['20 % move on from here vs 50 % for the stage', 'friction for 25 % of its customers: 30 slow pages, 1 error']);
  });

  it('does not call a 1-point gap a reason', () => {
    const s = stage('a', 100, 50, []);
    expect(reasonsFor(s, tp('t', { conversionToNextStage: 0.49 }))).toEqual([]);
  });
});
