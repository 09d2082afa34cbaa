import { parseWith } from '../../api/validate.ts';
import { SurveyInputSchema, type Survey } from './definition.ts';
import { linkPage, pickLanguage } from './link-page.ts';

type Texts = Record<string, unknown>;

/**
 * A draft is previewed while it is being written: a language added a moment ago has no texts yet.
 * Those show the default language's text (what the live page does for a missing translation), and a
 * question with no text at all shows "…", so the preview never goes blank mid-edit.
 */
function fillMissingTexts(draft: Record<string, unknown>): Record<string, unknown> {
  const languages = Array.isArray(draft.languages) && draft.languages.length ? draft.languages.map(String) : ['en'];
  const fallback = typeof draft.defaultLanguage === 'string' ? draft.defaultLanguage : languages[0];
  const fill = (t: unknown): Texts => {
    const texts = (t && typeof t === 'object' ? { ...(t as Texts) } : {}) as Texts;
    const first = [texts[fallback], ...Object.values(texts)].find((v) => typeof v === 'string' && v.trim()) ?? '…';
    for (const l of languages) if (typeof texts[l] !== 'string' || !(texts[l] as string).trim()) texts[l] = first;
    return texts;
  };
  const questions = Array.isArray(draft.questions) ? draft.questions.map((q) => {
    if (!q || typeof q !== 'object') return q;
    const question = q as Record<string, unknown>;
    const choices = Array.isArray(question.choices) ? question.choices.map((c) => (c && typeof c === 'object' ? { ...c, text: fill((c as Texts).text) } : c)) : question.choices;
    return { ...question, text: fill(question.text), ...(choices ? { choices } : {}) };
  }) : draft.questions;
  const name = typeof draft.name === 'string' && draft.name.trim() ? draft.name : 'Untitled survey';
  return { ...draft, name, questions, ...(draft.thankYou ? { thankYou: fill(draft.thankYou) } : {}) };
}

/**
 * The survey builder's live preview: the real link page (`linkPage`) for a draft, in one language,
 * in preview mode (it sends nothing). Anything else wrong with the draft is a 400 that names the field.
 */
export function previewPage(draft: unknown, lang: string | undefined): string {
  const { id: _id, createdAt: _c, updatedAt: _u, ...rest } = (draft && typeof draft === 'object' ? draft : {}) as Record<string, unknown>;
  const input = parseWith(SurveyInputSchema, fillMissingTexts(rest), 'survey');
  const languages = input.languages ?? ['en'];
  const now = new Date().toISOString();
  const survey: Survey = { ...input, id: 'preview', languages, defaultLanguage: input.defaultLanguage ?? languages[0], createdAt: now, updatedAt: now };
  return linkPage(survey, '', pickLanguage(survey, lang, undefined), undefined, { preview: true });
}
