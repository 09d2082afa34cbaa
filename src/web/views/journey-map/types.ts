/** Shapes of the journey API as the map uses them (docs/api.md; server types in src/analytics/journey-map/schema.ts). */
export type Health = 'good' | 'warning' | 'bad';

export interface Voc { nps: number | null; csat: number | null; sentiment: number | null; emotion: number | null; n: number }

export interface MapTouchpoint {
  id: string;
  name: string;
  declaredChannels: string[];
  channels: string[];
  reach: number;
  events: number;
  inStage: number;
  conversionToNextStage: number | null;
  medianSecondsToNextStage: number | null;
  friction: { slowPages: number; errors: number; paymentFailures: number; returns: number; lateDeliveries: number; customers: number; share: number; rate: number };
  health: Health;
  voc: Voc | null;
}

export interface MapStage {
  id: string;
  name: string;
  expectedEmotion: number | null;
  expectedEmotionLabel: string | number | null;
  goal: { description: string; target: number | null; reached: number | null; met: boolean | null } | null;
  reach: number;
  advanced: number;
  conversionToNext: number | null;
  medianSecondsToNext: number | null;
  dropOff: { touchpointId: string; name: string; customers: number; share: number }[];
  voc: Voc | null;
  touchpoints: MapTouchpoint[];
}

export interface JourneyMap {
  journey: { id: string; name: string; version: number | null };
  range: { from: string | null; to: string | null };
  persona: string | null;
  stages: MapStage[];
  channels: string[];
  totals: { customers: number; events: number };
}

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
