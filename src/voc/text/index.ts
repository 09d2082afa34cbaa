/**
 * Text analytics for customer feedback: language detection, sentiment and themes.
 * See analyze.ts for the entry points and bench/sentiment for measured accuracy.
 */
export { analyzeText, analyzeTexts, MAX_ANALYZED_CHARS, type AnalyzeOptions, type TextAnalysis, type ThemeResult } from './analyze.ts';
export { detectLanguage, PREFERRED_LANGUAGES, UNDETERMINED, type DetectOptions } from './language.ts';
export { NEUTRAL_BAND, sentimentMethod, type Sentiment, type SentimentLabel, type SentimentMethod } from './sentiment.ts';
export { THEMES, THEME_IDS, THEME_LANGUAGES, type ThemeId } from './themes.ts';
export { LEXICON_LANGUAGES } from './lexicon/index.ts';
export { modelLanguages } from './model.ts';
