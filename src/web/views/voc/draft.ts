import type { Question, QuestionType, SurveyDraft, Texts } from './types.ts';

export const QUESTION_TYPE_LABEL: Record<QuestionType, string> = {
  nps: 'NPS (0–10)', csat: 'CSAT (1–5)', ces: 'Effort, CES (1–7)', emotion: 'Emotion (5 faces)', choice: 'Choice', text: 'Free text',
};

/** Starting texts per type, in English; other languages are typed in their tabs. */
const STARTER: Record<QuestionType, string> = {
  nps: 'How likely are you to recommend us to a friend or colleague?',
  csat: 'How satisfied are you with your experience?',
  ces: 'How much effort did it take? (1 = very little, 7 = a lot)',
  emotion: 'How did this make you feel?',
  choice: 'What was the main reason?',
  text: 'What is the main reason for your answer?',
};

export const COMMON_LANGUAGES = ['en', 'de', 'es', 'fr', 'it', 'nl', 'pl', 'pt', 'tr', 'he', 'ar', 'zh', 'ja', 'ko', 'sv', 'uk'];

export const emptyDraft = (): SurveyDraft => ({
  name: '', languages: ['en'], defaultLanguage: 'en', status: 'active',
  questions: [{ id: 'nps', type: 'nps', required: true, text: { en: STARTER.nps } }],
});

/** An id not used yet: "nps", then "nps-2", "nps-3"… */
export function freeId(base: string, taken: readonly string[]): string {
  if (!taken.includes(base)) return base;
  for (let i = 2; ; i++) if (!taken.includes(`${base}-${i}`)) return `${base}-${i}`;
}

export function newQuestion(type: QuestionType, questions: readonly Question[], language: string): Question {
  const id = freeId(type === 'text' ? 'why' : type, questions.map((q) => q.id));
  const text: Texts = { [language]: language === 'en' ? STARTER[type] : '' };
  if (type === 'choice') return { id, type, text, choices: [{ id: 'a', text: { [language]: '' } }, { id: 'b', text: { [language]: '' } }] };
  return { id, type, text };
}

/** What the API takes: empty texts and empty optional parts left out, so its errors point at what is really missing. */
export function toInput(d: SurveyDraft): SurveyDraft {
  const clean = (t: Texts | undefined) => Object.fromEntries(Object.entries(t ?? {}).filter(([, v]) => v.trim()));
  const thankYou = clean(d.thankYou);
  return {
    ...d,
    name: d.name.trim(),
    questions: d.questions.map((q) => ({ ...q, text: clean(q.text), ...(q.choices ? { choices: q.choices.map((c) => ({ ...c, text: clean(c.text) })) } : {}) })),
    ...(Object.keys(thankYou).length ? { thankYou } : { thankYou: undefined }),
  };
}

/** "questions[1].text.he" → "Question 2, Hebrew text" — error paths in words. */
export function describePath(path: string | undefined, questions: readonly Question[]): string {
  if (!path) return 'Survey';
  const m = /^questions\[(\d+)\](?:\.(.*))?$/.exec(path);
  if (!m) return path;
  const q = questions[Number(m[1])];
  return `Question ${Number(m[1]) + 1}${q ? ` (${q.id})` : ''}${m[2] ? `, ${m[2].replace(/\./g, ' ')}` : ''}`;
}
