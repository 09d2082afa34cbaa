import { dialectFn, raw, sql } from '../../storage/sql.ts';
import type { Store } from '../../storage/store.ts';
import { journeyCtes, noTouchLabel, revenueCte, type JourneyScope } from './journey-sql.ts';
import { HEURISTIC_MODELS, type HeuristicModel } from './schema.ts';

export interface Credits {
  /** Per touch key: fractional conversions and revenue per model. */
  byKey: Map<string, Record<HeuristicModel, { conversions: number; revenue: number }>>;
  conversions: number;
  revenue: number;
}

/**
 * Rule-based credit per conversion, over the collapsed touches of its journey (see `journeyCtes`),
 * n touches, in time order:
 * - `first_touch` / `last_touch`: 1 to the first / last touch;
 * - `linear`: 1/n to each;
 * - `position_based`: 40 % first, 40 % last, 20 % shared by the middle ones (n = 2: 50/50; n = 1: all);
 * - `time_decay`: each touch weighs 2^(−Δ/halfLife), Δ = time from the touch to the conversion,
 *   normalised to 1 per conversion.
 * Revenue credit is the same share of the conversion's revenue. A conversion with no touch in its
 * window gives all its credit to `(none)` (`(direct)` for campaigns). A key's credit sums over its
 * touches, so `A B A` gives A 0.8 under position-based. Computed in SQL; rows are per key.
 */
export async function heuristicCredits(store: Store, scope: JourneyScope): Promise<Credits> {
  const halfLife = scope.req.halfLifeDays * 86_400;
  const decay = dialectFn((d) => sql`pow(0.5, ${d.secondsBetween(raw('ts'), raw('ref_ts'))} / ${halfLife})`);
  const none = noTouchLabel(scope.req.dimension);
  const rows = await store.query<Record<string, number | string>>(sql`
    WITH ${journeyCtes(scope, { perConversion: true })},
    ${revenueCte(scope)},
    touches AS (
      SELECT customer_id, g, touch, ${decay} AS w, CASE WHEN prev_in THEN 0 ELSE 1 END AS is_first
      FROM att_rows
      WHERE converting AND in_win AND touch IS NOT NULL AND NOT (prev_in AND prev_touch = touch)
    ),
    convs AS (
      SELECT a.customer_id, a.g, r.revenue, coalesce(a.touch, CASE WHEN a.prev_in THEN a.prev_touch END) AS last_touch
      FROM att_rows a JOIN att_revenue r ON r.customer_id = a.customer_id AND r.message_id = a.message_id
      WHERE a.conv = 1 AND a.in_win
    ),
    per_key AS (
      SELECT customer_id, g, touch, count(*) AS cnt, sum(w) AS w, max(is_first) AS has_first
      FROM touches GROUP BY customer_id, g, touch
    ),
    per_conv AS (
      SELECT customer_id, g, sum(cnt) AS n, sum(w) AS w, max(CASE WHEN has_first = 1 THEN touch END) AS first_touch
      FROM per_key GROUP BY customer_id, g
    ),
    credit AS (
      SELECT coalesce(k.touch, ${none}) AS touch, c.revenue,
        CASE WHEN k.touch IS NULL OR k.touch = p.first_touch THEN 1 ELSE 0 END AS first_touch,
        CASE WHEN k.touch IS NULL OR k.touch = c.last_touch THEN 1 ELSE 0 END AS last_touch,
        CASE WHEN k.touch IS NULL THEN 1.0 ELSE k.cnt * 1.0 / p.n END AS linear,
        CASE WHEN k.touch IS NULL OR p.n = 1 THEN 1.0
             WHEN p.n = 2 THEN 0.5 * k.cnt
             ELSE 0.4 * (CASE WHEN k.touch = p.first_touch THEN 1 ELSE 0 END)
                + 0.4 * (CASE WHEN k.touch = c.last_touch THEN 1 ELSE 0 END)
                + 0.2 * (k.cnt - (CASE WHEN k.touch = p.first_touch THEN 1 ELSE 0 END) - (CASE WHEN k.touch = c.last_touch THEN 1 ELSE 0 END)) / (p.n - 2)
        END AS position_based,
        CASE WHEN k.touch IS NULL THEN 1.0 ELSE k.w / p.w END AS time_decay
      FROM convs c
        LEFT JOIN per_conv p ON p.customer_id = c.customer_id AND p.g = c.g
        LEFT JOIN per_key k ON k.customer_id = c.customer_id AND k.g = c.g
    )
    SELECT touch,
      sum(first_touch) AS first_touch, sum(first_touch * revenue) AS first_touch_rev,
      sum(last_touch) AS last_touch, sum(last_touch * revenue) AS last_touch_rev,
      sum(linear) AS linear, sum(linear * revenue) AS linear_rev,
      sum(position_based) AS position_based, sum(position_based * revenue) AS position_based_rev,
      sum(time_decay) AS time_decay, sum(time_decay * revenue) AS time_decay_rev
    FROM credit
    GROUP BY touch`);

  const byKey: Credits['byKey'] = new Map();
  let conversions = 0, revenue = 0;
  for (const r of rows) {
    const entry = Object.fromEntries(HEURISTIC_MODELS.map((m) => [m, { conversions: Number(r[m]), revenue: Number(r[`${m}_rev`]) }])) as Record<HeuristicModel, { conversions: number; revenue: number }>;
    byKey.set(String(r.touch), entry);
    conversions += entry.first_touch.conversions;
    revenue += entry.first_touch.revenue;
  }
  return { byKey, conversions, revenue };
}
