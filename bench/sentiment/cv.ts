/**
 * Cross-validation on the may-train data only (never the held-out or evaluation-only files): compares
 * ways of training the model by out-of-fold accuracy per language, per gate. For development; the
 * shipped model is built by train.ts.
 *
 *   npx tsx bench/sentiment/cv.ts [DIR]
 *
 * Environment: MODE=per|pooled|both (each language alone, all pooled with feature augmentation, or both),
 * LANGS=en,de,… (default: the XLM-T languages and he), OLIST=1 (add the Olist training part to pt),
 * EPOCHS / L2 (override TRAIN_OPTIONS), EXTRA=zero,zoof (extra stacking inputs for texts without a
 * lexicon word). Prints, per language, out-of-fold accuracy of the n-grams alone and per gate.
 */
import { resolve } from 'node:path';
import { featureHashes } from '../../src/voc/text/features.ts';
import { lexiconFor } from '../../src/voc/text/lexicon/index.ts';
import { scoreTokens } from '../../src/voc/text/lexicon/scorer.ts';
import { lexiconFeature } from '../../src/voc/text/model.ts';
import { textTokens } from '../../src/voc/text/normalize.ts';
import { loadHebrew, loadOlist, loadXlmt, type Example } from './data.ts';
import { logit, trainLogReg, vectorize } from './logreg.ts';
import { negatorsFor, TRAIN_OPTIONS } from './train.ts';

const dir = resolve(process.argv[2] ?? '/work/shared/data/sentiment');
const LANGS = (process.env.LANGS ?? 'en,de,es,fr,pt,it,ar,he').split(',');
const FOLDS = 5;

interface Row { lang: string; src: 'xlmt' | 'olist'; toks: string[]; y: 0 | 1; lex: number; fold: number; feats: number[] }

const mix = (h: number, lang: string) => (Math.imul(h ^ 0x9e3779b9, 0x85ebca6b) ^ lang.charCodeAt(0) * 0x10001 ^ lang.charCodeAt(1) * 0x1000193) >>> 0;

function rows(lang: string, src: Row['src'], ex: Example[]): Row[] {
  const lex = lexiconFor(lang);
  const neg = new Set(negatorsFor(lang));
  return ex.filter((e) => e.label !== 'neutral').map((e, i) => {
    const toks = textTokens(e.text);
    const sc = scoreTokens(lex, toks);
    return { lang, src, toks, y: e.label === 'positive' ? 1 : 0, lex: sc.sum, fold: i % FOLDS, feats: featureHashes(toks, neg) };
  });
}

const data: Row[] = [];
for (const l of LANGS) data.push(...rows(l, 'xlmt', l === 'he' ? loadHebrew(dir, 'train') : loadXlmt(dir, l, 'train')));
const withOlist = process.env.OLIST === '1';
if (withOlist) data.push(...rows('pt', 'olist', loadOlist(resolve(dir, '../olist'), 'train')));

const mode = process.env.MODE ?? 'both';
const opts = { ...TRAIN_OPTIONS, ...(process.env.EPOCHS ? { epochs: Number(process.env.EPOCHS) } : {}), ...(process.env.L2 ? { l2: Number(process.env.L2) } : {}) };

/** Out-of-fold n-gram score of each row. */
function oofScores(featsOf: (r: Row) => number[], groups: Row[][]): Map<Row, number> {
  const out = new Map<Row, number>();
  for (const g of groups) {
    for (let f = 0; f < FOLDS; f++) {
      const m = trainLogReg(g.filter((r) => r.fold !== f).map((r) => ({ features: featsOf(r), y: r.y })), opts);
      for (const r of g) if (r.fold === f) out.set(r, logit(m, vectorize(featsOf(r))) - m.bias);
    }
  }
  return out;
}

const EXTRA = process.env.EXTRA ?? '';
function dense(r: Row, oof: Map<Row, number>): number[] {
  const d = [oof.get(r)!, lexiconFeature(r.lex)];
  if (EXTRA.includes('zero')) d.push(r.lex === 0 ? 1 : 0);
  if (EXTRA.includes('zoof')) d.push(r.lex === 0 ? oof.get(r)! : 0);
  return d;
}
function report(name: string, oof: Map<Row, number>) {
  for (const l of LANGS) {
    const rs = data.filter((r) => r.lang === l);
    // Combiner fitted on the language's rows (as train.ts does).
    const stack = trainLogReg(rs.map((r) => ({ features: [], dense: dense(r, oof), y: r.y })), { epochs: 30, lr: 0.1, l2: 0, seed: 1, balanced: true });
    const z = (r: Row) => dense(r, oof).reduce((a, x, i) => a + stack.dense[i] * x, stack.bias);
    const acc = (gate: number, only: Row['src']) => {
      const xs = rs.filter((r) => r.src === only);
      let right = 0;
      for (const r of xs) {
        const s = r.lex !== 0 && Math.abs(r.lex) >= gate ? r.lex : z(r);
        if ((s > 0 ? 1 : 0) === r.y) right++;
      }
      return (right / xs.length).toFixed(3);
    };
    const ngram = rs.filter((r) => r.src === 'xlmt').reduce((a, r) => a + ((oof.get(r)! > 0 ? 1 : 0) === r.y ? 1 : 0), 0) / rs.filter((r) => r.src === 'xlmt').length;
    console.log(`${name} ${l}: ngram ${ngram.toFixed(3)} lexfirst ${acc(Number.MIN_VALUE, 'xlmt')} ≥1 ${acc(1, 'xlmt')} ≥2 ${acc(2, 'xlmt')} stacked ${acc(Infinity, 'xlmt')}`);
  }
}

const t0 = performance.now();
if (mode === 'both' || mode === 'per') {
  report('per-lang', oofScores((r) => r.feats, LANGS.map((l) => data.filter((r) => r.lang === l))));
  console.log(`(${((performance.now() - t0) / 1000).toFixed(0)} s)`);
}
if (mode === 'both' || mode === 'pooled') {
  const aug = new Map<Row, number[]>();
  for (const r of data) aug.set(r, [...r.feats, ...r.feats.map((h) => mix(h, r.lang))]);
  report('pooled', oofScores((r) => aug.get(r)!, [data]));
  console.log(`(${((performance.now() - t0) / 1000).toFixed(0)} s)`);
}
