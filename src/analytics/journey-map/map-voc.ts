import { dialectFn, raw, sql, type Sql } from '../../storage/sql.ts';
import type { Store } from '../../storage/store.ts';
import { rangeFilter, type TimeRange } from '../common/time-range.ts';
import { csatScore, npsScore } from '../../voc/surveys/metrics-math.ts';
import type { TouchpointVoc } from './schema.ts';

/**
 * Voice of the customer on the map: survey responses asked at each touchpoint and in each stage
 * (the `touchpoint_id` / `stage_id` a response was tied to when it arrived), in the map's range and
 * customer scope. NPS and CSAT as in metrics.ts; `emotion` is the mean 1–5 face answer moved to the
 * journey's −2 … 2 scale (3 = neutral = 0) so it sits on the same axis as the expected emotion;
 * `sentiment` the mean sentiment score (−1 … 1) of the comments.
 */
export interface VocByPlace {
  touchpoints: Map<string, TouchpointVoc>;
  stages: Map<string, TouchpointVoc>;
}

interface Row {
  dim: string; id: string; n: number;
  nps_n: number; hi: number; mid: number; lo: number;
  csat_n: number; csat_hi: number;
  emotion: number | null; sentiment: number | null;
}

export async function mapVoc(store: Store, workspaceId: string, range: TimeRange, customers?: Sql): Promise<VocByPlace> {
  const sentiment = dialectFn((d) => d.jsonNumber(raw('text_analysis'), ['sentiment', 'score']));
  const where = sql`workspace_id = ${workspaceId}${rangeFilter(raw('submitted_at'), range)}
    ${customers ? sql`AND customer_id IN (${customers})` : sql``}`;
  const aggregates = sql`count(*) AS n,
    count(nps) AS nps_n, count(*) FILTER (WHERE nps >= 9) AS hi, count(*) FILTER (WHERE nps BETWEEN 7 AND 8) AS mid,
    count(*) FILTER (WHERE nps <= 6) AS lo, count(csat) AS csat_n, count(*) FILTER (WHERE csat >= 4) AS csat_hi,
    avg(emotion) - 3 AS emotion, avg(${sentiment}) AS sentiment`;
  const rows = await store.query<Row>(sql`
    SELECT 'T' AS dim, touchpoint_id AS id, ${aggregates} FROM survey_responses WHERE ${where} AND touchpoint_id IS NOT NULL GROUP BY touchpoint_id
    UNION ALL
    SELECT 'S' AS dim, stage_id AS id, ${aggregates} FROM survey_responses WHERE ${where} AND stage_id IS NOT NULL GROUP BY stage_id`);
  const out: VocByPlace = { touchpoints: new Map(), stages: new Map() };
  for (const r of rows) {
    const voc: TouchpointVoc = {
      nps: Number(r.nps_n) > 0 ? npsScore(Number(r.hi), Number(r.mid), Number(r.lo)).score : null,
      csat: Number(r.csat_n) > 0 ? csatScore(Number(r.csat_hi), Number(r.csat_n)).score : null,
      sentiment: r.sentiment === null ? null : Number(r.sentiment),
      emotion: r.emotion === null ? null : Number(r.emotion),
      n: Number(r.n),
    };
    (r.dim === 'T' ? out.touchpoints : out.stages).set(r.id, voc);
  }
  return out;
}
