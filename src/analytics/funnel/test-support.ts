import { expect } from 'vitest';
import type { TouchEvent } from '../../ingest/event.ts';
import type { Store } from '../../storage/store.ts';
import { WS } from '../common/fixtures.ts';
import type { ReferenceOptions } from './funnel-reference.ts';
import { referenceFunnel, runFunnel, type RunFunnelOptions } from './index.ts';
import type { FunnelRequestInput, FunnelResult, FunnelStepResult } from './types.ts';

/** What a test states by hand: per step, customers and (from step 2) average / median seconds. */
export interface Expected {
  counts: number[];
  average?: (number | null)[];
  median?: (number | null)[];
}

export const summary = (steps: readonly FunnelStepResult[]): Expected => ({
  counts: steps.map((s) => s.count),
  average: steps.map((s) => s.averageSecondsFromPrevious),
  median: steps.map((s) => s.medianSecondsFromPrevious),
});

function check(steps: readonly FunnelStepResult[], expected: Expected): void {
  const got = summary(steps);
  expect(got.counts).toEqual(expected.counts);
  if (expected.average) expect(got.average).toEqual(expected.average);
  if (expected.median) expect(got.median).toEqual(expected.median);
}

/**
 * Runs the funnel four ways — SQL with every plan (customer sequences first), on event rows only,
 * SQL forced onto the general plan, and the
 * in-memory reference — checks the hand-computed numbers on each and that all three agree exactly.
 * `events` are what the store holds (for the reference).
 */
export async function expectFunnel(
  store: Store, events: readonly TouchEvent[], request: FunnelRequestInput, expected: Expected,
  options: RunFunnelOptions & ReferenceOptions = {},
): Promise<FunnelResult> {
  const tiered = await runFunnel(store, WS, request, options);
  const rows = await runFunnel(store, WS, request, { ...options, plan: 'rows' });
  const general = await runFunnel(store, WS, request, { ...options, plan: 'general' });
  const reference = referenceFunnel(events, WS, request, options);
  check(tiered.steps, expected);
  expect(rows).toEqual(tiered);
  expect(general).toEqual(tiered);
  expect(reference).toEqual(tiered);
  return tiered;
}
