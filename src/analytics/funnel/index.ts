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
  /** Tests only: `general` bypasses the fast tiers of ordered funnels. */
  plan?: 'auto' | 'general';
  /** Tests only: the customer hash used by the ordered plan, to force collisions. */
  customerHash?: (id: Sql) => Sql;
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
  const names = req.steps.map(stepName);
  const groups = groupStats(rows, names.length, bucketEdgesMs(win).length);
  const total = groups.get('0') ?? emptyStats(null, names.length);
  if (!req.breakdown) return buildResult(names, win, total);
  return buildResult(names, win, total, [...groups.entries()].filter(([key]) => key !== '0').map(([, g]) => g), req.breakdownLimit);
}

function emptyStats(value: string | null, k: number): GroupStats {
  return { value, steps: Array.from({ length: k }, () => ({ count: 0, sumMs: 0, medianMs: null, buckets: [] })) };
}

/** Rows of stats-sql.ts (grp, value, j, b, n, s, q) into one `GroupStats` per group. */
function groupStats(rows: readonly Record<string, unknown>[], k: number, buckets: number): Map<string, GroupStats> {
  const groups = new Map<string, GroupStats>();
  for (const r of rows) {
    const value = r.value === null || r.value === undefined ? null : String(r.value);
    const key = Number(r.grp) === 0 ? '0' : `1:${value === null ? '' : `=${value}`}`;
    let g = groups.get(key);
    if (!g) {
      g = emptyStats(value, k);
      for (const s of g.steps.slice(1)) s.buckets = Array.from({ length: buckets }, () => 0);
      groups.set(key, g);
    }
    const step = g.steps[Number(r.j)];
    if (Number(r.b) >= 0) step.buckets[Number(r.b)] = Number(r.n);
    else {
      step.count = Number(r.n);
      step.sumMs = Number(r.j) === 0 ? 0 : Number(r.s ?? 0);
      step.medianMs = Number(r.j) === 0 || r.q === null || r.q === undefined ? null : Number(r.q);
    }
  }
  return groups;
}
