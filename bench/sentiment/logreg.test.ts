import { describe, expect, it } from 'vitest';
import { logit, nbRatios, scaleVector, trainLogReg, vectorize, type SparseExample } from './logreg.ts';

// Feature 1 marks positives, 2 negatives, 3 both; 10–16 vary so examples differ.
const data: SparseExample[] = Array.from({ length: 80 }, (_, i) => ({
  features: [i % 2 === 0 ? 1 : 2, 3, 10 + (i % 7)],
  y: i % 2 === 0 ? 1 : 0,
}));
const opts = { epochs: 5, lr: 0.1, l2: 1e-4, seed: 1, balanced: true };

describe('trainLogReg', () => {
  it('learns the sign of each feature and is deterministic', () => {
    const m = trainLogReg(data, opts);
    expect(m.weights.get(1)).toBeGreaterThan(0);
    expect(m.weights.get(2)).toBeLessThan(0);
    expect(Math.abs(m.weights.get(3)!)).toBeLessThan(Math.abs(m.weights.get(1)!));
    expect(trainLogReg(data, opts).weights).toEqual(m.weights);
    for (const e of data) expect(logit(m, vectorize(e.features)) > 0 ? 1 : 0).toBe(e.y);
  });

  it('naive-Bayes scaling: ratios carry the class of a feature and fold into the weights', () => {
    const r = nbRatios(data);
    expect(r.get(1)).toBeGreaterThan(0);
    expect(r.get(2)).toBeLessThan(0);
    expect(Math.abs(r.get(3)!)).toBeLessThan(1e-9);
    const m = trainLogReg(data, { ...opts, featureScale: r });
    const folded = { ...m, weights: new Map([...m.weights].map(([k, w]) => [k, w * (r.get(k) ?? 0)])) };
    const x = vectorize(data[0].features);
    expect(logit(folded, x)).toBeCloseTo(logit(m, scaleVector(x, r)), 12);
  });
});
