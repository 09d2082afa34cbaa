/**
 * A hand-written polarity lexicon for one language. Lists are comma- or newline-separated; each entry
 * is folded like the language's text (lower case, no diacritics; German ä, ö, ü → ae, oe, ue), so entries
 * may be written with or without diacritics (German: with umlauts, or as ae, oe, ue).
 * - `word*` matches any word starting with `word` (inflection, Turkish suffixes); the longest entry wins,
 *   so `başarısız*` beats `başarı*`.
 * - Several words make a phrase (`waste of time`); CJK entries are matched character by character.
 * - Intensifiers, negators and the other function-word lists may be phrases too ("kind of", "非常").
 * - `word~` (Turkish) is a verb stem: a negative suffix right after it flips it (beğen~ → beğenmedim).
 */
export interface LexiconSpec {
  /** +1 each. */
  positive: string;
  /** +2 each. */
  strongPositive?: string;
  /** −1 each. */
  negative: string;
  /** −2 each. */
  strongNegative?: string;
  /** Words that contain a sentiment word but carry none (美团 contains 美; Hebrew מאמין contains אמין). */
  neutral?: string;
  /**
   * A negated word of this shape that is not itself in the lexicon reads as a complaint: an action the
   * customer expected did not happen (Polish "nie zbadał", "nie oddzwonił"). −0.5 each.
   */
  complaintVerb?: RegExp;
  /** Exceptions to `complaintVerb` (forms of "to be" and "to have"). */
  notComplaintVerb?: RegExp;
  /** Open a negation scope over the next few words ("not", "nie", "לא", "不"). */
  negators: string;
  /** Negate the sentiment word just before them (Turkish "değil", "yok"). */
  postNegators?: string;
  /** ×1.5 on the next sentiment word ("very", "bardzo", "çok", "很"). */
  intensifiers?: string;
  /** ×0.5 on the next sentiment word ("a bit", "trochę", "biraz", "有点"). */
  diminishers?: string;
  /** What follows weighs more than what came before ("but", "ale", "ama", "但是"). */
  contrast?: string;
  /** One-letter prefixes glued to words that may be stripped to find an entry (Hebrew ו, ה, ב…). */
  prefixes?: string;
  /** Suffix (after a `~` verb stem) that marks negation. */
  negativeSuffix?: RegExp;
  /**
   * A negating prefix written as part of the word (Polish "nie": niedobry, niemiły, niezły): a word
   * not in the lexicon whose remainder is a sentiment word reads as that word negated.
   */
  gluedNegator?: string;
  /**
   * Inflectional endings (Polish): a word that matches no entry matches a one-word entry that has the
   * same form once the longest listed ending is taken off both ("miłych" → "mił-" ← "miły").
   */
  endings?: string;
  /**
   * Prefixes written as part of a word that intensify it (Polish superlative "naj-", "prze-"): a word
   * not in the lexicon whose remainder is a sentiment word counts as that word intensified
   * ("najmilszy", "przesympatyczny").
   */
  gluedIntensifiers?: string;
  /** Any word of this shape is a negated verb (Turkish -me/-ma forms), counted as a bare negation. */
  negatedVerb?: RegExp;
}
