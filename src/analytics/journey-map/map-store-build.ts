import { join, raw, sql, type Sql } from '../../storage/sql.ts';
import { materializedCte } from '../common/dialect-sql.ts';
import { customerFirstsSql, customerStagesSql, customerTouchpointsSql, n, placedCtes, touchpointFactsSql, type MapFacts } from './map-facts-sql.ts';
import { KIND, stageColumns, type Run } from './map-store-tables.ts';

/**
 * Computes the facts of the customers of the stored events (those matching `customers`, a condition
 * on `c`) and appends them, in one statement: the steps as CTEs, as the scan plan runs them (as
 * temporary tables, each step written out, the same work took 2–3× the CPU).
 */
export async function buildFacts(run: Run, workspaceId: string, f: MapFacts, key: string, customers: Sql): Promise<void> {
  // Rows written in this transaction have no statistics yet: DuckDB then estimates ~1 row and plans
  // the placement's ASOF join as a nested loop (asof_loop_join_threshold, default 64), which took
  // minutes on 10 M events. The setting is instance-wide, so it is put back right after.
  await run(raw('SET asof_loop_join_threshold = 0'));
  try {
    await insertFacts(run, workspaceId, f, key, customers);
  } finally {
    await run(raw('RESET asof_loop_join_threshold'));
  }
}

async function insertFacts(run: Run, workspaceId: string, f: MapFacts, key: string, customers: Sql): Promise<void> {
  const ids = sql`${workspaceId}, ${key}`;
  const perStage = stageColumns(f);
  const none = (k: number) => raw(Array(k).fill('NULL').join(', '));
  await run(sql`INSERT INTO journey_map_facts (workspace_id, journey_key, kind, c, k, k2, t0, n, chans, x, in_stage, ${join(perStage)})
    WITH ${materializedCte('jm_ev', sql`SELECT c, t, tp, ch, ge, fr, ptp FROM journey_map_events
      WHERE workspace_id = ${workspaceId} AND journey_key = ${key}${customers}`)},
    jm_ct AS (${customerTouchpointsSql(f)}),
    jm_cs AS (${customerStagesSql(f, customerFirstsSql(f))}),
    jm_tp AS (${touchpointFactsSql(f)}),
    ${placedCtes()}
    SELECT ${ids}, ${n(KIND.customer)}, c, NULL, last_tp, ${none(5)}, ${join(perStage)} FROM jm_cs
    UNION ALL
    SELECT ${ids}, ${n(KIND.touchpoint)}, c, tp, NULL, t0, n, chans, x, in_stage, ${none(perStage.length)} FROM jm_tp
    UNION ALL
    SELECT ${ids}, ${n(KIND.friction)}, c, placed_tp, fr, NULL, count(*), NULL, NULL, NULL, ${none(perStage.length)}
    FROM placed WHERE placed_tp IS NOT NULL GROUP BY c, placed_tp, fr`);
}
