import { z } from 'zod';
import { EventNameSchema, TraitConditionSchema } from './matcher.ts';

/**
 * Persona rules segment customers by traits and behaviour:
 *
 * ```yaml
 * rule:
 *   any:
 *     - { property: traits.persona, op: eq, value: Gigging Pro }
 *     - all:
 *         - { property: traits.plan, op: in, value: [pro, studio] }
 *         - { event: Order Completed, minCount: 3, withinDays: 90 }
 * ```
 *
 * A behaviour rule holds when the customer's count of the event(s) — within the last `withinDays`
 * days when given, else ever — is at least `minCount` and at most `maxCount`. `minCount` defaults to
 * 1, or to 0 when `maxCount` is given, so `{ event: Order Completed, maxCount: 0 }` reads "never ordered". Trait conditions use the condition semantics of matcher.ts on
 * the customer's profile traits.
 */
export type TraitCondition = z.infer<typeof TraitConditionSchema>;
export interface BehaviourRule {
  event: string | string[];
  minCount?: number;
  maxCount?: number;
  withinDays?: number;
}
/** The effective lower bound of a behaviour rule. */
export function minCountOf(r: BehaviourRule): number {
  return r.minCount ?? (r.maxCount === undefined ? 1 : 0);
}

export type PersonaRule =
  | { all: PersonaRule[] }
  | { any: PersonaRule[] }
  | { not: PersonaRule }
  | TraitCondition
  | BehaviourRule;

/** Deeper rules are almost certainly a mistake, and would be slow to evaluate per customer. */
export const MAX_RULE_DEPTH = 6;

export const BehaviourRuleSchema = z.strictObject({
  event: z.union([EventNameSchema, z.array(EventNameSchema).min(1).max(20)]).describe('Event name(s) to count.'),
  minCount: z.int().min(0).max(1_000_000).optional().describe('At least this many (default 1, or 0 when maxCount is given).'),
  maxCount: z.int().min(0).max(1_000_000).optional().describe('At most this many; 0 means never.'),
  withinDays: z.int().min(1).max(3650).optional().describe('Count only the last N days.'),
}).superRefine((r, ctx) => {
  if (r.maxCount !== undefined && r.minCount !== undefined && r.maxCount < r.minCount) {
    ctx.addIssue({ code: 'custom', path: ['maxCount'], message: `maxCount (${r.maxCount}) is below minCount (${r.minCount}), so the rule can never hold`, input: r });
  }
}).meta({ id: 'BehaviourRule', description: 'How often the customer did something.' });

// Recursive through getters (zod 4's way): the schema refers to itself without z.lazy, so the
// JSON Schema gets one named PersonaRule definition.
export const PersonaRuleSchema: z.ZodType<PersonaRule> = z.union([
  z.strictObject({ get all(): z.ZodArray<z.ZodType<PersonaRule>> { return z.array(PersonaRuleSchema).min(1).max(20).describe('Every rule holds.'); } }),
  z.strictObject({ get any(): z.ZodArray<z.ZodType<PersonaRule>> { return z.array(PersonaRuleSchema).min(1).max(20).describe('At least one rule holds.'); } }),
  z.strictObject({ get not(): z.ZodType<PersonaRule> { return PersonaRuleSchema; } }),
  TraitConditionSchema,
  BehaviourRuleSchema,
]).meta({ id: 'PersonaRule', description: 'Traits and/or behaviour, combined with all / any / not.' });

/** Nesting depth of a rule: a leaf is 1. */
export function ruleDepth(rule: PersonaRule): number {
  if ('all' in rule) return 1 + Math.max(...rule.all.map(ruleDepth));
  if ('any' in rule) return 1 + Math.max(...rule.any.map(ruleDepth));
  if ('not' in rule) return 1 + ruleDepth(rule.not);
  return 1;
}

