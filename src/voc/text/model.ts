/**
 * The shipped sentiment model (model/sentiment-model.json, trained by bench/sentiment/train.ts; its
 * training sets are listed in model/README.md): one binary logistic regression per language over
 * hashed features (features.ts) plus the hand-written lexicon score as one more input, so the model
 * learns how far to trust the lexicon in each language.
 */
import { readFileSync } from 'node:fs';
import { featureHashes } from './features.ts';

export const MODEL_FILE = new URL('./model/sentiment-model.json', import.meta.url);

/** On-disk form: weights quantised to int8 and base64-packed to keep the file small. */
export interface SentimentModelFile {
  format: 'touchpoint-sentiment/1';
  trainedAt: string;
  /** Data sets that trained each language (also in model/README.md). */
  trainingSets: Record<string, string[]>;
  languages: Record<string, {
    /**
     * 'stacked': the model's score (which includes the lexicon) decides. 'lexicon-first': the lexicon
     * decides whenever it finds a sentiment word, the model only reads texts it finds none in.
     * 'gated': between the two. Chosen per language by cross-validation on its training data
     * (train.ts, `chooseGate`).
     */
    mode: 'stacked' | 'lexicon-first' | 'gated';
    /** 'gated': the lexicon decides when |lexicon sum| ≥ this, the stacked model otherwise. */
    lexiconGate?: number;
    /**
     * When the model decides, |score| below this is neutral (default NEUTRAL_BAND). Chosen per language
     * by three-class macro-F1 on its training data (train.ts, `chooseNeutralBand`).
     */
    neutralBand?: number;
    negators: string[];
    bias: number;
    /** Weight of tanh(lexicon sum / 2). */
    lexicon: number;
    /** int8 weight × scale = weight. */
    scale: number;
    /** base64 of little-endian uint32 feature hashes. */
    keys: string;
    /** base64 of int8 weights, same order as keys. */
    weights: string;
  }>;
}

export interface LanguageModel {
  mode: 'stacked' | 'lexicon-first' | 'gated';
  /** |lexicon sum| at or above which the lexicon decides alone; Infinity: never (stacked). */
  lexiconGate: number;
  /** |score| below this is neutral when the model decides; undefined: the default band. */
  neutralBand?: number;
  negators: ReadonlySet<string>;
  bias: number;
  lexicon: number;
  weights: Map<number, number>;
}

export function unpackLanguage(m: SentimentModelFile['languages'][string]): LanguageModel {
  const kb = Buffer.from(m.keys, 'base64');
  const wb = Buffer.from(m.weights, 'base64');
  const weights = new Map<number, number>();
  for (let i = 0; i < wb.length; i++) weights.set(kb.readUInt32LE(i * 4), wb.readInt8(i) * m.scale);
  const lexiconGate = m.mode === 'stacked' ? Infinity : m.mode === 'lexicon-first' ? Number.MIN_VALUE : (m.lexiconGate ?? Infinity);
  return { mode: m.mode, lexiconGate, neutralBand: m.neutralBand, negators: new Set(m.negators), bias: m.bias, lexicon: m.lexicon, weights };
}

let loaded: { file: SentimentModelFile; langs: Map<string, LanguageModel> } | null = null;

/** Parse the model file once, on first use. */
export function loadModel(): { file: SentimentModelFile; langs: Map<string, LanguageModel> } {
  if (!loaded) {
    const file = JSON.parse(readFileSync(MODEL_FILE, 'utf8')) as SentimentModelFile;
    const langs = new Map<string, LanguageModel>();
    for (const [lang, m] of Object.entries(file.languages)) langs.set(lang, unpackLanguage(m));
    loaded = { file, langs };
  }
  return loaded;
}

/** Languages the shipped model was trained for. */
export const modelLanguages = (): string[] => [...loadModel().langs.keys()].sort();

/** Log-odds of "positive" for folded tokens; null when the language has no model. */
export function modelLogit(language: string, tokens: readonly string[], lexiconSum: number): number | null {
  const m = loadModel().langs.get(language);
  if (!m) return null;
  return languageLogit(m, tokens, lexiconSum);
}

export function languageLogit(m: LanguageModel, tokens: readonly string[], lexiconSum: number): number {
  const counts = new Map<number, number>();
  for (const f of featureHashes(tokens, m.negators)) counts.set(f, (counts.get(f) ?? 0) + 1);
  let norm = 0;
  let dot = 0;
  for (const [f, c] of counts) {
    norm += c * c;
    const w = m.weights.get(f);
    if (w !== undefined) dot += w * c;
  }
  return m.bias + (norm > 0 ? dot / Math.sqrt(norm) : 0) + m.lexicon * lexiconFeature(lexiconSum);
}

/** The lexicon input the model sees: squashed so one very long rant doesn't dominate. */
export const lexiconFeature = (sum: number): number => Math.tanh(sum / 2);
