/** Answers of `POST /api/v1/query/paths` and `/paths/top` (src/analytics/paths/schema.ts). */
export interface PathNode { id: string; name: string; step: number; value: number; exits: number }
export interface PathsResult { customers: number; nodes: PathNode[]; links: { source: string; target: string; value: number }[] }
export interface TopPathsResult { outcome: 'purchase' | 'abandonment'; customers: number; paths: { steps: string[]; customers: number; share: number }[] }
