import { describe, expect, it } from 'vitest';
import { auc, calibration, churnProbability, churnReasons, trainChurnModel } from './model.ts';

describe('churn model', () => {
  it('AUC matches hand-computed values, ties counted half', () => {
    expect(auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBe(0.75);
    expect(auc([0.5, 0.5], [0, 1])).toBe(0.5);
  });

  it('learns that long silence raises risk and names it as the reason', () => {
    // days since last order decides churn; the second feature is noise
    const X: number[][] = [], y: number[] = [];
    for (let i = 0; i < 400; i++) { const days = (i * 37) % 200; X.push([days, (i * 13) % 7]); y.push(days > 100 ? 1 : 0); }
    const m = trainChurnModel(['days_since_last_order', 'noise'], X, y);
    expect(churnProbability(m, [180, 3])).toBeGreaterThan(0.8);
    expect(churnProbability(m, [10, 3])).toBeLessThan(0.2);
    expect(churnReasons(m, [180, 3])[0].feature).toBe('days_since_last_order');
    const scores = X.map((x) => churnProbability(m, x));
    expect(auc(scores, y)).toBeGreaterThan(0.95);
    expect(calibration(scores, y).brier).toBeLessThan(0.1);
  });
});
