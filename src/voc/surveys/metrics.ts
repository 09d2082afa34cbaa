import { z } from 'zod';
import { dialectFn, raw, sql, type Sql } from '../../storage/sql.ts';
import type { Store } from '../../storage/store.ts';
import { csatScore, meanScore, npsScore } from './metrics-math.ts';

export const METRIC_KINDS = ['nps', 'csat', 'ces', 'emotion'] as const;
export type MetricKind = (typeof METRIC_KINDS)[number];
export const METRIC_DIMENSIONS = ['touchpoint', 'stage', 'persona', 'channel', 'day', 'week', 'language'] as const;

export const MetricsQuerySchema = z.strictObject({
  surveyId: z.string().max(64).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  by: z.enum(METRIC_DIMENSIONS).optional(),
  /** Compare the last N days with the N days before, with a significance test: `7d`, `30d`. */
  compare: z.string().regex(/^\d{1,3}d$/, { message: 'must be a number of days such as "7d"' }).optional(),
});
export type MetricsQuery = z.infer<typeof MetricsQuerySchema>;

const DIMENSION_SQL: Record<(typeof METRIC_DIMENSIONS)[number], Sql> = {
  touchpoint: raw('touchpoint_id'), stage: raw('stage_id'), persona: raw('persona'), channel: raw('channel'), language: raw('language'),
  day: dialectFn((d) => d.truncate('day', raw('submitted_at'))),
  week: dialectFn((d) => d.truncate('week', raw('submitted_at'))),
};

interface Row { grp: unknown; n: number; hi: number; mid: number; lo: number; s: number; ss: number }

/** What each kind counts: NPS promoters/passives/detractors, CSAT 4–5 answers, CES sum and squares. */
function aggregates(kind: MetricKind): Sql {
  const col = raw(kind);
  switch (kind) {
    case 'nps': return sql`count(${col}) AS n, count(*) FILTER (WHERE ${col} >= 9) AS hi, count(*) FILTER (WHERE ${col} BETWEEN 7 AND 8) AS mid, count(*) FILTER (WHERE ${col} <= 6) AS lo, 0 AS s, 0 AS ss`;
    case 'csat': return sql`count(${col}) AS n, count(*) FILTER (WHERE ${col} >= 4) AS hi, 0 AS mid, 0 AS lo, 0 AS s, 0 AS ss`;
    case 'ces': case 'emotion': return sql`count(${col}) AS n, 0 AS hi, 0 AS mid, 0 AS lo, coalesce(sum(${col}), 0) AS s, coalesce(sum(${col} * ${col}), 0) AS ss`;
  }
}

function score(kind: MetricKind, r: Row) {
  switch (kind) {
    case 'nps': return npsScore(r.hi, r.mid, r.lo);
    case 'csat': return csatScore(r.hi, r.n);
    case 'ces': case 'emotion': return meanScore(Number(r.s), Number(r.ss), r.n);
  }
}

/** A score over all (complete or partial) answers to that question, with n and a 95 % interval, and per group. */
export async function surveyMetric(store: Store, workspaceId: string, kind: MetricKind, q: MetricsQuery) {
  const where = sql`workspace_id = ${workspaceId} AND ${raw(kind)} IS NOT NULL
    ${q.surveyId ? sql`AND survey_id = ${q.surveyId}` : sql``}
    ${q.from ? sql`AND submitted_at >= ${new Date(q.from)}` : sql``}
    ${q.to ? sql`AND submitted_at < ${new Date(q.to)}` : sql``}`;
  // With a breakdown, one GROUP BY scan; every aggregate is a count or a sum, so the total is the sum
  // of the groups (no second scan).
  const dim = q.by ? DIMENSION_SQL[q.by] : null;
  const rows = await store.query<Row>(dim
    ? sql`SELECT ${dim} AS grp, ${aggregates(kind)} FROM survey_responses WHERE ${where} GROUP BY 1 ORDER BY 1`
    : sql`SELECT NULL AS grp, ${aggregates(kind)} FROM survey_responses WHERE ${where}`);
  const total: Row = { grp: null, n: 0, hi: 0, mid: 0, lo: 0, s: 0, ss: 0 };
  for (const r of rows) for (const k of ['n', 'hi', 'mid', 'lo', 's', 'ss'] as const) total[k] += Number(r[k]);
  const result: Record<string, unknown> = { metric: kind, ...score(kind, total) };
  if (q.compare) {
    const days = Number(q.compare.slice(0, -1));
    const end = q.to ? Date.parse(q.to) : Date.now();
    const window = (from: number, to: number) => store.query<Row>(sql`SELECT NULL AS grp, ${aggregates(kind)} FROM survey_responses
      WHERE workspace_id = ${workspaceId} AND ${raw(kind)} IS NOT NULL ${q.surveyId ? sql`AND survey_id = ${q.surveyId}` : sql``}
        AND submitted_at >= ${new Date(from)} AND submitted_at < ${new Date(to)}`);
    const [cur] = await window(end - days * 86_400_000, end);
    const [prev] = await window(end - 2 * days * 86_400_000, end - days * 86_400_000);
    result.comparison = compareScores(kind, cur, prev);
  }
  if (q.by) {
    result.by = q.by;
    result.groups = rows
      .map((r) => ({ value: r.grp instanceof Date ? r.grp.toISOString().slice(0, 10) : r.grp, ...score(kind, r) }));
  }
  return result;
}

/**
 * Whether the score changed significantly between two periods: a two-sample z-test whose standard
 * error is computed under the null hypothesis from both periods pooled (so it also works when one
 * period has no spread, e.g. all promoters).
 */
function compareScores(kind: MetricKind, cur: Row, prev: Row) {
  const current = score(kind, cur), previous = score(kind, prev);
  if (current.score === null || previous.score === null) return { metric: kind, current, previous, difference: null, z: null, significant: false };
  const n1 = cur.n, n2 = prev.n, n = n1 + n2;
  let perResponseVariance: number;
  if (kind === 'nps') {
    const p = (cur.hi + prev.hi) / n, d = (cur.lo + prev.lo) / n;
    perResponseVariance = (p + d - (p - d) ** 2) * 100 * 100;
  } else if (kind === 'csat') {
    const p = (cur.hi + prev.hi) / n;
    perResponseVariance = p * (1 - p) * 100 * 100;
  } else {
    const mean = (Number(cur.s) + Number(prev.s)) / n;
    perResponseVariance = n > 1 ? Math.max(0, (Number(cur.ss) + Number(prev.ss) - n * mean * mean) / (n - 1)) : 0;
  }
  const se = Math.sqrt(perResponseVariance * (1 / n1 + 1 / n2));
  const difference = Math.round((current.score - previous.score) * 100) / 100;
  const z = se > 0 ? Math.round((difference / se) * 100) / 100 : null;
  return { metric: kind, current, previous, difference, z, significant: z !== null && Math.abs(z) >= 1.96 };
}
