/**
 * Themes: the recurring topics of customer feedback, found by multilingual keyword lists
 * (theme-keywords.ts). Each theme found gets the sentiment of the clauses that mention it, so
 * "fast delivery but rude support" gives delivery positive and support negative.
 */
import { PhraseMatcher } from './matcher.ts';
import { THEME_KEYWORDS } from './theme-keywords.ts';

export const THEMES = [
  { id: 'delivery', label: 'Delivery' },
  { id: 'price', label: 'Price' },
  { id: 'payment', label: 'Payment' },
  { id: 'returns', label: 'Returns & refunds' },
  { id: 'support', label: 'Customer support' },
  { id: 'product', label: 'Product quality' },
  { id: 'usability', label: 'Website & app usability' },
  { id: 'checkout', label: 'Checkout' },
  { id: 'availability', label: 'Stock & availability' },
  { id: 'communication', label: 'Communication' },
] as const;

export type ThemeId = (typeof THEMES)[number]['id'];
export const THEME_IDS: readonly ThemeId[] = THEMES.map((t) => t.id);
export const themeLabel = (id: ThemeId): string => THEMES.find((t) => t.id === id)!.label;
export const THEME_LANGUAGES: readonly string[] = Object.keys(THEME_KEYWORDS).sort();

const HEBREW_PREFIXES = ['ו', 'ה', 'ב', 'ל', 'מ', 'ש', 'כ'];
const matchers = new Map<string, PhraseMatcher<ThemeId>>();

/**
 * Keywords of the language plus English (loanwords such as "app", "online", "checkout" travel), all
 * folded as the language's texts are (normalize.ts, PRE_FOLD).
 */
function matcherFor(language: string): PhraseMatcher<ThemeId> {
  const key = THEME_KEYWORDS[language] ? language : 'en';
  let m = matchers.get(key);
  if (!m) {
    m = new PhraseMatcher<ThemeId>(key === 'he' ? HEBREW_PREFIXES : [], [], key);
    for (const lang of new Set([key, 'en'])) {
      for (const [id, list] of Object.entries(THEME_KEYWORDS[lang] ?? {})) m.addAll(list, id as ThemeId);
    }
    matchers.set(key, m);
  }
  return m;
}

/** Token indexes of each theme mentioned in folded tokens (`textTokens(text, language)`), in THEMES order. */
export function findThemeMentions(language: string, tokens: readonly string[]): Map<ThemeId, number[]> {
  const m = matcherFor(language);
  const found = new Map<ThemeId, number[]>();
  for (let i = 0; i < tokens.length; i++) {
    const hit = m.match(tokens, i);
    if (!hit) continue;
    const at = found.get(hit.entry.value);
    if (at) at.push(i);
    else found.set(hit.entry.value, [i]);
    i += hit.length - 1;
  }
  return new Map(THEME_IDS.filter((id) => found.has(id)).map((id) => [id, found.get(id)!]));
}
