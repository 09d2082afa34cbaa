import { z } from 'zod';
import { join, raw, sql, type Sql } from '../../storage/sql.ts';
import { AnalyticsInputError } from './errors.ts';

/**
 * What a path node, attribution touch or anchor is: an event name, or a touchpoint id when the caller
 * injects `touchpointSql` (the journeys module's `CASE … END` over events columns, NULL when no
 * touchpoint matches).
 */
export const StepMatcherSchema = z.union([
  z.strictObject({ event: z.string().min(1).max(200) }),
  z.strictObject({ touchpoint: z.string().min(1).max(200) }),
]);
export type StepMatcher = z.infer<typeof StepMatcherSchema>;

/** Options the server injects; not part of the request body. */
export interface TouchpointOptions {
  /** Touchpoint id of an events row or NULL (`touchpointCaseSql(journey)`); unqualified column names. */
  touchpointSql?: Sql;
}

/** Calls that are interactions; `identify`, `group` and `alias` are bookkeeping, not steps. */
export const INTERACTION_TYPES = raw(`('track', 'page', 'screen')`);

/** The step name of an events row: its touchpoint id when touchpoints are injected, else its event name. */
export function stepNameSql(options: TouchpointOptions): Sql {
  return options.touchpointSql ?? raw('event');
}

/**
 * Predicate for an anchor. `{event}` matches the event column, `{touchpoint}` the injected touchpoint
 * expression (an error without one: a touchpoint can only be resolved against a journey).
 */
export function matcherPredicate(m: StepMatcher, options: TouchpointOptions, path: string): Sql {
  if ('event' in m) return sql`(event = ${m.event})`;
  if (!options.touchpointSql) throw new AnalyticsInputError(path, 'A touchpoint needs a journey: pass journeyId (touchpointSql) or use {event}.');
  return sql`(${options.touchpointSql} = ${m.touchpoint})`;
}

/** `event NOT IN (…)` with bound values; empty when the list is empty. */
export function excludeEvents(list: readonly string[]): Sql {
  if (list.length === 0) return sql``;
  return sql` AND event NOT IN (${join(list.map((v) => sql`${v}`))})`;
}
