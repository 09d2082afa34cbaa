import { describe, expect, it } from 'vitest';
import { CONVERSION, markovShares, NULL_STATE, removalEffects, START, transitionsFromPaths } from './markov.ts';

describe('Markov removal effects', () => {
  it('the classic three-journey example (Anderl et al.; analyzecore)', () => {
    // C1 → C2 → C3 → conversion · C1 → null · C2 → C3 → null
    const t = transitionsFromPaths([
      { path: ['C1', 'C2', 'C3'], converted: true },
      { path: ['C1'], converted: false },
      { path: ['C2', 'C3'], converted: false },
    ]);
    expect(t).toContainEqual({ from: START, to: 'C1', count: 2 });
    expect(t).toContainEqual({ from: 'C3', to: NULL_STATE, count: 1 });
    const r = removalEffects(t);
    // P(conv) = 2/3 · 1/2 · 1 · 1/2 + 1/3 · 1 · 1/2 = 1/3. Without C1 only START → C2 → C3 → conv: 1/3 · 1/2 = 1/6.
    expect(r.conversionProbability).toBeCloseTo(1 / 3, 12);
    expect(r.effects.get('C1')).toBeCloseTo(1 - (1 / 6) / (1 / 3), 12);
    expect(r.effects.get('C2')).toBeCloseTo(1, 12);
    expect(r.effects.get('C3')).toBeCloseTo(1, 12);
    const shares = markovShares(r.effects);
    expect(shares.get('C1')).toBeCloseTo(0.5 / 2.5, 12);
    expect(shares.get('C2')).toBeCloseTo(1 / 2.5, 12);
    expect(shares.get('C3')).toBeCloseTo(1 / 2.5, 12);
  });

  it('solves journeys with cycles exactly', () => {
    // A → B → A → conversion · B → null: p_A = ½ p_B + ½, p_B = ½ p_A ⇒ p_A = 2/3, p_B = 1/3, p_start = ½.
    const r = removalEffects(transitionsFromPaths([{ path: ['A', 'B', 'A'], converted: true }, { path: ['B'], converted: false }]));
    expect(r.conversionProbability).toBeCloseTo(0.5, 12);
    expect(r.effects.get('A')).toBeCloseTo(1, 12); // without A nothing converts
    expect(r.effects.get('B')).toBeCloseTo(1 - 0.25 / 0.5, 12); // without B: ½ · ½
  });

  it('no conversions: no effects, no shares', () => {
    const r = removalEffects(transitionsFromPaths([{ path: ['A'], converted: false }]));
    expect(r.conversionProbability).toBe(0);
    expect(markovShares(r.effects).get('A')).toBe(0);
    expect(transitionsFromPaths([{ path: [], converted: true }])).toEqual([{ from: START, to: CONVERSION, count: 1 }]);
  });
});
