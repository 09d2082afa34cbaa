import type { Sql } from '../../storage/sql.ts';
import type { Store } from '../../storage/store.ts';
import { bucketEdgesMs, buildResult, type GroupStats } from './funnel-stats.ts';
import { funnelSql } from './funnel-sql.ts';
import type { StepResolver } from './step-predicate.ts';
import { FunnelRequestSchema, stepName, windowMs, type FunnelRequestInput, type FunnelResult } from './types.ts';

export { referenceFunnel, type ReferenceOptions } from './funnel-reference.ts';
export { funnelSql, defaultPersonaSql, type FunnelSqlOptions } from './funnel-sql.ts';
export { stepPredicate, type StepResolver } from './step-predicate.ts';
export * from './types.ts';

export interface RunFunnelOptions {
  /** SQL predicate (over an `events` row) of a touchpoint or stage step, from the journey in use. */
  resolveStep?: StepResolver;
  /** Relation `(customer_id, persona)` for `breakdown: "persona"`; default: latest identify `traits.persona`. */
  personaSql?: Sql;
  /** Internal: `general` bypasses the fast tier (for tests). */
  plan?: 'auto' | 'general';
}

/**
 * Runs a funnel over a workspace's events: how many customers reached each step, conversion and
 * drop-off, and the time between steps (average, median, distribution), optionally per breakdown
 * value. One query, built once for any SQL dialect; the semantics (attempts, windows, ties,
 * exclusions) are in README.md and match the in-memory `referenceFunnel`.
 *
 * @example
 * const result = await runFunnel(store, workspaceId, {
 *   steps: [{ event: 'Product Viewed' }, { event: 'Product Added' }, { event: 'Order Completed' }],
 *   window: '7d',
 * });
 * result.steps[2].conversionRate; // share of customers who viewed and then ordered within 7 days
 */
export async function runFunnel(
  store: Store, workspaceId: string, input: FunnelRequestInput, options: RunFunnelOptions = {},
): Promise<FunnelResult> {
  const req = FunnelRequestSchema.parse(input);
  const win = windowMs(req.window)!;
  const rows = await store.query(funnelSql(workspaceId, req, options));
  const k = req.steps.length;
  const nb = bucketEdgesMs(win).length;
  const groups = rows.map((r) => statsOf(r, k, nb));
  const total = groups.find((_, i) => Number(rows[i].total) === 1) ?? statsOf({}, k, nb);
  const names = req.steps.map(stepName);
  if (!req.breakdown) return buildResult(names, win, total);
  return buildResult(names, win, total, groups.filter((_, i) => Number(rows[i].total) !== 1), req.breakdownLimit);
}

function statsOf(row: Record<string, unknown>, k: number, buckets: number): GroupStats {
  const num = (key: string) => Number(row[key] ?? 0);
  return {
    value: row.value === null || row.value === undefined ? null : String(row.value),
    steps: Array.from({ length: k }, (_, j) => ({
      count: num(`n${j}`),
      sumMs: j === 0 ? 0 : num(`s${j}`),
      medianMs: j === 0 || row[`q${j}`] === null || row[`q${j}`] === undefined ? null : Number(row[`q${j}`]),
      buckets: j === 0 ? [] : Array.from({ length: buckets }, (_, i) => num(`b${j}_${i}`)),
    })),
  };
}
