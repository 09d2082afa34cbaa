/**
 * Rule-based polarity scoring over a hand-written lexicon: longest-match lookup of words, stems and
 * phrases, with negation (before, after, and Turkish negative verb suffixes), intensifiers,
 * diminishers and contrast ("good, but slow" is mostly about "slow"), in the spirit of VADER
 * (Hutto & Gilbert 2014) and SO-CAL (Taboada et al. 2011), but language-neutral and rule-light.
 */
import { entryParts, PhraseMatcher, splitList } from '../matcher.ts';
import type { LexiconSpec } from './types.ts';

type MarkerKind = 'negator' | 'postNegator' | 'intensifier' | 'diminisher' | 'contrast';

export interface CompiledLexicon {
  words: PhraseMatcher<number>;
  markers: PhraseMatcher<MarkerKind>;
  negativeSuffix?: RegExp;
  gluedNegator?: string;
  gluedIntensifiers: string[];
  negatedVerb?: RegExp;
  complaintVerb?: RegExp;
  notComplaintVerb?: RegExp;
  /** Single-token negators, for the model's negation features. */
  negatorTokens: string[];
  negatorSet: ReadonlySet<string>;
}

const NEGATION_SCOPE = 3;
/** CJK negators sit up to four characters before the word they negate (不是很好吃). */
const NEGATION_SCOPE_CJK = 4;
/** "not good" is weaker than "bad" (shift negation, Taboada et al. 2011). */
const NEGATED_WEIGHT = 0.8;
/**
 * Negative expressions count 1.5 times: positive words are used more often and more loosely than
 * negative ones (the "Pollyanna" effect, Boucher & Osgood 1969), so without this a lexicon leans
 * positive; SO-CAL weights negative expressions by the same factor (Taboada et al. 2011, §2.4).
 */
const NEGATIVE_WEIGHT = 1.5;
/** "nie zbadał" (did not examine): a missed expectation, mildly negative. */
const COMPLAINT_WEIGHT = -0.5;

/** `language`: the lexicon's (ISO 639-1), so its entries fold as its texts do (normalize.ts, PRE_FOLD). */
export function compileLexicon(spec: LexiconSpec, language?: string): CompiledLexicon {
  const prefixes = splitList(spec.prefixes);
  const words = new PhraseMatcher<number>(prefixes, splitList(spec.endings), language);
  words.addAll(spec.neutral, 0);
  words.addAll(spec.positive, 1);
  words.addAll(spec.strongPositive, 2);
  words.addAll(spec.negative, -1);
  words.addAll(spec.strongNegative, -2);
  const markers = new PhraseMatcher<MarkerKind>([], [], language);
  markers.addAll(spec.negators, 'negator');
  markers.addAll(spec.postNegators, 'postNegator');
  markers.addAll(spec.intensifiers, 'intensifier');
  markers.addAll(spec.diminishers, 'diminisher');
  markers.addAll(spec.contrast, 'contrast');
  const negatorTokens = splitList(spec.negators).filter((n) => !/\s/.test(n) && !n.endsWith('*'));
  return { words, markers, negativeSuffix: spec.negativeSuffix, gluedNegator: spec.gluedNegator, gluedIntensifiers: splitList(spec.gluedIntensifiers), negatedVerb: spec.negatedVerb, complaintVerb: spec.complaintVerb, notComplaintVerb: spec.notComplaintVerb, negatorTokens,
    negatorSet: new Set(negatorTokens.flatMap((n) => entryParts(n, language).map((p) => p.text))),
  };
}

export interface LexiconScore {
  /** Sum of the contributions. */
  sum: number;
  /** Number of sentiment words or phrases found. */
  hits: number;
  /** Contribution of each token (same indexes as the tokens), so clauses can be scored apart. */
  contributions: number[];
  /** Token indexes where a contrast word ("but", "ale", "但是") starts. */
  contrasts: number[];
  /** Negations seen (negators, post-negators, negated verbs), whether or not they negated a word. */
  negations: number;
}

/** Score folded tokens (from `textTokens(text, language)`, in the lexicon's language). */
export function scoreTokens(lex: CompiledLexicon, toks: readonly string[]): LexiconScore {
  const contributions = new Array<number>(toks.length).fill(0);
  const contrasts: number[] = [];
  let hits = 0;
  let negations = 0;
  let negLeft = 0;
  let boost = 1;
  for (let i = 0; i < toks.length; i++) {
    if (toks[i] === '|') {
      negLeft = 0;
      boost = 1;
      continue;
    }
    const m = lex.words.match(toks, i);
    const mk = lex.markers.match(toks, i);
    // "super slow", "好慢": a word that is both positive and an intensifier intensifies what follows.
    const intensifies = m && m.length === 1 && mk?.entry.value === 'intensifier' && lex.words.match(toks, i + 1);
    if (m && !intensifies) {
      const next = i + m.length;
      if (m.entry.value !== 0) {
        // An entry that is itself a negation ("nie polecam", "nie oddzwonił") after another negator is
        // negative concord ("nikt nie oddzwonił", "nadie no contestó"): one negation, not two.
        let negated = negLeft > 0 && !lex.negatorSet.has(m.entry.parts[0].text);
        if (m.entry.verb && lex.negativeSuffix?.test(m.rest)) negated = !negated;
        // "iyi değil", "güzel olmamış".
        if (lex.markers.match(toks, next)?.entry.value === 'postNegator') negated = !negated;
        let v = m.entry.value * boost;
        if (negated) v = -v * NEGATED_WEIGHT;
        contributions[i] = v < 0 ? v * NEGATIVE_WEIGHT : v;
        hits++;
      }
      negLeft = 0;
      boost = 1;
      i = next - 1;
      continue;
    }
    if (mk) {
      const len = mk.length;
      if (mk.entry.value === 'negator' || mk.entry.value === 'postNegator') negations++;
      switch (mk.entry.value) {
        case 'negator':
          negLeft = (toks[i].charCodeAt(0) > 0x2e80 ? NEGATION_SCOPE_CJK : NEGATION_SCOPE) + len - 1;
          break;
        case 'intensifier':
          boost *= 1.5;
          break;
        case 'diminisher':
          boost *= 0.5;
          break;
        case 'contrast':
          contrasts.push(i);
          break;
        case 'postNegator':
          break;
      }
      if (mk.entry.value !== 'negator' && negLeft > 0) negLeft -= len;
      i += len - 1;
      continue;
    }
    const glued = lex.gluedNegator ? gluedWord(lex, toks[i]) : 0;
    if (glued !== 0) {
      // "niemiły" = "nie" + "miły": the word negated, like "nie miły".
      const v = -glued * boost * NEGATED_WEIGHT;
      contributions[i] = v < 0 ? v * NEGATIVE_WEIGHT : v;
      hits++;
      negations++;
      negLeft = 0;
      boost = 1;
      continue;
    }
    const intensified = lex.gluedIntensifiers.length > 0 ? gluedIntensified(lex, toks[i]) : 0;
    if (intensified !== 0) {
      // "najmilszy", "przesympatyczny": the word, intensified.
      let v = intensified * boost * 1.5;
      if (negLeft > 0) v = -v * NEGATED_WEIGHT;
      contributions[i] = v < 0 ? v * NEGATIVE_WEIGHT : v;
      hits++;
      negLeft = 0;
      boost = 1;
      continue;
    }
    if (lex.negatedVerb?.test(toks[i])) negations++;
    if (negLeft > 0 && lex.complaintVerb?.test(toks[i]) && !lex.notComplaintVerb?.test(toks[i])) {
      contributions[i] = COMPLAINT_WEIGHT * boost * NEGATIVE_WEIGHT;
      hits++;
      negLeft = 0;
      continue;
    }
    if (negLeft > 0) negLeft--;
  }
  const lastContrast = contrasts.length > 0 ? contrasts[contrasts.length - 1] : -1;
  let sum = 0;
  for (let i = 0; i < contributions.length; i++) {
    if (lastContrast >= 0) contributions[i] *= i < lastContrast ? 0.6 : 1.4;
    sum += contributions[i];
  }
  if (hits > 0 && toks.includes('!')) sum *= 1.15;
  return { sum, hits, contributions, contrasts, negations };
}

/** Value of a word written with a glued negating prefix ("niemiły" → value of "miły"), or 0. */
function gluedWord(lex: CompiledLexicon, tok: string): number {
  const p = lex.gluedNegator as string;
  if (tok.length < p.length + 3 || !tok.startsWith(p)) return 0;
  const m = lex.words.match([tok.slice(p.length)], 0);
  return m && m.length === 1 ? m.entry.value : 0;
}

/** Value of a word written with a glued intensifying prefix ("najmilszy" → value of "milszy"), or 0. */
function gluedIntensified(lex: CompiledLexicon, tok: string): number {
  for (const p of lex.gluedIntensifiers) {
    if (tok.length < p.length + 4 || !tok.startsWith(p)) continue;
    const m = lex.words.match([tok.slice(p.length)], 0);
    if (m && m.length === 1 && m.entry.value !== 0) return m.entry.value;
  }
  return 0;
}
