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
 * The step name an anchor stands for. `{event}` is an event name, `{touchpoint}` a touchpoint id;
 * each needs its own mode: a touchpoint can only be resolved against a journey, and with a journey
 * the steps are touchpoints (an event inside one would be merged into it).
 */
export function anchorStepName(m: StepMatcher, options: TouchpointOptions, path: string): string {
  if ('event' in m) {
    if (options.touchpointSql) throw new AnalyticsInputError(path, 'With a journey the steps are touchpoints: use {touchpoint}, or query without `journey`.');
    return m.event;
  }
  if (!options.touchpointSql) throw new AnalyticsInputError(path, 'A touchpoint needs a journey: pass `journey` in the query, or use {event}.');
  return m.touchpoint;
}

/** `event NOT IN (…)` with bound values; empty when the list is empty. */
export function excludeEvents(list: readonly string[]): Sql {
  if (list.length === 0) return sql``;
  return sql` AND event NOT IN (${join(list.map((v) => sql`${v}`))})`;
}
