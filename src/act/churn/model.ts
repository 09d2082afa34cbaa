// @ts-expect-error — the package ships no types; its two-class model is plain gradient-descent logistic regression.
import LogisticRegressionTwoClasses from 'ml-logistic-regression/src/logreg_2classes.js';
import { Matrix } from 'ml-matrix';

export interface ChurnModel {
  features: string[];
  means: number[];
  stds: number[];
  /** Intercept first, then one weight per standardised feature. */
  weights: number[];
}

/**
 * Logistic regression (ml-logistic-regression) on standardised features with an intercept column.
 * The library's gradient is a sum over rows, so the learning rate is divided by the row count.
 */
export function trainChurnModel(features: string[], X: number[][], y: number[], options: { steps?: number; learningRate?: number } = {}): ChurnModel {
  const n = X.length;
  const means = features.map((_, j) => X.reduce((s, r) => s + r[j], 0) / n);
  const stds = features.map((_, j) => Math.sqrt(X.reduce((s, r) => s + (r[j] - means[j]) ** 2, 0) / n) || 1);
  const Z = X.map((r) => [1, ...r.map((v, j) => (v - means[j]) / stds[j])]);
  const lr = new LogisticRegressionTwoClasses({ numSteps: options.steps ?? 1500, learningRate: (options.learningRate ?? 1) / n });
  lr.train(new Matrix(Z), Matrix.columnVector(y));
  return { features, means, stds, weights: (lr.weights as Matrix).to1DArray() };
}

export function churnProbability(m: ChurnModel, x: number[]): number {
  let s = m.weights[0];
  for (let j = 0; j < x.length; j++) s += m.weights[j + 1] * ((x[j] - m.means[j]) / m.stds[j]);
  return 1 / (1 + Math.exp(-s));
}

/** The features pushing this customer's risk up the most: weight × standardised value, largest first. */
export function churnReasons(m: ChurnModel, x: number[], top = 3): { feature: string; contribution: number; value: number }[] {
  return x.map((v, j) => ({ feature: m.features[j], value: v, contribution: m.weights[j + 1] * ((v - m.means[j]) / m.stds[j]) }))
    .filter((r) => r.contribution > 0).sort((a, b) => b.contribution - a.contribution).slice(0, top)
    .map((r) => ({ ...r, contribution: Math.round(r.contribution * 1000) / 1000 }));
}

/** Area under the ROC curve (probability that a random positive scores above a random negative). */
export function auc(scores: number[], labels: number[]): number {
  const idx = scores.map((s, i) => [s, labels[i]] as const).sort((a, b) => a[0] - b[0]);
  let rank = 0, sumPos = 0, pos = 0;
  for (let i = 0; i < idx.length;) {
    let j = i;
    while (j < idx.length && idx[j][0] === idx[i][0]) j++;
    const avg = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (idx[k][1] === 1) { sumPos += avg; pos++; }
    rank = j;
    i = j;
  }
  const neg = rank - pos;
  return pos && neg ? (sumPos - (pos * (pos + 1)) / 2) / (pos * neg) : NaN;
}

/** Brier score and a 10-bin reliability table (mean predicted vs observed rate). */
export function calibration(scores: number[], labels: number[]) {
  const brier = scores.reduce((s, p, i) => s + (p - labels[i]) ** 2, 0) / scores.length;
  const bins = Array.from({ length: 10 }, () => ({ n: 0, predicted: 0, observed: 0 }));
  scores.forEach((p, i) => { const b = bins[Math.min(9, Math.floor(p * 10))]; b.n++; b.predicted += p; b.observed += labels[i]; });
  return { brier, bins: bins.filter((b) => b.n > 0).map((b) => ({ n: b.n, predicted: b.predicted / b.n, observed: b.observed / b.n })) };
}
