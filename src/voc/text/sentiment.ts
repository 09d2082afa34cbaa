/**
 * Sentiment of folded tokens in a known language:
 * - languages with a hand-written lexicon and a shipped model (en, de, es, fr, pt, he): the lexicon
 *   decides when its evidence reaches the language's gate (any word, or one plain word for Hebrew —
 *   chosen by cross-validation on training data); the model (trained where the data licence allows, on
 *   tweets and comments — another domain than shop feedback) reads the rest;
 * - it, ar (model, no lexicon): the model's log-odds, with emoji as one input;
 * - languages with only a hand-written lexicon (pl, tr, zh — their labelled data is evaluation-only):
 *   the lexicon score;
 * - any other language: emoji and emoticons only.
 * The score is in (−1, 1); |score| below NEUTRAL_BAND (when the model decides, below the language's
 * band chosen on its training data), or no evidence at all, is neutral.
 */
import { lexiconFor, LEXICON_LANGUAGES } from './lexicon/index.ts';
import { scoreTokens, type LexiconScore } from './lexicon/scorer.ts';
import { loadModel, languageLogit, type LanguageModel } from './model.ts';

export type SentimentLabel = 'negative' | 'neutral' | 'positive';

export interface Sentiment {
  label: SentimentLabel;
  /** −1 (most negative) … 1 (most positive). */
  score: number;
}

/**
 * model+lexicon: stacked model; lexicon+model: lexicon first, model when it finds nothing; gated: the
 * lexicon when its evidence is strong (|sum| ≥ the language's gate), the stacked model otherwise.
 */
export type SentimentMethod = 'model+lexicon' | 'lexicon+model' | 'gated' | 'lexicon' | 'emoji';

/** Scores closer to 0 than this are labelled neutral. */
export const NEUTRAL_BAND = 0.2;
/** Score of a text whose only cue is a negation (see sentimentOfTokens). */
const BARE_NEGATION = 0.1;

export function sentimentMethod(language: string): SentimentMethod {
  const m = loadModel().langs.get(language);
  if (m) return m.mode === 'lexicon-first' ? 'lexicon+model' : m.mode === 'gated' ? 'gated' : 'model+lexicon';
  if (LEXICON_LANGUAGES.includes(language)) return 'lexicon';
  return 'emoji';
}

/** Whether the lexicon decides alone: it found sentiment and |sum| reaches the language's gate (model.ts lexiconGate). */
export const lexiconDecides = (lexiconSum: number, gate: number): boolean => lexiconSum !== 0 && Math.abs(lexiconSum) >= gate;

export const labelOf = (score: number, band = NEUTRAL_BAND): SentimentLabel =>
  score >= band ? 'positive' : score <= -band ? 'negative' : 'neutral';

const round = (x: number) => Math.round(x * 1000) / 1000;

export interface TokenSentiment extends Sentiment {
  /** The lexicon's reading, reused for clause-level theme sentiment. */
  lexicon: LexiconScore;
  /** True when nothing in the text carried sentiment (no lexicon word, model near its prior). */
  noEvidence: boolean;
}

export function sentimentOfTokens(language: string, tokens: readonly string[]): TokenSentiment {
  return sentimentWith(loadModel().langs.get(language), scoreTokens(lexiconFor(language), tokens), tokens);
}

/** `sentimentOfTokens` with the language's model (if any) and lexicon reading given: train.ts scores with a model it has just built. */
export function sentimentWith(model: LanguageModel | undefined, lexicon: LexiconScore, tokens: readonly string[]): TokenSentiment {
  if (model && !lexiconDecides(lexicon.sum, model.lexiconGate)) {
    const z = languageLogit(model, tokens, lexicon.sum);
    // tanh(z/2) = 2·sigmoid(z) − 1: the model's probability mapped onto −1…1.
    const score = round(Math.tanh(z / 2));
    const band = model.neutralBand ?? NEUTRAL_BAND;
    return { label: labelOf(score, band), score, lexicon, noEvidence: lexicon.hits === 0 && Math.abs(score) < band };
  }
  if (lexicon.sum === 0) {
    // No sentiment word, but a negation ("nie dostałem odpowiedzi", "还没送到"): negation is far more
    // common in negative than in positive reviews (Potts 2011, "On the negativity of negation"), so it
    // is weak evidence — a small negative score that stays inside the neutral band.
    if (lexicon.negations > 0) return { label: 'neutral', score: -BARE_NEGATION, lexicon, noEvidence: false };
    return { label: 'neutral', score: 0, lexicon, noEvidence: true };
  }
  const score = round(Math.tanh(lexicon.sum / 2));
  return { label: labelOf(score), score, lexicon, noEvidence: false };
}
