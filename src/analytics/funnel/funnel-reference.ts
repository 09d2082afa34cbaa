import type { TouchEvent } from '../../ingest/event.ts';
import { compileMatcher, type EventPredicate } from '../../journeys/matcher-memory.ts';
import { eventValue, jsonAt, resolveProperty, textOf, type PropertyRef } from '../../journeys/property.ts';
import { chooseSequential, chooseUnordered, compareRows, spoiled, type Chosen, type Row } from './attempts.ts';
import { bucketEdgesMs, bucketIndex, buildResult, medianOf, type GroupStats } from './funnel-stats.ts';
import { FunnelRequestSchema, stepName, windowMs, type FunnelRequestInput, type FunnelResult, type FunnelStep, type StageStep, type TouchpointStep } from './types.ts';

/**
 * The funnel computed in memory over events, straightforwardly: the reference the SQL engine is
 * tested against (same semantics, see README.md), and a way to run a funnel over a handful of
 * events without a database.
 */
export interface ReferenceOptions {
  /** In-memory counterpart of `resolveStep`: which events a touchpoint or stage step matches. */
  matchStep?: (step: TouchpointStep | StageStep) => EventPredicate;
  /** Persona of a customer; default: `traits.persona` of their latest identify call that has one. */
  personaOf?: (customerId: string) => string | null;
  /** Whether a customer is of the request's `persona` (the reference has no persona rules; required with `persona`). */
  inPersona?: (customerId: string) => boolean;
}

interface Customer {
  rows: (Row & { value: string | null })[];
  excluded: Map<string, number[]>;
}

export function referenceFunnel(
  events: readonly TouchEvent[], workspaceId: string, input: FunnelRequestInput, options: ReferenceOptions = {},
): FunnelResult {
  const req = FunnelRequestSchema.parse(input);
  const win = windowMs(req.window)!;
  const k = req.steps.length;
  const matchers = req.steps.map((s) => stepMatcher(s, options));
  const inWorkspace = events.filter((e) => e.workspaceId === workspaceId);
  if (req.persona !== undefined && !options.inPersona) throw new Error('referenceFunnel: a persona filter needs options.inPersona');
  const inPersona = req.persona !== undefined ? options.inPersona! : () => true;
  const inRange = inWorkspace.filter((e) => inPersona(e.customerId) &&
    (!req.from || e.timestamp >= req.from.getTime()) && (!req.to || e.timestamp < req.to.getTime()));
  const valueOf = rowValue(req.breakdown);
  const personaOf = req.breakdown === 'persona' ? (options.personaOf ?? latestPersona(inWorkspace)) : null;
  const exclusionNames = new Set(req.exclusions.map((x) => x.event));

  const customers = new Map<string, Customer>();
  for (const e of inRange) {
    const mask = matchers.reduce((m, match, j) => (match(e) ? m | (1 << j) : m), 0);
    const c: Customer = customers.get(e.customerId) ?? { rows: [], excluded: new Map() };
    customers.set(e.customerId, c);
    if (mask !== 0 || req.order === 'strict') c.rows.push({ t: e.timestamp, mask, value: valueOf(e) });
    if (exclusionNames.has(e.event)) c.excluded.set(e.event, [...(c.excluded.get(e.event) ?? []), e.timestamp]);
  }

  const reached: { value: string | null; chosen: Chosen }[] = [];
  for (const [id, c] of customers) {
    c.rows.sort(compareRows);
    const chosen = req.order === 'unordered' ? chooseUnordered(c.rows, k, win) : chooseSequential(c.rows, k, win, req.order === 'strict');
    if (!chosen) continue;
    if (req.exclusions.some((x) => spoiled(chosen, x.fromStep, x.toStep, win, c.excluded.get(x.event) ?? []))) continue;
    const value = personaOf ? personaOf(id) : firstTouch(c.rows, req.order === 'unordered' ? -1 : 1);
    reached.push({ value, chosen });
  }

  const edges = bucketEdgesMs(win);
  const stats = (list: typeof reached, value: string | null): GroupStats => ({
    value,
    steps: req.steps.map((_, j) => {
      const deltas = list.filter((r) => r.chosen.depth > j).map((r) => (j === 0 ? 0 : r.chosen.times[j] - r.chosen.times[j - 1]));
      const buckets = edges.map(() => 0);
      if (j > 0) for (const d of deltas) buckets[bucketIndex(d, edges)]++;
      return { count: deltas.length, sumMs: deltas.reduce((a, b) => a + b, 0), medianMs: j === 0 ? null : medianOf(deltas), buckets: j === 0 ? [] : buckets };
    }),
  });
  const names = req.steps.map(stepName);
  if (!req.breakdown) return buildResult(names, win, stats(reached, null));
  const values = [...new Set(reached.map((r) => r.value))];
  const groups = values.map((v) => stats(reached.filter((r) => r.value === v), v));
  return buildResult(names, win, stats(reached, null), groups, req.breakdownLimit);
}

function stepMatcher(step: FunnelStep, options: ReferenceOptions): EventPredicate {
  if ('event' in step) return compileMatcher({ event: step.event, where: step.where });
  if (!options.matchStep) throw new Error('touchpoint and stage steps need matchStep');
  const base = options.matchStep(step);
  const where = step.where ? compileMatcher({ where: step.where }) : () => true;
  return (e) => base(e) && where(e);
}

/** Value on the first event of step 1 (mask bit 1), or of any step (mask -1); ties: smallest non-null. */
function firstTouch(rows: readonly (Row & { value: string | null })[], mask: number): string | null {
  const first = rows.find((r) => r.mask & mask);
  if (!first) return null;
  const tied = rows.filter((r) => r.t === first.t && r.mask & mask && r.value !== null).map((r) => r.value as string);
  return tied.length ? tied.reduce((a, b) => (b < a ? b : a)) : null;
}

/** The breakdown value an event carries (null for no breakdown and for persona, a customer value). */
function rowValue(breakdown: string | undefined): (e: TouchEvent) => string | null {
  if (!breakdown || breakdown === 'persona') return () => null;
  const ref = resolveProperty(breakdown) as PropertyRef;
  return (e) => textOf(eventValue(e, ref));
}

/** `traits.persona` of the latest identify call carrying one (same time: the greatest value). */
function latestPersona(events: readonly TouchEvent[]): (customerId: string) => string | null {
  const best = new Map<string, { t: number; p: string }>();
  for (const e of events) {
    if (e.type !== 'identify') continue;
    const p = textOf(jsonAt(e.traits, ['persona']));
    if (p === null) continue;
    const cur = best.get(e.customerId);
    if (!cur || e.timestamp > cur.t || (e.timestamp === cur.t && p > cur.p)) best.set(e.customerId, { t: e.timestamp, p });
  }
  return (id) => best.get(id)?.p ?? null;
}
