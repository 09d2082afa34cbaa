import type { Json, TouchEvent } from '../ingest/event.ts';
import type { Journey, Persona } from './definition.ts';
import { valueTest } from './matcher-memory.ts';
import { minCountOf, type PersonaRule } from './persona-rule.ts';
import { jsonAt } from './property.ts';

/**
 * How many times the customer did `event` — within the last `withinDays` days when given, else ever.
 * Callers supply it from wherever counts live (an events scan, a profile cache, a SQL aggregate).
 */
export type CountEvents = (event: string, withinDays?: number) => number;

const DAY_MS = 86_400_000;

/**
 * The customer's persona: the first persona of the journey (in order) whose rule holds, or null.
 * Rule semantics are documented on persona-rule.ts.
 *
 * @example
 * personaOf(journey, profile.traits, countEventsFrom(customerEvents, Date.now()))
 */
export function personaOf(journey: Journey, traits: Json | null, count: CountEvents): Persona | null {
  return journey.personas?.find((p) => ruleHolds(p.rule, traits, count)) ?? null;
}

export function ruleHolds(rule: PersonaRule, traits: Json | null, count: CountEvents): boolean {
  if ('all' in rule) return rule.all.every((r) => ruleHolds(r, traits, count));
  if ('any' in rule) return rule.any.some((r) => ruleHolds(r, traits, count));
  if ('not' in rule) return !ruleHolds(rule.not, traits, count);
  if ('op' in rule) return valueTest(rule)(jsonAt(traits, rule.property.split('.').slice(1)));
  const names = Array.isArray(rule.event) ? rule.event : [rule.event];
  const n = names.reduce((sum, e) => sum + count(e, rule.withinDays), 0);
  return n >= minCountOf(rule) && (rule.maxCount === undefined || n <= rule.maxCount);
}

/**
 * Counts from a customer's events as of `asOf` (epoch ms): events after `asOf` are ignored, and
 * `withinDays: d` counts events in the `d` days up to and including `asOf`.
 */
export function countEventsFrom(events: readonly TouchEvent[], asOf: number): CountEvents {
  const times = new Map<string, number[]>();
  for (const e of events) {
    if (e.timestamp > asOf) continue;
    let list = times.get(e.event);
    if (!list) times.set(e.event, (list = []));
    list.push(e.timestamp);
  }
  return (event, withinDays) => {
    const list = times.get(event) ?? [];
    if (withinDays === undefined) return list.length;
    const from = asOf - withinDays * DAY_MS;
    return list.filter((t) => t > from).length;
  };
}
