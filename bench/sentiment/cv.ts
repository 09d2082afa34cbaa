/**
 * Cross-validation on the may-train data only (never the held-out or evaluation-only files): compares
 * ways of training the model by out-of-fold accuracy per language, per gate. For development; the
 * shipped model is built by train.ts.
 *
 *   npx tsx bench/sentiment/cv.ts [DIR]
 *
 * Environment:
 * - LANGS=en,de,… (default en,de,es,fr,pt,it,ar): trained pooled with feature augmentation, as train.ts
 *   does (the Olist training part joins pt unless OLIST=0); add `he` to also train Hebrew alone.
 * - VARIANTS: `;`-separated variants, each `key=value,…` over epochs, l2, lr, nb (naive-Bayes scaling with
 *   this smoothing, 0 off), bag (models averaged, each with another example order) and cmin, cmax,
 *   cword, tri (0/1), scope (features, see FeatureOptions); unset keys keep TRAIN_OPTIONS / FEATURES.
 *   Default: one variant, the shipped setting.
 * Prints, per variant and language, out-of-fold accuracy of the n-grams alone and per gate, then one
 * summary line: the mean "lexicon first" accuracy over en, de, es, fr, pt tweets and Hebrew at gate ≥ 1.
 */
import { resolve } from 'node:path';
import { FEATURES, featureHashes, type FeatureOptions } from '../../src/voc/text/features.ts';
import { lexiconFor } from '../../src/voc/text/lexicon/index.ts';
import { scoreTokens } from '../../src/voc/text/lexicon/scorer.ts';
import { lexiconFeature } from '../../src/voc/text/model.ts';
import { textTokens } from '../../src/voc/text/normalize.ts';
import { lexiconDecides } from '../../src/voc/text/sentiment.ts';
import { loadHebrew, loadOlist, loadXlmt, type Example } from './data.ts';
import { logit, nbRatios, scaleVector, trainLogReg, vectorize, type LogRegOptions } from './logreg.ts';
import { augmented, negatorsFor, STACK_OPTIONS, TRAIN_OPTIONS } from './train.ts';

const dir = resolve(process.argv[2] ?? '/work/shared/data/sentiment');
const LANGS = (process.env.LANGS ?? 'en,de,es,fr,pt,it,ar').split(',');
const FOLDS = 5;

interface Row { lang: string; src: 'xlmt' | 'olist'; toks: string[]; neg: Set<string>; y: 0 | 1; lex: number; fold: number }

function rows(lang: string, src: Row['src'], ex: Example[]): Row[] {
  const lex = lexiconFor(lang);
  const neg = new Set(negatorsFor(lang));
  return ex.filter((e) => e.label !== 'neutral').map((e, i) => {
    const toks = textTokens(e.text, lang);
    return { lang, src, toks, neg, y: e.label === 'positive' ? 1 : 0, lex: scoreTokens(lex, toks).sum, fold: i % FOLDS };
  });
}

const data: Row[] = [];
for (const l of LANGS) data.push(...rows(l, 'xlmt', l === 'he' ? loadHebrew(dir, 'train') : loadXlmt(dir, l, 'train')));
if (process.env.OLIST !== '0' && LANGS.includes('pt')) data.push(...rows('pt', 'olist', loadOlist(resolve(dir, '../olist'), 'train')));

interface Variant { name: string; train: LogRegOptions; features: FeatureOptions; nb: number; bag: number }
function parseVariant(spec: string): Variant {
  const kv = Object.fromEntries(spec.split(',').filter(Boolean).map((p) => p.split('=') as [string, string]));
  const num = (k: string, d: number) => (kv[k] !== undefined ? Number(kv[k]) : d);
  return {
    name: spec || 'shipped',
    nb: num('nb', 0),
    bag: num('bag', 1),
    train: { ...TRAIN_OPTIONS, epochs: num('epochs', TRAIN_OPTIONS.epochs), l2: num('l2', TRAIN_OPTIONS.l2), lr: num('lr', TRAIN_OPTIONS.lr) },
    features: {
      charMin: num('cmin', FEATURES.charMin), charMax: num('cmax', FEATURES.charMax), charMinWord: num('cword', FEATURES.charMinWord),
      trigrams: kv.tri !== undefined ? kv.tri === '1' : FEATURES.trigrams, negationScope: num('scope', FEATURES.negationScope),
    },
  };
}
const variants = (process.env.VARIANTS ?? '').split(';').map(parseVariant);

/** Out-of-fold n-gram score of each row, one model per group (and fold). */
function oofScores(featsOf: Map<Row, number[]>, groups: Row[][], v: Variant): Map<Row, number> {
  const out = new Map<Row, number>();
  for (const g of groups) {
    for (let f = 0; f < FOLDS; f++) {
      const train = g.filter((r) => r.fold !== f).map((r) => ({ features: featsOf.get(r)!, y: r.y }));
      const featureScale = v.nb > 0 ? nbRatios(train, v.nb) : undefined;
      for (let b = 0; b < v.bag; b++) {
        const m = trainLogReg(train, { ...v.train, seed: v.train.seed + 1000 * b, featureScale });
        for (const r of g) {
          if (r.fold !== f) continue;
          const vec = featureScale ? scaleVector(vectorize(featsOf.get(r)!), featureScale) : vectorize(featsOf.get(r)!);
          out.set(r, (out.get(r) ?? 0) + (logit(m, vec) - m.bias) / v.bag);
        }
      }
    }
  }
  return out;
}

function report(name: string, oof: Map<Row, number>) {
  const summary: Record<string, { lexfirst: number; ge1: number }> = {};
  for (const l of LANGS) {
    const rs = data.filter((r) => r.lang === l);
    // Combiner fitted on the language's rows (as train.ts does).
    const stack = trainLogReg(rs.map((r) => ({ features: [], dense: [oof.get(r)!, lexiconFeature(r.lex)], y: r.y })), STACK_OPTIONS);
    const z = (r: Row) => stack.bias + stack.dense[0] * oof.get(r)! + stack.dense[1] * lexiconFeature(r.lex);
    const xs = rs.filter((r) => r.src === 'xlmt');
    const acc = (gate: number) => {
      let right = 0;
      for (const r of xs) {
        const s = lexiconDecides(r.lex, gate) ? r.lex : z(r);
        if ((s > 0 ? 1 : 0) === r.y) right++;
      }
      return right / xs.length;
    };
    const ngram = xs.reduce((a, r) => a + ((oof.get(r)! > 0 ? 1 : 0) === r.y ? 1 : 0), 0) / xs.length;
    summary[l] = { lexfirst: acc(Number.MIN_VALUE), ge1: acc(1) };
    console.log(`${name} ${l}: ngram ${ngram.toFixed(3)} lexfirst ${acc(Number.MIN_VALUE).toFixed(3)} ≥1 ${acc(1).toFixed(3)} ≥2 ${acc(2).toFixed(3)} stacked ${acc(Infinity).toFixed(3)}`);
  }
  const five = ['en', 'de', 'es', 'fr', 'pt'].filter((l) => summary[l]);
  const mean = five.reduce((a, l) => a + summary[l].lexfirst, 0) / (five.length || 1);
  console.log(`SUMMARY ${name}: mean lexfirst (${five.join(' ')}) ${mean.toFixed(4)} [${five.map((l) => summary[l].lexfirst.toFixed(3)).join(' ')}]${summary.he ? ` he ≥1 ${summary.he.ge1.toFixed(3)}` : ''}`);
}

const t0 = performance.now();
for (const v of variants) {
  const feats = new Map<Row, number[]>();
  for (const r of data) {
    const f = featureHashes(r.toks, r.neg, v.features);
    feats.set(r, r.lang === 'he' ? f : augmented(f, r.lang));
  }
  const pooled = data.filter((r) => r.lang !== 'he');
  const he = data.filter((r) => r.lang === 'he');
  report(v.name, oofScores(feats, [pooled, he].filter((g) => g.length > 0), v));
  console.log(`(${((performance.now() - t0) / 1000).toFixed(0)} s)`);
}
