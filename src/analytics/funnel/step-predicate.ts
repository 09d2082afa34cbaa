import { matcherSql } from '../../journeys/matcher-sql.ts';
import { resolveProperty } from '../../journeys/property.ts';
import { dialectFn, ident, join, sql, type Sql } from '../../storage/sql.ts';
import { AnalyticsInputError } from '../common/errors.ts';
import type { FunnelStep, StageStep, TouchpointStep } from './types.ts';

/**
 * Boolean SQL over one `events` row (unqualified column names) for a touchpoint or stage step —
 * injected by the caller that knows the journey (the journeys module compiles its matchers).
 */
export type StepResolver = (step: TouchpointStep | StageStep) => Sql;

/**
 * A funnel step as a boolean over an `events` row: `event = …` and its `where` conditions, with the
 * condition grammar and semantics of journey matchers (journeys/matcher.ts: `eq`, `neq`, `gt`…,
 * `contains`, `in`, `exists`; `path` is page shorthand, `properties.total`, `context.page.path`…).
 * Touchpoint and stage steps go through `resolve`, with their `where` ANDed on.
 *
 * @example
 * stepPredicate({ event: 'Order Completed', where: [{ property: 'total', op: 'gt', value: 100 }] })
 */
export function stepPredicate(step: FunnelStep, resolve?: StepResolver, index = 0): Sql {
  if ('event' in step) return matcherSql({ event: step.event, where: step.where });
  if (!resolve) {
    const kind = 'touchpoint' in step ? 'touchpoint' : 'stage';
    throw new AnalyticsInputError(`steps.${index}.${kind}`, `A ${kind} step needs a journey to resolve it; use {event} or pass a journey.`);
  }
  const base = sql`(${resolve(step)})`;
  return step.where?.length ? sql`(${base} AND ${matcherSql({ where: step.where })})` : base;
}

/** Text of a property of an `events` row (for breakdowns), as journey conditions read it. */
export function propertyTextSql(name: string): Sql {
  const ref = resolveProperty(name);
  if ('error' in ref) throw new AnalyticsInputError('breakdown', ref.error);
  switch (ref.kind) {
    case 'column': return ident(ref.column);
    case 'timestamp': throw new AnalyticsInputError('breakdown', 'cannot break down by timestamp');
    case 'json': {
      const texts = ref.sources.map((s) => dialectFn((d) => d.jsonText(ident(s.column), s.path)));
      return texts.length === 1 ? texts[0] : sql`coalesce(${join(texts)})`;
    }
  }
}
