/**
 * Language detection: the writing system decides where it is unambiguous (Hebrew, Han, kana, Hangul,
 * Greek, Thai…), and ELD (Efficient Language Detector, n-gram based, 60 languages; `eld/medium`,
 * loaded at import, ~1 s) decides among languages sharing a script. Returns ISO 639-1, or 'und'.
 */
import { eld } from 'eld/medium';

export const UNDETERMINED = 'und';

export interface DetectOptions {
  /** The language the customer was asked in (e.g. the survey's); wins when the text is too short to tell. */
  hint?: string;
}

const SCRIPTS: [RegExp, string][] = [
  [/\p{Script=Hebrew}/u, 'he'],
  [/\p{Script=Hangul}/u, 'ko'],
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/u, 'ja'],
  [/\p{Script=Han}/u, 'zh'],
  [/\p{Script=Arabic}/u, 'ar'],
  [/\p{Script=Thai}/u, 'th'],
  [/\p{Script=Greek}/u, 'el'],
  [/\p{Script=Georgian}/u, 'ka'],
  [/\p{Script=Armenian}/u, 'hy'],
];
/** Languages with a sentiment model or lexicon (see sentiment.ts). */
export const PREFERRED_LANGUAGES = ['ar', 'de', 'en', 'es', 'fr', 'he', 'it', 'pl', 'pt', 'tr', 'zh'] as const;
const PREFERRED = new Set<string>(PREFERRED_LANGUAGES);
const NEAR_TOP = 0.9;
/** Languages written in Arabic script that ELD tells apart from Arabic. */
const ARABIC_SCRIPT = new Set(['ar', 'fa', 'ur']);

/** Letters only: URLs, mentions, hashtags' #, digits and emoji say nothing about the language. */
const clean = (text: string) =>
  text.replace(/https?:\/\/\S+|www\.\S+|@\w+/g, ' ').replace(/[^\p{L}\p{M}'\s]/gu, ' ').replace(/\s+/g, ' ').trim();

function dominantScript(text: string): string | null {
  const counts = new Map<string, number>();
  let latinOrOther = 0;
  for (const ch of text) {
    if (!/\p{L}/u.test(ch)) continue;
    const hit = SCRIPTS.find(([re]) => re.test(ch));
    if (hit) counts.set(hit[1], (counts.get(hit[1]) ?? 0) + 1);
    else latinOrOther++;
  }
  // Japanese mixes kana with Han: any kana at all means Japanese.
  if ((counts.get('ja') ?? 0) > 0 && (counts.get('zh') ?? 0) + (counts.get('ja') ?? 0) >= latinOrOther) return 'ja';
  let best: string | null = null;
  let bestN = latinOrOther;
  for (const [lang, n] of counts) if (n > bestN) [best, bestN] = [lang, n];
  return best;
}

/** ISO 639-1 code of the text's language, or 'und' when there is nothing to tell it by. */
export function detectLanguage(text: string, options: DetectOptions = {}): string {
  const letters = clean(text);
  const hint = options.hint?.toLowerCase().split(/[-_]/)[0];
  if (!/\p{L}/u.test(letters)) return hint ?? UNDETERMINED;
  const script = dominantScript(letters);
  if (script && script !== 'ar') return script;
  const r = eld.detect(letters);
  if (script === 'ar') return ARABIC_SCRIPT.has(r.language) ? r.language : 'ar';
  if (r.isReliable() && r.language) return r.language;
  if (hint) return hint;
  // Unsure (short text, Turkish typed without ı/ş/ğ…): prefer a language we analyse when it is nearly
  // as likely as the top guess. Feedback to a shop mostly comes in the languages the shop serves.
  const scores = r.getScores();
  const top = scores[r.language] ?? 0;
  let best = r.language;
  let bestScore = PREFERRED.has(best) ? top : 0;
  for (const [lang, sc] of Object.entries(scores)) {
    if (PREFERRED.has(lang) && sc >= NEAR_TOP * top && sc > bestScore) [best, bestScore] = [lang, sc];
  }
  return best || UNDETERMINED;
}

/**
 * The language to analyse a text in: the detected one when sentiment and themes cover it; otherwise
 * the covered language ELD finds closest (a German tweet taken for Dutch or Tagalog is still read
 * with the German lexicon rather than with emoji alone). The detected language is still what is
 * reported.
 */
export function analysisLanguage(text: string, detected: string): string {
  if (PREFERRED.has(detected) || dominantScript(clean(text))) return detected;
  const letters = clean(text);
  if (!/\p{L}/u.test(letters)) return detected;
  let best = detected;
  let bestScore = 0;
  for (const [lang, sc] of Object.entries(eld.detect(letters).getScores())) {
    if (PREFERRED.has(lang) && sc > bestScore) [best, bestScore] = [lang, sc];
  }
  return best;
}
