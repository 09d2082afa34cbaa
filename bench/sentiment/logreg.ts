/**
 * Binary logistic regression on sparse hashed features, trained with AdaGrad and L2, in plain
 * TypeScript so training needs nothing beyond `npm install` and is reproducible to the bit: a fixed
 * seed drives the example order.
 */
import { seededShuffle } from './data.ts';

export interface SparseExample {
  /** Feature hashes (repeats allowed: counts). */
  features: number[];
  /** Extra dense inputs (e.g. the lexicon score). */
  dense?: number[];
  y: 0 | 1;
}

export interface LogRegOptions {
  epochs: number;
  lr: number;
  l2: number;
  seed: number;
  /** Weight examples so both classes count equally (the model should not inherit a data set's prior). */
  balanced?: boolean;
  /** Lower bounds on the dense weights (projected after each step). */
  denseMin?: number[];
}

export interface LogRegModel {
  weights: Map<number, number>;
  dense: number[];
  bias: number;
}

/** Features of one example as (hash → value), L2-normalised so long texts don't dominate. */
export function vectorize(features: readonly number[]): Map<number, number> {
  const m = new Map<number, number>();
  for (const f of features) m.set(f, (m.get(f) ?? 0) + 1);
  let norm = 0;
  for (const v of m.values()) norm += v * v;
  norm = Math.sqrt(norm) || 1;
  for (const [k, v] of m) m.set(k, v / norm);
  return m;
}

export function logit(model: LogRegModel, vec: Map<number, number>, dense: readonly number[] = []): number {
  let z = model.bias;
  for (const [k, v] of vec) z += (model.weights.get(k) ?? 0) * v;
  for (let i = 0; i < dense.length; i++) z += (model.dense[i] ?? 0) * dense[i];
  return z;
}

export function trainLogReg(examples: readonly SparseExample[], o: LogRegOptions): LogRegModel {
  const vecs = examples.map((e) => ({ vec: vectorize(e.features), dense: e.dense ?? [], y: e.y }));
  const nDense = vecs.reduce((m, e) => Math.max(m, e.dense.length), 0);
  const model: LogRegModel = { weights: new Map(), dense: new Array(nDense).fill(0), bias: 0 };
  const g2 = new Map<number, number>();
  const g2Dense = new Array(nDense).fill(1e-8);
  let g2Bias = 1e-8;
  const nPos = vecs.filter((e) => e.y === 1).length;
  const classWeight = (y: 0 | 1) =>
    !o.balanced || nPos === 0 || nPos === vecs.length ? 1 : vecs.length / (2 * (y === 1 ? nPos : vecs.length - nPos));
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (const e of seededShuffle(vecs, o.seed + epoch)) {
      const p = 1 / (1 + Math.exp(-logit(model, e.vec, e.dense)));
      const err = (p - e.y) * classWeight(e.y);
      for (const [k, v] of e.vec) {
        const w = model.weights.get(k) ?? 0;
        const g = err * v + o.l2 * w;
        const acc = (g2.get(k) ?? 1e-8) + g * g;
        g2.set(k, acc);
        model.weights.set(k, w - (o.lr * g) / Math.sqrt(acc));
      }
      for (let i = 0; i < e.dense.length; i++) {
        const g = err * e.dense[i];
        g2Dense[i] += g * g;
        model.dense[i] -= (o.lr * g) / Math.sqrt(g2Dense[i]);
        const min = o.denseMin?.[i];
        if (min !== undefined && model.dense[i] < min) model.dense[i] = min;
      }
      g2Bias += err * err;
      model.bias -= (o.lr * err) / Math.sqrt(g2Bias);
    }
  }
  return model;
}
