import type { Journey } from '../../journeys/definition.ts';
import type { Sql } from '../../storage/sql.ts';
import { personaFilter } from '../common/persona-filter.ts';
import type { Store } from '../../storage/store.ts';
import { bucketEdgesMs, buildResult } from './funnel-stats.ts';
import { funnelSql } from './funnel-sql.ts';
import { readStats } from './stats-sql.ts';
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
  /** The journey whose personas `persona` names (required with `persona`). */
  journey?: Journey;
  /** Tests only: `rows` bypasses the customer sequences, `general` also the fast tiers of ordered funnels. */
  plan?: 'auto' | 'rows' | 'general';
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
  const names = req.steps.flatMap((s) => ('event' in s ? [s.event] : []));
  const customers = personaFilter(workspaceId, req.persona, req.to, options.journey);
  const sequences = customers || options.plan === 'general' || options.plan === 'rows' ? null : await store.sequences?.(workspaceId, names) ?? null;
  const rows = await store.query(funnelSql(workspaceId, req, { ...options, sequences, customers }));
  const stepNames = req.steps.map(stepName);
  const { total, groups } = readStats(rows, stepNames.length, bucketEdgesMs(win).length);
  return req.breakdown ? buildResult(stepNames, win, total, groups, req.breakdownLimit) : buildResult(stepNames, win, total);
}
