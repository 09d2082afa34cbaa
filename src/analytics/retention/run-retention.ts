import { sql } from '../../storage/sql.ts';
import type { Store } from '../../storage/store.ts';
import type { CohortScope } from './cohort-sql.ts';
import { cohortRetention } from './cohort-retention.ts';
import { repeatersByCohort } from './repeat-purchase.ts';
import { DEFAULT_PERIODS, RetentionRequestSchema, type RetentionRequestInput, type RetentionResult } from './schema.ts';
import { GAP_BUCKETS, timeBetween } from './time-between.ts';

/**
 * Cohort retention, repeat purchase rate and time between purchases.
 *
 * Customers join the cohort (ISO week, Monday–Sunday UTC, or calendar month) of their first-ever
 * `event` (default `Order Completed`), for cohorts starting in [from, to). Retention counts, per
 * later calendar period, the members who did `returnEvent` (default the same event) in it — see
 * `cohortRetention`. Repeat rate: members with ≥ 2 `event`s by `asOf`, per cohort and overall.
 * Time between: days between consecutive `event`s of members — see `timeBetween`. `asOf`
 * (default the workspace's latest event) is "now": nothing later counts.
 *
 * @example
 * await runRetention(store, ws, { cohort: 'month', periods: 3 });
 * // { cohorts: [{ cohort: '2026-07', start: '2026-07-01', size: 120, retained: [120, 18, 9], rates: [1, 0.15, 0.075], … }],
 * //   repeat: { customers: 480, repeaters: 61, rate: 0.127 }, timeBetween: { medianDays: 23.5, … } }
 */
export async function runRetention(store: Store, workspaceId: string, input: RetentionRequestInput): Promise<RetentionResult> {
  const req = RetentionRequestSchema.parse(input);
  const periods = req.periods ?? DEFAULT_PERIODS[req.cohort];
  const returnEvent = req.returnEvent ?? req.event;
  const asOf = req.asOf ?? (await latestEvent(store, workspaceId));
  const base = { cohort: req.cohort, periods, event: req.event, returnEvent };
  if (!asOf) {
    return { ...base, asOf: null, cohorts: [], repeat: { customers: 0, repeaters: 0, rate: 0 },
      timeBetween: { intervals: 0, meanDays: null, medianDays: null, p75Days: null, buckets: GAP_BUCKETS.map((b) => ({ ...b, count: 0, share: 0 })) } };
  }
  const scope: CohortScope = { workspaceId, unit: req.cohort, event: req.event, asOf, from: req.from, to: req.to };
  const [cohorts, repeaters, gaps] = await Promise.all([
    cohortRetention(store, scope, returnEvent, periods),
    repeatersByCohort(store, scope),
    timeBetween(store, scope),
  ]);
  const withRepeat = cohorts.map((c) => {
    const r = repeaters.get(Date.parse(`${c.start}T00:00:00Z`)) ?? 0;
    return { ...c, repeaters: r, repeatRate: r / c.size };
  });
  const customers = withRepeat.reduce((s, c) => s + c.size, 0);
  const repeatCount = withRepeat.reduce((s, c) => s + c.repeaters, 0);
  return {
    ...base, asOf: asOf.toISOString(), cohorts: withRepeat,
    repeat: { customers, repeaters: repeatCount, rate: customers === 0 ? 0 : repeatCount / customers },
    timeBetween: gaps,
  };
}

async function latestEvent(store: Store, workspaceId: string): Promise<Date | null> {
  const [row] = await store.query<{ t: Date | null }>(sql`SELECT max(ts) AS t FROM events WHERE workspace_id = ${workspaceId}`);
  return row?.t ?? null;
}
