import { z } from 'zod';
import { CHANNELS } from '../ingest/event.ts';
import { EventNameSchema, MatcherSchema } from './matcher.ts';
import { MAX_RULE_DEPTH, PersonaRuleSchema, ruleDepth } from './persona-rule.ts';
import { checkJourney } from './journey-checks.ts';

/**
 * A journey definition ("journeys as code"), as written in JSON or YAML and published as
 * journey.schema.json. It carries no version: storage keeps each saved definition as a new version,
 * and everything here needs only the `Journey` object.
 *
 * Rules beyond the shape (checked in journey-checks.ts): stage ids, touchpoint ids (across the whole
 * journey) and persona ids are unique; a goal's `metric.touchpoint` names a touchpoint of this
 * journey; a touchpoint's `channel` and its `match.channel` overlap; no touchpoint is shadowed by an
 * earlier one (events are assigned to the first matching touchpoint in stage, then touchpoint, order).
 */
export const MAX_STAGES = 20;
export const MAX_TOUCHPOINTS_PER_STAGE = 50;
export const MAX_PERSONAS = 50;

export const SlugSchema = z.string()
  .regex(/^[a-z0-9]+(?:[-_][a-z0-9]+)*$/, { error: 'must be a slug: lowercase letters and digits, words joined by "-" or "_" (e.g. "add-to-cart")' })
  .max(64);

const Name = z.string().trim().min(1, { error: 'must not be empty' }).max(120);
const Description = z.string().max(2000);

export const EMOTIONS = ['very negative', 'negative', 'neutral', 'positive', 'very positive'] as const;
export type EmotionLabel = (typeof EMOTIONS)[number];
export const EmotionSchema = z.union([z.number().min(-2).max(2), z.enum(EMOTIONS)])
  .describe('Expected feeling at this stage: -2 (very negative) to 2 (very positive), or the label.');
export type Emotion = z.infer<typeof EmotionSchema>;

/** The emotion as a score from -2 to 2. */
export function emotionScore(e: Emotion): number {
  return typeof e === 'number' ? e : EMOTIONS.indexOf(e) - 2;
}

export const GoalSchema = z.strictObject({
  description: z.string().trim().min(1, { error: 'must not be empty' }).max(500),
  metric: z.union([
    z.strictObject({ touchpoint: SlugSchema.describe('Id of a touchpoint in this journey.') }),
    z.strictObject({ event: EventNameSchema }),
  ]).optional().describe('What reaching the goal means: reaching a touchpoint, or doing an event, after entering the stage.'),
  target: z.number().min(0).max(1).optional().describe('Share (0–1) of customers entering the stage who should reach the metric.'),
}).meta({ id: 'Goal' });
export type Goal = z.infer<typeof GoalSchema>;

const ChannelsSchema = z.union([z.enum(CHANNELS), z.array(z.enum(CHANNELS)).min(1).max(CHANNELS.length)]);

export const TouchpointSchema = z.strictObject({
  id: SlugSchema,
  name: Name,
  description: Description.optional(),
  channel: ChannelsSchema.optional().describe('Channel(s) of this touchpoint; narrows the match like match.channel.'),
  match: MatcherSchema,
}).meta({ id: 'Touchpoint', description: 'A named point of contact: the events that stand for it.' });
export type Touchpoint = z.infer<typeof TouchpointSchema>;

export const StageSchema = z.strictObject({
  id: SlugSchema,
  name: Name,
  description: Description.optional(),
  goal: GoalSchema.optional(),
  expectedEmotion: EmotionSchema.optional(),
  touchpoints: z.array(TouchpointSchema)
    .min(1, { error: 'a stage needs at least one touchpoint, so customers can be placed in it' })
    .max(MAX_TOUCHPOINTS_PER_STAGE),
}).meta({ id: 'Stage', description: 'An ordered phase of the journey.' });
export type Stage = z.infer<typeof StageSchema>;

export const PersonaSchema = z.strictObject({
  id: SlugSchema,
  name: Name,
  description: Description.optional(),
  rule: PersonaRuleSchema,
}).superRefine((p, ctx) => {
  if (ruleDepth(p.rule) > MAX_RULE_DEPTH) {
    ctx.addIssue({ code: 'custom', path: ['rule'], message: `rule is nested ${ruleDepth(p.rule)} levels deep; at most ${MAX_RULE_DEPTH} are allowed`, input: p.rule });
  }
}).meta({ id: 'Persona', description: 'A segment of customers; the first persona whose rule holds is the customer\'s.' });
export type Persona = z.infer<typeof PersonaSchema>;

export const JourneySchema = z.strictObject({
  $schema: z.string().optional().describe('URL or path of this JSON Schema, for editors.'),
  id: SlugSchema,
  name: Name,
  description: Description.optional(),
  stages: z.array(StageSchema)
    .min(1, { error: 'a journey needs at least one stage' })
    .max(MAX_STAGES, { error: `a journey has at most ${MAX_STAGES} stages` }),
  personas: z.array(PersonaSchema).max(MAX_PERSONAS).optional(),
}).superRefine(checkJourney).meta({
  id: 'Journey',
  title: 'Touchpoint journey definition',
  description: 'Stages (in order) with goals, expected emotion and touchpoints (event matchers), plus personas.',
});
export type Journey = z.infer<typeof JourneySchema>;


export { touchpointMatcher } from './matcher.ts';
