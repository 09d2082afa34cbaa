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

/** How many tokens a negator reaches forward, at most (a clause break "|" ends it sooner). */
const NEGATION_SCOPE = 3;

/**
 * Feature hashes of one tokenised text (duplicates kept: a word said twice counts twice).
 * `negators` are folded words that open a negation scope ("not", "nie", "לא", …).
 */
export function featureHashes(tokens: readonly string[], negators: ReadonlySet<string>): number[] {
  const out: number[] = [];
  let negLeft = 0;
  let prev = '<s>';
  for (const t of tokens) {
    if (t === '|') {
      negLeft = 0;
      prev = '|';
      continue;
    }
    const negated = negLeft > 0;
    const w = negated ? `!${t}` : t;
    out.push(hash32(`w ${w}`));
    out.push(hash32(`b ${prev} ${t}`));
    if (t.length >= 4 && !isCjkChar(t[0])) {
      const s = ` ${t} `;
      for (let n = 3; n <= 5; n++) {
        for (let i = 0; i + n <= s.length; i++) out.push(hash32(`c${s.slice(i, i + n)}`));
      }
    }
    prev = t;
    if (negators.has(t)) negLeft = NEGATION_SCOPE;
    else if (negLeft > 0) negLeft--;
  }
  if (prev !== '<s>') out.push(hash32(`b ${prev} </s>`));
  return out;
}
