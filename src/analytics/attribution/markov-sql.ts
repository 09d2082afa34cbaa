import { sql } from '../../storage/sql.ts';
import type { Store } from '../../storage/store.ts';
import { journeyCtes, noTouchLabel, type JourneyScope } from './journey-sql.ts';
import { CONVERSION, NULL_STATE, START, transitionCounter, type Transition } from './markov.ts';

/**
 * Transition counts of every customer's journeys (see `journeyCtes`), converting (conversion in
 * range) and not (touches after the last conversion): START → first touch, touch → next different
 * touch, last touch → CONVERSION or NULL. A conversion without touches is START → (none) →
 * CONVERSION. Each row emits at most its start and its outgoing transition, so one GROUP BY counts
 * them; the matrix and removal effects are computed in TS from these few rows.
 */
export async function journeyTransitions(store: Store, scope: JourneyScope): Promise<Transition[]> {
  const rows = await store.query<{ touch: string | null; starts: number; out_kind: number; out_to: string | null; n: number }>(sql`
    WITH ${journeyCtes(scope, { perConversion: false })},
    emitted AS (
      SELECT touch,
        CASE WHEN prev_in THEN 0 ELSE 1 END AS starts,
        CASE
          WHEN touch IS NULL THEN 2
          WHEN conv = 1 THEN 2
          WHEN next_conv = 1 AND next_touch IS NULL THEN 2
          WHEN next_conv IS NULL THEN 3
          WHEN next_touch <> touch THEN 1
          ELSE 0
        END AS out_kind,
        CASE WHEN conv = 0 AND next_touch <> touch THEN next_touch END AS out_to
      FROM att_rows
      WHERE in_win AND (touch IS NOT NULL OR (conv = 1 AND NOT prev_in))
    )
    SELECT touch, starts, out_kind, out_to, count(*) AS n
    FROM emitted
    WHERE starts = 1 OR out_kind > 0
    GROUP BY touch, starts, out_kind, out_to`);

  const none = noTouchLabel(scope.req.dimension);
  const { add, transitions } = transitionCounter();
  for (const r of rows) {
    const touch = r.touch ?? none;
    if (r.starts === 1) add(START, touch, r.n);
    if (r.out_kind === 1) add(touch, r.out_to!, r.n);
    else if (r.out_kind === 2) add(touch, CONVERSION, r.n);
    else if (r.out_kind === 3) add(touch, NULL_STATE, r.n);
  }
  return transitions();
}
