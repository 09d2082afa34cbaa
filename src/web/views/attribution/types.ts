/** Answer of `POST /api/v1/query/attribution` (src/analytics/attribution/schema.ts). */
export type Model = 'first_touch' | 'last_touch' | 'linear' | 'position_based' | 'time_decay' | 'data_driven';
export interface ChannelCredit { channel: string; conversions: number; revenue: number; share: number }
export interface ModelResult { model: Model; conversions: number; revenue: number; channels: ChannelCredit[]; markov?: { conversionProbability: number; removalEffects: Record<string, number> } }
export interface AttributionResult { dimension: string; lookbackDays: number; conversions: number; revenue: number; models: ModelResult[] }

export const MODEL_LABELS: Record<Model, string> = {
  first_touch: 'First touch', last_touch: 'Last touch', linear: 'Linear', position_based: 'Position (40/20/40)',
  time_decay: 'Time decay', data_driven: 'Data-driven (Markov)',
};
export const MODEL_COLORS: Record<Model, string> = {
  first_touch: '#4f46e5', last_touch: '#0ea5e9', linear: '#14b8a6', position_based: '#f59e0b', time_decay: '#ec4899', data_driven: '#64748b',
};
