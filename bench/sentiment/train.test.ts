import { describe, expect, it } from 'vitest';
import type { SparseExample } from './logreg.ts';
import { chooseNeutralBand, macroF1, NEUTRAL_BANDS, trainPooled, type BandSample } from './train.ts';

/** n copies of one example; the second feature varies so folds are not identical. */
const many = (n: number, feature: number, y: 0 | 1): SparseExample[] =>
  Array.from({ length: n }, (_, i) => ({ features: [feature, 1000 + (i % 7)], dense: [0], y }));

describe('trainPooled', () => {
  // Feature 1: positive in both languages; 2: positive in A, negative in B; 3: seen only in A (positive);
  // 4: negative in both.
  const byLanguage = {
    aa: [...many(30, 1, 1), ...many(30, 2, 1), ...many(30, 3, 1), ...many(60, 4, 0)],
    bb: [...many(30, 1, 1), ...many(30, 2, 0), ...many(30, 4, 0)],
  };
  const models = trainPooled(byLanguage);

  it('keeps what the languages share and what is their own', () => {
    const w = (lang: 'aa' | 'bb', f: number) => models[lang].weights.get(f) ?? 0;
    expect(w('aa', 1)).toBeGreaterThan(0);
    expect(w('bb', 1)).toBeGreaterThan(0);
    expect(w('aa', 4)).toBeLessThan(0);
    expect(w('bb', 4)).toBeLessThan(0);
    // Opposite readings stay opposite: each language's own weight outweighs the shared one.
    expect(w('aa', 2)).toBeGreaterThan(0);
    expect(w('bb', 2)).toBeLessThan(0);
    // A feature B never saw still reaches B through the shared weight, with A's sign.
    expect(w('bb', 3)).toBeGreaterThan(0);
    expect(w('bb', 3)).toBeLessThan(w('aa', 3));
  });

  it('gives an out-of-fold decision for every example of each language', () => {
    expect(models.aa.oofLogit).toHaveLength(byLanguage.aa.length);
    expect(models.bb.oofLogit).toHaveLength(byLanguage.bb.length);
    const right = byLanguage.bb.filter((e, i) => (models.bb.oofLogit[i] > 0 ? 1 : 0) === e.y).length;
    expect(right / byLanguage.bb.length).toBeGreaterThan(0.9);
  });
});

describe('chooseNeutralBand', () => {
  const s = (gold: BandSample['gold'], score: number, byModel = true): BandSample => ({ gold, score, byModel });

  it('picks the band that separates neutral from polar model scores, and leaves lexicon decisions at the default', () => {
    // Neutral texts score up to ±0.45, polar ones beyond ±0.55: 0.5 separates them.
    const samples = [s('neutral', 0.45), s('neutral', -0.4), s('neutral', 0.1), s('positive', 0.6), s('positive', 0.9), s('negative', -0.55), s('negative', -0.8)];
    const r = chooseNeutralBand(samples)!;
    expect(r.best.band).toBe(0.5);
    expect(macroF1(samples, 0.5)).toBe(1);
    expect(macroF1(samples, 0.2)).toBeLessThan(1);
    // A lexicon decision at 0.3 stays positive whatever the band (the lexicon's own band is the default).
    expect(macroF1([...samples, s('positive', 0.3, false)], 0.5)).toBe(1);
  });

  it('keeps the smaller band on a tie, and gives none without neutral labels', () => {
    const tie = [s('neutral', 0.05), s('positive', 0.9), s('negative', -0.9)];
    expect(chooseNeutralBand(tie)!.best.band).toBe(NEUTRAL_BANDS[0]);
    expect(chooseNeutralBand([s('positive', 0.9), s('negative', -0.3)])).toBeNull();
  });
});
