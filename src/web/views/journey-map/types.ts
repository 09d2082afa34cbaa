// The map's answer is typed once, by the server (type-only: nothing of it ships to the browser).
export type { Health, MapStage, MapTouchpoint, JourneyMapResult as JourneyMap } from '../../../analytics/journey-map/schema.ts';
import type { MapTouchpoint, TouchpointVoc } from '../../../analytics/journey-map/schema.ts';
export type Voc = TouchpointVoc;

export type Emotion = number | 'very negative' | 'negative' | 'neutral' | 'positive' | 'very positive';

export interface Condition { property: string; op: string; value?: unknown }
export interface Matcher { event?: string | string[]; type?: string | string[]; channel?: string | string[]; where?: Condition[] }
export interface TouchpointDef { id: string; name: string; description?: string; channel?: string | string[]; match: Matcher }
export interface StageDef {
  id: string; name: string; description?: string;
  goal?: { description: string; metric?: { touchpoint: string } | { event: string }; target?: number };
  expectedEmotion?: Emotion;
  touchpoints: TouchpointDef[];
}
export interface PersonaDef { id: string; name: string; description?: string; rule: unknown }
export interface JourneyDef { $schema?: string; id: string; name: string; description?: string; stages: StageDef[]; personas?: PersonaDef[] }

export interface StoredJourney { id: string; version: number; createdAt: string; journey: JourneyDef }
export interface JourneySummary { id: string; name: string; version: number; stages: number; updatedAt: string }

/** Swimlanes, in this order; `voice` shares the phone lane. */
export const LANES = ['web', 'app', 'email', 'social', 'chat', 'phone', 'store', 'other'] as const;
export type Lane = (typeof LANES)[number];

export function laneOf(tp: Pick<MapTouchpoint, 'declaredChannels' | 'channels'>): Lane {
  const c = tp.declaredChannels[0] ?? tp.channels[0] ?? 'other';
  if (c === 'voice') return 'phone';
  return (LANES as readonly string[]).includes(c) ? (c as Lane) : 'other';
}
