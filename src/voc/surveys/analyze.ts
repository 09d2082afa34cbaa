import type { Analyzer } from './responses.ts';

let analyzer: Analyzer | null | undefined;

/**
 * Sentiment, language and themes of a comment, from the text-analytics module (src/voc/text) once
 * loaded; null when that module is unavailable.
 */
export const analyzeComment: Analyzer = (text) => (analyzer ? analyzer(text) : null);

export async function loadAnalyzer(): Promise<void> {
  try {
    const mod = await import('../text/index.ts') as { analyzeText?: Analyzer };
    analyzer = mod.analyzeText ?? null;
  } catch {
    analyzer = null;
  }
}
