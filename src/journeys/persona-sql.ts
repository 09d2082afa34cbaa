import { ident, join, raw, sql, type Sql } from '../storage/sql.ts';
import type { Journey } from './definition.ts';
import { conditionSql } from './matcher-sql.ts';
import { minCountOf, type PersonaRule } from './persona-rule.ts';

/**
 * Persona rules as SQL, with the semantics of persona-memory.ts. Where a customer's traits and event
 * counts live is the caller's choice (a profile table, a CTE that merges identify traits, …), so
 * both come in as expressions:
 *
 * @example
 * personaCaseSql(journey, {
 *   traits: sql`c.traits`,
 *   count: (events, withinDays) => sql`(SELECT count(*) FROM events e WHERE e.customer_id = c.id
 *     AND e.event IN (…) AND e.ts > ${since(withinDays)} AND e.ts <= ${asOf})`,
 * })
 */
export interface PersonaSqlContext {
  /** The customer's traits as a JSON value (NULL when none). */
  traits: Sql;
  /** How many of these events the customer did, within the last `withinDays` days when given. */
  count: (events: readonly string[], withinDays: number | undefined) => Sql;
}

export function personaRuleSql(rule: PersonaRule, ctx: PersonaSqlContext): Sql {
  if ('all' in rule) return sql`(${join(rule.all.map((r) => personaRuleSql(r, ctx)), ' AND ')})`;
  if ('any' in rule) return sql`(${join(rule.any.map((r) => personaRuleSql(r, ctx)), ' OR ')})`;
  if ('not' in rule) return sql`(NOT ${personaRuleSql(rule.not, ctx)})`;
  if ('op' in rule) return conditionSql(rule, { column: (c) => (c === 'traits' ? ctx.traits : ident(c)) });
  const n = ctx.count(Array.isArray(rule.event) ? rule.event : [rule.event], rule.withinDays);
  const bounds = [sql`${n} >= ${minCountOf(rule)}`];
  if (rule.maxCount !== undefined) bounds.push(sql`${n} <= ${rule.maxCount}`);
  return sql`(${join(bounds, ' AND ')})`;
}

/** The id of the first persona whose rule holds, NULL when none does (or the journey has none). */
export function personaCaseSql(journey: Journey, ctx: PersonaSqlContext): Sql {
  const personas = journey.personas ?? [];
  if (personas.length === 0) return raw('NULL');
  return sql`(CASE ${join(personas.map((p) => sql`WHEN ${personaRuleSql(p.rule, ctx)} THEN ${p.id}`), ' ')} ELSE ${raw('NULL')} END)`;
}
