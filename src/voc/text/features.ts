/**
 * Hashed bag-of-features for the sentiment model: word unigrams and bigrams, character 3–5-grams
 * inside words (so inflected and prefixed forms share weight: Hebrew ו/ה/ב/ל prefixes, Romance
 * plurals), and a "negated" mark on words that follow a negator in the same clause (Das & Chen 2001,
 * as used by Pang et al. 2002). The same function runs in `bench/sentiment/train.ts` and at
 * inference, so the two can never drift apart.
 */
import { isCjkChar } from './normalize.ts';

/** 32-bit FNV-1a over UTF-16 code units: fast, stable across runs and platforms. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** What `featureHashes` extracts. One setting is shipped (FEATURES); others exist for cross-validation (bench/sentiment/cv.ts). */
export interface FeatureOptions {
  /** Character n-gram lengths inside words, from charMin to charMax. */
  charMin: number;
  charMax: number;
  /** Words shorter than this get no character n-grams. */
  charMinWord: number;
  /** Also word triples. */
  trigrams: boolean;
  /** How many tokens a negator reaches forward, at most (a clause break "|" ends it sooner). */
  negationScope: number;
}

export const FEATURES: FeatureOptions = { charMin: 3, charMax: 5, charMinWord: 4, trigrams: false, negationScope: 3 };

/**
 * Feature hashes of one tokenised text (duplicates kept: a word said twice counts twice).
 * `negators` are folded words that open a negation scope ("not", "nie", "לא", …).
 */
export function featureHashes(tokens: readonly string[], negators: ReadonlySet<string>, o: FeatureOptions = FEATURES): number[] {
  const out: number[] = [];
  let negLeft = 0;
  let prev = '<s>';
  let prev2 = '<s>';
  for (const t of tokens) {
    if (t === '|') {
      negLeft = 0;
      prev = '|';
      prev2 = '|';
      continue;
    }
    const negated = negLeft > 0;
    const w = negated ? `!${t}` : t;
    out.push(hash32(`w ${w}`));
    out.push(hash32(`b ${prev} ${t}`));
    if (o.trigrams) out.push(hash32(`t ${prev2} ${prev} ${t}`));
    if (t.length >= o.charMinWord && !isCjkChar(t[0])) {
      const s = ` ${t} `;
      for (let n = o.charMin; n <= o.charMax; n++) {
        for (let i = 0; i + n <= s.length; i++) out.push(hash32(`c${s.slice(i, i + n)}`));
      }
    }
    prev2 = prev;
    prev = t;
    if (negators.has(t)) negLeft = o.negationScope;
    else if (negLeft > 0) negLeft--;
  }
  if (prev !== '<s>') out.push(hash32(`b ${prev} </s>`));
  return out;
}
