/**
 * Text analytics for customer feedback: language, sentiment and themes. The same analysis serves
 * `POST /api/v1/text/analyze` and every survey text answer.
 *
 * @example
 *   analyzeText('Szybka dostawa, ale obsługa klienta nie odpisuje.')
 *   // → { language: 'pl', sentiment: { label: 'negative', score: -0.38 },
 *   //     themes: [{ id: 'delivery', label: 'Delivery', sentiment: { label: 'positive', score: 0.462 } },
 *   //              { id: 'support', label: 'Customer support', sentiment: { label: 'negative', score: -0.604 } }] }
 */
import { analysisLanguage, detectLanguage, type DetectOptions } from './language.ts';
import { textTokens } from './normalize.ts';
import { sentimentOfTokens, type Sentiment } from './sentiment.ts';
import { findThemeMentions, themeLabel, type ThemeId } from './themes.ts';

export interface ThemeResult {
  id: ThemeId;
  label: string;
  sentiment: Sentiment;
}

export interface TextAnalysis {
  /** ISO 639-1, or 'und' when it cannot be told. */
  language: string;
  sentiment: Sentiment;
  themes: ThemeResult[];
}

export type AnalyzeOptions = DetectOptions;

/** Texts longer than this are analysed on their first part only (keeps the cost per text bounded). */
export const MAX_ANALYZED_CHARS = 5_000;

const sentimentOnly = (s: Sentiment): Sentiment => ({ label: s.label, score: s.score });

/** Clauses as [start, end) token ranges: split at punctuation ("|") and at contrast words. */
function clauses(tokens: readonly string[], contrasts: readonly number[]): [number, number][] {
  const cuts = new Set(contrasts);
  const out: [number, number][] = [];
  let start = 0;
  for (let i = 0; i <= tokens.length; i++) {
    if (i === tokens.length || tokens[i] === '|' || (cuts.has(i) && i > start)) {
      if (i > start) out.push([start, i]);
      start = tokens[i] === '|' ? i + 1 : i;
    }
  }
  return out;
}

export function analyzeText(text: string, options: AnalyzeOptions = {}): TextAnalysis {
  const body = text.length > MAX_ANALYZED_CHARS ? text.slice(0, MAX_ANALYZED_CHARS) : text;
  const language = detectLanguage(body, options);
  // Detection reads the raw text; tokens are folded once the language to read it in is known.
  const readAs = analysisLanguage(body, language);
  const tokens = textTokens(body, readAs);
  const overall = sentimentOfTokens(readAs, tokens);
  const mentions = findThemeMentions(readAs, tokens);
  const themes: ThemeResult[] = [];
  if (mentions.size > 0) {
    const ranges = clauses(tokens, overall.lexicon.contrasts);
    for (const [id, at] of mentions) {
      const own = ranges.filter(([s, e]) => at.some((i) => i >= s && i < e));
      const clauseTokens = own.flatMap(([s, e], k) => (k === 0 ? tokens.slice(s, e) : ['|', ...tokens.slice(s, e)]));
      const local = sentimentOfTokens(readAs, clauseTokens);
      // "Delivery took nine days. Terrible." — a clause with no sentiment of its own takes the text's.
      const sentiment = local.noEvidence || own.length === ranges.length ? overall : local;
      themes.push({ id, label: themeLabel(id), sentiment: sentimentOnly(sentiment) });
    }
  }
  return { language, sentiment: sentimentOnly(overall), themes };
}

export function analyzeTexts(texts: readonly string[], options: AnalyzeOptions = {}): TextAnalysis[] {
  return texts.map((t) => analyzeText(t, options));
}
