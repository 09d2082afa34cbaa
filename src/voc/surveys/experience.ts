/**
 * Success, effort and emotion per touchpoint (or stage): the three parts of a good experience, side by
 * side with NPS and CSAT, each with its sample size and a 95 % interval.
 *
 * - **effort**: CES (1–7) mean of the responses asked there; **emotion**: the 1–5 face answer mean.
 * - **success**, two readings, and `score` is the first that has data:
 *   - `reported`: share of answers to a success question (a choice question with `success` choices,
 *     e.g. "Did you get done what you came for?" → yes) that picked a success choice (Wilson interval);
 *   - `journey` (behaviour, from the journey map over the same range): for a touchpoint, the share of
 *     customers who met it while in its stage and then reached a later stage; for a stage, the share of
 *     its entrants who reached the stage goal (`basis: "goal"`), or a later stage when it has no goal
 *     metric (`basis: "next-stage"`). Null in the last stage without a goal.
 * Responses count where they were asked (`touchpoint_id` / `stage_id` when they arrived).
 */
import { z } from 'zod';
import { runJourneyMap } from '../../analytics/journey-map/index.ts';
import type { Services } from '../../api/services.ts';
import { ApiError } from '../../api/errors.ts';
import { raw, sql } from '../../storage/sql.ts';
import { csatScore, meanScore, npsScore } from './metrics-math.ts';

export const ExperienceQuerySchema = z.strictObject({
  surveyId: z.string().max(64).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  by: z.enum(['touchpoint', 'stage']).default('touchpoint'),
  /** Journey whose touchpoints and stages are listed (default: the primary journey). */
  journey: z.string().max(64).optional(),
});
export type ExperienceQuery = z.input<typeof ExperienceQuerySchema>;

type Interval = { score: number | null; n: number; ci: [number, number] | null };
type Behaviour = Interval & { basis: 'goal' | 'next-stage' };
export interface ExperienceGroup {
  value: string;
  name: string | null;
  stage: string | null;
  responses: number;
  success: { score: number | null; source: 'survey' | 'journey' | null; reported: Interval; journey: Behaviour | null };
  effort: Interval;
  emotion: Interval;
  nps: ReturnType<typeof npsScore>;
  csat: Interval;
}

interface Row { grp: string; n: number; hi: number; mid: number; lo: number; csat_n: number; csat_hi: number; ces_n: number; ces_s: number; ces_ss: number; emo_n: number; emo_s: number; emo_ss: number }

export async function experienceScores(services: Services, workspaceId: string, q: z.output<typeof ExperienceQuerySchema>) {
  const stored = q.journey ? await services.journeys.get(workspaceId, q.journey) : await services.journeys.primary(workspaceId);
  if (q.journey && !stored) throw new ApiError('not_found', `No journey "${q.journey}".`);
  const col = raw(q.by === 'touchpoint' ? 'touchpoint_id' : 'stage_id');
  const where = sql`workspace_id = ${workspaceId} AND ${col} IS NOT NULL
    ${q.surveyId ? sql`AND survey_id = ${q.surveyId}` : sql``}
    ${q.from ? sql`AND submitted_at >= ${new Date(q.from)}` : sql``}
    ${q.to ? sql`AND submitted_at < ${new Date(q.to)}` : sql``}`;
  const rows = await services.store.query<Row>(sql`
    SELECT ${col} AS grp, count(*) AS n,
      count(*) FILTER (WHERE nps >= 9) AS hi, count(*) FILTER (WHERE nps BETWEEN 7 AND 8) AS mid, count(*) FILTER (WHERE nps <= 6) AS lo,
      count(csat) AS csat_n, count(*) FILTER (WHERE csat >= 4) AS csat_hi,
      count(ces) AS ces_n, coalesce(sum(ces), 0) AS ces_s, coalesce(sum(ces * ces), 0) AS ces_ss,
      count(emotion) AS emo_n, coalesce(sum(emotion), 0) AS emo_s, coalesce(sum(emotion * emotion), 0) AS emo_ss
    FROM survey_responses WHERE ${where} GROUP BY 1`);
  const reported = await reportedSuccess(services, workspaceId, q, where, col);
  const behaviour = stored ? (await journeySuccess(services, workspaceId, stored, q))[q.by] : new Map<string, Behaviour>();

  // Every touchpoint (or stage) of the journey in its order, then places only responses name.
  const places: { value: string; name: string | null; stage: string | null }[] = [];
  for (const st of stored?.journey.stages ?? []) {
    if (q.by === 'stage') places.push({ value: st.id, name: st.name, stage: st.id });
    else for (const tp of st.touchpoints) places.push({ value: tp.id, name: tp.name, stage: st.id });
  }
  const byValue = new Map(rows.map((r) => [String(r.grp), r]));
  for (const r of rows) if (!places.some((p) => p.value === String(r.grp))) places.push({ value: String(r.grp), name: null, stage: null });

  const groups: ExperienceGroup[] = places.map((p) => {
    const r = byValue.get(p.value);
    const num = (x: unknown) => Number(x ?? 0);
    const rep = reported.get(p.value) ?? { yes: 0, n: 0 };
    const repScore = csatScore(rep.yes, rep.n);
    const journey = behaviour.get(p.value) ?? null;
    const source = rep.n > 0 ? 'survey' : journey && journey.score !== null ? 'journey' : null;
    return {
      ...p,
      responses: num(r?.n),
      success: { score: source === 'survey' ? repScore.score : source === 'journey' ? journey!.score : null, source, reported: repScore, journey },
      effort: meanScore(num(r?.ces_s), num(r?.ces_ss), num(r?.ces_n)),
      emotion: meanScore(num(r?.emo_s), num(r?.emo_ss), num(r?.emo_n)),
      nps: npsScore(num(r?.hi), num(r?.mid), num(r?.lo)),
      csat: csatScore(num(r?.csat_hi), num(r?.csat_n)),
    };
  });
  return { by: q.by, journey: stored ? { id: stored.journey.id, version: stored.version } : null, groups };
}

/** Answers to success questions per place: how many, and how many picked a success choice. */
async function reportedSuccess(services: Services, workspaceId: string, q: { surveyId?: string }, where: ReturnType<typeof sql>, col: ReturnType<typeof raw>) {
  const surveys = (await services.surveys.list(workspaceId)).filter((s) => !q.surveyId || s.id === q.surveyId);
  const successQuestions = new Map(surveys.map((s) => [s.id, s.questions.filter((x) => x.success)] as const).filter(([, qs]) => qs.length > 0));
  const out = new Map<string, { yes: number; n: number }>();
  if (successQuestions.size === 0) return out;
  const rows = await services.store.query<{ grp: string; survey_id: string; answers: string }>(sql`
    SELECT ${col} AS grp, survey_id, answers FROM survey_responses
    WHERE ${where} AND survey_id IN (SELECT unnest(${[...successQuestions.keys()]}))`);
  for (const r of rows) {
    const answers = JSON.parse(r.answers) as Record<string, unknown>;
    // One success reading per response: its first answered success question.
    const question = successQuestions.get(r.survey_id)!.find((x) => answers[x.id] !== undefined);
    if (!question) continue;
    const picked = ([] as unknown[]).concat(answers[question.id]);
    const c = out.get(r.grp) ?? { yes: 0, n: 0 };
    c.n++;
    if (picked.some((x) => question.success!.includes(String(x)))) c.yes++;
    out.set(r.grp, c);
  }
  return out;
}

/** Behavioural success per touchpoint and stage, from the journey map over the same range. */
async function journeySuccess(services: Services, workspaceId: string, stored: NonNullable<Awaited<ReturnType<Services['journeys']['get']>>>, q: { from?: string; to?: string }) {
  const map = await runJourneyMap(services.store, workspaceId, { journey: stored.journey, version: stored.version, from: q.from, to: q.to });
  const out = { stage: new Map<string, Behaviour>(), touchpoint: new Map<string, Behaviour>() };
  const share = (k: number, n: number, basis: Behaviour['basis']): Behaviour => ({ ...csatScore(k, n), basis });
  for (const st of map.stages) {
    if (st.goal?.reached !== null && st.goal?.reached !== undefined) out.stage.set(st.id, share(Math.round(st.goal.reached * st.reach), st.reach, 'goal'));
    else if (st.conversionToNext !== null) out.stage.set(st.id, share(st.advanced, st.reach, 'next-stage'));
    for (const tp of st.touchpoints) {
      if (tp.conversionToNextStage !== null) out.touchpoint.set(tp.id, share(Math.round(tp.conversionToNextStage * tp.inStage), tp.inStage, 'next-stage'));
    }
  }
  return out;
}
