import { z } from 'zod';

/**
 * A survey: questions in any number of languages, optional logic, and a trigger at a touchpoint.
 * Scales as DESIGN.md: nps 0–10, csat 1–5, ces 1–7, emotion 1–5 (faces), choice, text.
 */
export const QUESTION_TYPES = ['nps', 'csat', 'ces', 'emotion', 'choice', 'text'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const SCALES: Record<'nps' | 'csat' | 'ces' | 'emotion', { min: number; max: number }> = {
  nps: { min: 0, max: 10 }, csat: { min: 1, max: 5 }, ces: { min: 1, max: 7 }, emotion: { min: 1, max: 5 },
};

const Lang = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, { message: 'must be a language code such as "en", "he" or "pt-BR"' });
/** `{en: "…", he: "…"}`: one text per language. */
export const LocalizedText = z.record(Lang, z.string().trim().min(1).max(2000)).refine((t) => Object.keys(t).length > 0, { message: 'needs a text in at least one language' });
export type LocalizedText = z.infer<typeof LocalizedText>;

const Id = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, { message: 'must be lowercase letters, digits, "-" or "_" (e.g. "nps")' });

/** Show a question only when an earlier score falls in a band, e.g. a "why?" text for detractors. */
export const ShowIf = z.strictObject({
  question: Id,
  min: z.number().optional(),
  max: z.number().optional(),
  /** For choice questions: shown when any of these choices was picked. */
  anyOf: z.array(z.string()).optional(),
});

export const QuestionSchema = z.strictObject({
  id: Id,
  type: z.enum(QUESTION_TYPES),
  text: LocalizedText,
  required: z.boolean().default(false),
  choices: z.array(z.strictObject({ id: Id, text: LocalizedText })).min(2).max(20).optional(),
  multiple: z.boolean().optional(),
  showIf: ShowIf.optional(),
  /**
   * Marks a choice question as the survey's success question ("Did you get done what you came for?"):
   * the choices that mean yes. Per-touchpoint success (experience.ts) is the share of answers that
   * picked one of them.
   */
  success: z.array(Id).min(1).optional(),
}).superRefine((q, ctx) => {
  if (q.success && q.type !== 'choice') ctx.addIssue({ code: 'custom', path: ['success'], message: 'only a choice question can be a success question' });
  const unknown = q.success?.filter((c) => !q.choices?.some((x) => x.id === c)) ?? [];
  if (q.type === 'choice' && unknown.length) ctx.addIssue({ code: 'custom', path: ['success'], message: `not choices of this question: ${unknown.join(', ')}` });
  if (q.type === 'choice' && !q.choices) ctx.addIssue({ code: 'custom', path: ['choices'], message: 'a choice question needs choices' });
  if (q.type !== 'choice' && q.choices) ctx.addIssue({ code: 'custom', path: ['choices'], message: `a ${q.type} question has no choices` });
});
export type Question = z.infer<typeof QuestionSchema>;

export const TriggerSchema = z.strictObject({
  event: z.string().min(1).max(200).optional(),
  touchpoint: Id.optional(),
  delayMinutes: z.number().min(0).max(60 * 24 * 30).default(0),
  samplePercent: z.number().min(0).max(100).default(100),
  /** No customer is asked again (by any survey) within this many days. */
  recontactDays: z.number().int().min(0).max(3650).default(30),
}).refine((t) => Boolean(t.event) !== Boolean(t.touchpoint), { message: 'give exactly one of event or touchpoint' });
export type Trigger = z.infer<typeof TriggerSchema>;

export const SURVEY_STATUSES = ['active', 'paused', 'closed'] as const;

export const SurveyInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  languages: z.array(Lang).min(1).max(50).optional(),
  defaultLanguage: Lang.optional(),
  questions: z.array(QuestionSchema).min(1).max(30),
  trigger: TriggerSchema.optional(),
  status: z.enum(SURVEY_STATUSES).default('active'),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
  thankYou: LocalizedText.optional(),
  /** Journey the trigger's touchpoint belongs to (default: the primary journey). */
  journey: z.string().max(64).optional(),
}).superRefine((s, ctx) => {
  const ids = new Set<string>();
  s.questions.forEach((q, i) => {
    if (ids.has(q.id)) ctx.addIssue({ code: 'custom', path: ['questions', i, 'id'], message: `duplicate question id "${q.id}"` });
    if (q.showIf && !ids.has(q.showIf.question)) {
      ctx.addIssue({ code: 'custom', path: ['questions', i, 'showIf', 'question'], message: `must name an earlier question, not "${q.showIf.question}"` });
    }
    ids.add(q.id);
    const langs = s.languages ?? ['en'];
    for (const lang of langs) {
      if (!q.text[lang]) ctx.addIssue({ code: 'custom', path: ['questions', i, 'text', lang], message: `missing the "${lang}" text (languages: ${langs.join(', ')})` });
    }
  });
  if (s.defaultLanguage && s.languages && !s.languages.includes(s.defaultLanguage)) {
    ctx.addIssue({ code: 'custom', path: ['defaultLanguage'], message: 'must be one of languages' });
  }
});
export type SurveyInput = z.infer<typeof SurveyInputSchema>;

export interface Survey extends SurveyInput {
  id: string;
  languages: string[];
  defaultLanguage: string;
  createdAt: string;
  updatedAt: string;
}

/** Right-to-left scripts: the link page and widget set `dir="rtl"` for these. */
export const RTL_LANGUAGES = new Set(['he', 'ar', 'fa', 'ur', 'yi']);
export const isRtl = (lang: string) => RTL_LANGUAGES.has(lang.split('-')[0]);
