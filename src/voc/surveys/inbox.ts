import { z } from 'zod';
import type { Store } from '../../storage/store.ts';
import { dialectFn, raw, sql, type Sql } from '../../storage/sql.ts';
import { THEME_IDS, type ThemeId } from '../text/themes.ts';

/** Score bands a CX team reads feedback by: NPS groups, and CSAT below or at 4–5. */
export const SCORE_BANDS = ['detractor', 'passive', 'promoter', 'dissatisfied', 'satisfied'] as const;
const SENTIMENTS = ['negative', 'neutral', 'positive'] as const;

export const FeedbackQuerySchema = z.strictObject({
  surveyId: z.string().max(64).optional(),
  language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/).optional(),
  sentiment: z.enum(SENTIMENTS).optional(),
  theme: z.enum(THEME_IDS as [ThemeId, ...ThemeId[]]).optional(),
  touchpoint: z.string().max(64).optional(),
  band: z.enum(SCORE_BANDS).optional(),
  /** Words in the comment (case-insensitive substring). */
  q: z.string().trim().max(200).optional(),
  /** Only responses with a comment (the inbox default). */
  comments: z.enum(['only', 'all']).default('only'),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(25),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type FeedbackQuery = z.output<typeof FeedbackQuerySchema>;

const BAND_SQL: Record<(typeof SCORE_BANDS)[number], Sql> = {
  detractor: raw('nps <= 6'), passive: raw('nps BETWEEN 7 AND 8'), promoter: raw('nps >= 9'),
  dissatisfied: raw('csat <= 3'), satisfied: raw('csat >= 4'),
};

export interface FeedbackItem {
  responseId: string; surveyId: string; customerId: string | null; language: string | null; touchpoint: string | null; stage: string | null;
  channel: string | null; persona: string | null; nps: number | null; csat: number | null; ces: number | null; emotion: number | null;
  comment: string | null; analysis: { language: string; sentiment: { label: string; score: number }; themes: { id: string; label: string; sentiment?: { label: string; score: number } }[] } | null;
  submittedAt: string;
}

/** `LIKE` pattern for a literal substring: `%` and `_` in what the user typed match only themselves. */
const contains = (s: string) => `%${s.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The feedback inbox: responses newest first, filtered by survey, language, comment sentiment and
 * theme, touchpoint, score band and words, with the total for paging and the languages and
 * touchpoints present (for the filter lists).
 */
export async function listFeedback(store: Store, workspaceId: string, q: FeedbackQuery) {
  const sentiment = dialectFn((d) => d.jsonText(raw('text_analysis'), ['sentiment', 'label']));
  const scope = sql`workspace_id = ${workspaceId} ${q.surveyId ? sql`AND survey_id = ${q.surveyId}` : sql``}
    ${q.from ? sql`AND submitted_at >= ${new Date(q.from)}` : sql``} ${q.to ? sql`AND submitted_at < ${new Date(q.to)}` : sql``}
    ${q.comments === 'only' ? sql`AND comment IS NOT NULL` : sql``}`;
  const where = sql`${scope}
    ${q.language ? sql`AND language = ${q.language}` : sql``}
    ${q.sentiment ? sql`AND ${sentiment} = ${q.sentiment}` : sql``}
    ${q.theme ? sql`AND CAST(text_analysis AS VARCHAR) LIKE ${`%"${q.theme}"%`}` : sql``}
    ${q.touchpoint ? sql`AND touchpoint_id = ${q.touchpoint}` : sql``}
    ${q.band ? sql`AND ${BAND_SQL[q.band]}` : sql``}
    ${q.q ? sql`AND lower(comment) LIKE ${contains(q.q)} ESCAPE '\\'` : sql``}`;
  // A theme id is a closed-list word that, quoted, appears in the stored analysis only as a theme's id.
  const rows = await store.query<Record<string, unknown>>(sql`
    SELECT response_id, survey_id, customer_id, language, touchpoint_id, stage_id, channel, persona, nps, csat, ces, emotion, comment, text_analysis, submitted_at
    FROM survey_responses WHERE ${where} ORDER BY submitted_at DESC, response_id LIMIT ${q.limit} OFFSET ${q.offset}`);
  const [total] = await store.query<{ n: number }>(sql`SELECT count(*) AS n FROM survey_responses WHERE ${where}`);
  const languages = await store.query<{ value: string; n: number }>(sql`
    SELECT language AS value, count(*) AS n FROM survey_responses WHERE ${scope} AND language IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1`);
  const touchpoints = await store.query<{ value: string; n: number }>(sql`
    SELECT touchpoint_id AS value, count(*) AS n FROM survey_responses WHERE ${scope} AND touchpoint_id IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1`);
  const items: FeedbackItem[] = rows.map((r) => ({
    responseId: String(r.response_id), surveyId: String(r.survey_id), customerId: (r.customer_id as string) ?? null,
    language: (r.language as string) ?? null, touchpoint: (r.touchpoint_id as string) ?? null, stage: (r.stage_id as string) ?? null,
    channel: (r.channel as string) ?? null, persona: (r.persona as string) ?? null,
    nps: num(r.nps), csat: num(r.csat), ces: num(r.ces), emotion: num(r.emotion), comment: (r.comment as string) ?? null,
    analysis: r.text_analysis ? JSON.parse(String(r.text_analysis)) : null, submittedAt: (r.submitted_at as Date).toISOString(),
  }));
  return {
    responses: items, total: Number(total?.n ?? 0), limit: q.limit, offset: q.offset,
    facets: { languages: languages.map((l) => ({ value: l.value, n: Number(l.n) })), touchpoints: touchpoints.map((t) => ({ value: t.value, n: Number(t.n) })) },
  };
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
