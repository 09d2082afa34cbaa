import { z } from 'zod';
import type { Store } from '../../storage/store.ts';
import { sql } from '../../storage/sql.ts';
import { THEMES } from '../text/themes.ts';
import { npsScore, type NpsScore } from './metrics-math.ts';

export const ThemeImpactQuerySchema = z.strictObject({
  surveyId: z.string().max(64).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

/** Enough to read a period's NPS responses at once; a workspace past this is sampled by recency. */
const MAX_ROWS = 100_000;

export interface ThemeImpact {
  theme: string;
  label: string;
  /** NPS of the responses whose comment mentions the theme. */
  mentioning: NpsScore;
  /** NPS of every other response (with or without a comment). */
  others: NpsScore;
  /** `mentioning − others`, in NPS points; negative when the theme comes with unhappier customers. */
  difference: number | null;
  negativeShare: number;
}

/**
 * How each comment theme goes with NPS: the score of customers who mention it against everyone else,
 * each with its 95 % interval, so "delivery" at −40 against +35 reads as the theme that costs most.
 */
export async function themeImpact(store: Store, workspaceId: string, q: z.output<typeof ThemeImpactQuerySchema>): Promise<{ overall: NpsScore; themes: ThemeImpact[] }> {
  const rows = await store.query<{ nps: number; text_analysis: string | null }>(sql`
    SELECT nps, text_analysis FROM survey_responses
    WHERE workspace_id = ${workspaceId} AND nps IS NOT NULL ${q.surveyId ? sql`AND survey_id = ${q.surveyId}` : sql``}
      ${q.from ? sql`AND submitted_at >= ${new Date(q.from)}` : sql``} ${q.to ? sql`AND submitted_at < ${new Date(q.to)}` : sql``}
    ORDER BY submitted_at DESC LIMIT ${MAX_ROWS}`);
  const band = (n: number) => (n >= 9 ? 0 : n >= 7 ? 1 : 2);
  const all = [0, 0, 0];
  const per = new Map<string, { counts: number[]; negative: number }>();
  for (const r of rows) {
    const b = band(Number(r.nps));
    all[b]++;
    const themes = r.text_analysis ? (JSON.parse(r.text_analysis).themes ?? []) as { id: string; sentiment?: { label: string } }[] : [];
    for (const t of themes) {
      const e = per.get(t.id) ?? { counts: [0, 0, 0], negative: 0 };
      e.counts[b]++;
      if (t.sentiment?.label === 'negative') e.negative++;
      per.set(t.id, e);
    }
  }
  const themes = THEMES.filter((t) => per.has(t.id)).map((t) => {
    const e = per.get(t.id)!;
    const mentioning = npsScore(e.counts[0], e.counts[1], e.counts[2]);
    const others = npsScore(all[0] - e.counts[0], all[1] - e.counts[1], all[2] - e.counts[2]);
    const difference = mentioning.score !== null && others.score !== null ? Math.round((mentioning.score - others.score) * 10) / 10 : null;
    return { theme: t.id, label: t.label, mentioning, others, difference, negativeShare: Math.round((e.negative / mentioning.n) * 1000) / 1000 };
  });
  themes.sort((a, b) => (a.difference ?? 0) - (b.difference ?? 0));
  return { overall: npsScore(all[0], all[1], all[2]), themes };
}
