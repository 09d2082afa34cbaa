/**
 * Journeys as code: definitions (zod schema = TS types = published JSON Schema), validation with
 * errors that point at the exact field, templates, and touchpoint matchers compiled to SQL and to
 * in-memory predicates with one semantics. A stored version is just a `Journey` plus a number.
 */
export {
  JourneySchema, StageSchema, TouchpointSchema, GoalSchema, PersonaSchema, EmotionSchema, SlugSchema,
  EMOTIONS, MAX_STAGES, MAX_TOUCHPOINTS_PER_STAGE, MAX_PERSONAS, emotionScore, touchpointMatcher,
  type Journey, type Stage, type Touchpoint, type Goal, type Persona, type Emotion, type EmotionLabel,
} from './definition.ts';
export {
  MatcherSchema, ConditionSchema, TraitConditionSchema, OPS, EQUALITY_OPS, ORDER_OPS, TEXT_OPS, ISO_DATE, asList,
  type Matcher, type Condition, type Op,
} from './matcher.ts';
export { PersonaRuleSchema, BehaviourRuleSchema, type PersonaRule, type BehaviourRule, type TraitCondition } from './persona-rule.ts';
export { resolveProperty, EVENT_COLUMNS, PAGE_SHORTHANDS, type PropertyRef, type EventColumn } from './property.ts';
export { validateJourney, parseJourneyText, formatJourneyErrors, MAX_DEFINITION_CHARS, type JourneyValidation, type JourneyError } from './validate.ts';
export { journeyJsonSchema, journeySchemaText, JOURNEY_SCHEMA_FILE } from './json-schema.ts';
export { compileMatcher, compileCondition, matchesEvent, valueTest, type EventPredicate } from './matcher-memory.ts';
export { matcherSql, conditionSql, type MatcherSqlOptions, type StoredColumn } from './matcher-sql.ts';
export { touchpointOf, touchpointCaseSql, stageCaseSql, type TouchpointHit } from './assign.ts';
export { personaOf, ruleHolds, countEventsFrom, type CountEvents } from './persona-memory.ts';
export { personaRuleSql, personaCaseSql, type PersonaSqlContext } from './persona-sql.ts';
export { listTemplates, getTemplate, getTemplateText, TEMPLATE_IDS, type TemplateId, type TemplateSummary } from './templates/index.ts';
