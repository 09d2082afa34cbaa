import type { FunnelResult, FunnelStepResult } from './types.ts';

/**
 * Turning per-step statistics into the response — shared by the SQL engine and the in-memory
 * reference, so the two can only differ in the statistics themselves (which the tests compare).
 * Every statistic is exact integer milliseconds until the last division here.
 */
export interface StepStats {
  /** Customers who reached the step. */
  count: number;
  /** Sum over those customers of the time from the previous step (0 for step 1). */
  sumMs: number;
  /** Median of those times, interpolated between the two middle values (SQL `quantile_cont`). */
  medianMs: number | null;
  /** Customers per time bucket (`bucketEdgesMs`); empty for step 1. */
  buckets: number[];
}

export interface GroupStats {
  value: string | null;
  steps: StepStats[];
}

/**
 * Lower bounds of the time-distribution buckets: human steps (10 s, 1 min, 5 min, 15 min, 1 h, 6 h,
 * 1 d, 3 d, 1 w, 2 w, 30 d, 90 d, 180 d). Only buckets that can hold a time within the window are
 * returned, so a 1-hour funnel has 6 buckets and a 14-day funnel 11.
 */
const EDGES_S = [0, 10, 60, 300, 900, 3600, 21_600, 86_400, 259_200, 604_800, 1_209_600, 2_592_000, 7_776_000, 15_552_000];

export function bucketEdgesMs(windowMs: number): number[] {
  return EDGES_S.map((s) => s * 1000).filter((ms) => ms <= windowMs);
}

/** Index of the bucket holding `ms` (the last edge at or below it). */
export function bucketIndex(ms: number, edges: readonly number[]): number {
  let i = 0;
  while (i + 1 < edges.length && edges[i + 1] <= ms) i++;
  return i;
}

/** Median as DuckDB's `quantile_cont(x, 0.5)` computes it: `lo + (hi - lo) * 0.5` on sorted values. */
export function medianOf(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const pos = (s.length - 1) * 0.5;
  const lo = s[Math.floor(pos)];
  const hi = s[Math.ceil(pos)];
  return lo + (hi - lo) * (pos - Math.floor(pos));
}

export function stepResults(names: readonly string[], stats: readonly StepStats[], edges: readonly number[]): FunnelStepResult[] {
  const entered = stats[0]?.count ?? 0;
  return names.map((name, i) => {
    const s = stats[i] ?? { count: 0, sumMs: 0, medianMs: null, buckets: [] };
    const prev = i === 0 ? s.count : stats[i - 1].count;
    const dropOff = prev - s.count;
    const result: FunnelStepResult = {
      name,
      count: s.count,
      conversionRate: entered > 0 ? s.count / entered : 0,
      conversionFromPrevious: prev > 0 ? s.count / prev : 0,
      dropOff,
      dropOffRate: prev > 0 ? dropOff / prev : 0,
      averageSecondsFromPrevious: i > 0 && s.count > 0 ? s.sumMs / s.count / 1000 : null,
      medianSecondsFromPrevious: i > 0 && s.medianMs !== null ? s.medianMs / 1000 : null,
    };
    if (i > 0) result.timeDistribution = edges.map((ms, b) => ({ bucketSeconds: ms / 1000, count: s.buckets[b] ?? 0 }));
    return result;
  });
}

/** Breakdown groups in response order: most customers at step 1 first, then by value (null last). */
export function compareGroups(a: GroupStats, b: GroupStats): number {
  const d = (b.steps[0]?.count ?? 0) - (a.steps[0]?.count ?? 0);
  if (d !== 0) return d;
  if (a.value === b.value) return 0;
  if (a.value === null) return 1;
  if (b.value === null) return -1;
  return a.value < b.value ? -1 : 1;
}

export function buildResult(
  names: readonly string[], windowMs: number, total: GroupStats, groups?: readonly GroupStats[], limit = Infinity,
): FunnelResult {
  const edges = bucketEdgesMs(windowMs);
  const result: FunnelResult = { steps: stepResults(names, total.steps, edges) };
  if (groups) {
    result.breakdowns = [...groups].sort(compareGroups).slice(0, limit)
      .map((g) => ({ value: g.value, steps: stepResults(names, g.steps, edges) }));
  }
  return result;
}
