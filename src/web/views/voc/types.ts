/** Shapes of the Listen API as the VoC view reads them (docs/api.md, "Surveys and text"). */
export type MetricKind = 'nps' | 'csat' | 'ces';
export type Ci = [number, number] | null;

export interface MetricGroup { value: string | null; score: number | null; n: number; ci: Ci; promoters?: number; passives?: number; detractors?: number }
export interface Metric {
  metric: MetricKind; score: number | null; n: number; ci: Ci; promoters?: number; passives?: number; detractors?: number;
  by?: string; groups?: MetricGroup[];
  comparison?: { current: MetricGroup; previous: MetricGroup; difference: number | null; z: number | null; significant: boolean };
}

export interface ThemeImpactRow { theme: string; label: string; mentioning: MetricGroup; others: MetricGroup; difference: number | null; negativeShare: number }
export interface ThemeImpact { overall: MetricGroup; themes: ThemeImpactRow[] }

export interface Analysis { language: string; sentiment: { label: string; score: number }; themes: { id: string; label: string; sentiment?: { label: string; score: number } }[] }
export interface FeedbackItem {
  responseId: string; surveyId: string; customerId: string | null; language: string | null; touchpoint: string | null; stage: string | null;
  channel: string | null; persona: string | null; nps: number | null; csat: number | null; ces: number | null; emotion: number | null;
  comment: string | null; analysis: Analysis | null; submittedAt: string;
}
export interface FeedbackPage { responses: FeedbackItem[]; total: number; limit: number; offset: number; facets: { languages: { value: string; n: number }[]; touchpoints: { value: string; n: number }[] } }

export type QuestionType = 'nps' | 'csat' | 'ces' | 'emotion' | 'choice' | 'text';
export type Texts = Record<string, string>;
export interface Question {
  id: string; type: QuestionType; text: Texts; required?: boolean;
  choices?: { id: string; text: Texts }[]; multiple?: boolean;
  showIf?: { question: string; min?: number; max?: number; anyOf?: string[] };
}
export interface Trigger { event?: string; touchpoint?: string; delayMinutes?: number; samplePercent?: number; recontactDays?: number }
export interface SurveyDraft {
  name: string; languages: string[]; defaultLanguage?: string; questions: Question[]; trigger?: Trigger;
  status: 'active' | 'paused' | 'closed'; expiresAt?: string; thankYou?: Texts;
}
export interface Survey extends SurveyDraft {
  id: string; defaultLanguage: string; createdAt: string; updatedAt: string;
  /** Only in the list (GET /api/v1/surveys). */
  responseCount?: { total: number; complete: number; lastAt: string | null };
}

/** Scales as the server defines them (src/voc/surveys/definition.ts). */
export const SCALES: Record<'nps' | 'csat' | 'ces' | 'emotion', { min: number; max: number }> = {
  nps: { min: 0, max: 10 }, csat: { min: 1, max: 5 }, ces: { min: 1, max: 7 }, emotion: { min: 1, max: 5 },
};
export const RTL = new Set(['he', 'ar', 'fa', 'ur', 'yi']);
export const isRtl = (lang: string) => RTL.has(lang.split('-')[0]);

export const LANGUAGE_NAMES: Record<string, string> = {
  en: 'English', de: 'German', es: 'Spanish', fr: 'French', pl: 'Polish', pt: 'Portuguese', he: 'Hebrew', ar: 'Arabic',
  zh: 'Chinese', tr: 'Turkish', it: 'Italian', nl: 'Dutch', ja: 'Japanese', ko: 'Korean', sv: 'Swedish', uk: 'Ukrainian', ru: 'Russian',
};
export const languageName = (code: string | null | undefined) => (code ? LANGUAGE_NAMES[code.split('-')[0]] ?? code : '–');

export const THEME_OPTIONS: { id: string; label: string }[] = [
  { id: 'delivery', label: 'Delivery' }, { id: 'price', label: 'Price' }, { id: 'payment', label: 'Payment' },
  { id: 'returns', label: 'Returns & refunds' }, { id: 'support', label: 'Customer support' }, { id: 'product', label: 'Product quality' },
  { id: 'usability', label: 'Website & app usability' }, { id: 'checkout', label: 'Checkout' }, { id: 'availability', label: 'Stock & availability' },
  { id: 'communication', label: 'Communication' },
];
