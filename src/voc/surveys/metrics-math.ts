/**
 * Score formulas with 95 % confidence intervals (z = 1.96), as DESIGN.md defines the scores:
 * NPS = % promoters (9–10) − % detractors (0–6); CSAT = % of 4–5 answers; CES = mean on 1–7.
 */
const Z = 1.96;

export interface NpsScore { score: number | null; n: number; ci: [number, number] | null; promoters: number; passives: number; detractors: number }

/** NPS with the normal-approximation interval of a difference of two multinomial shares. */
export function npsScore(promoters: number, passives: number, detractors: number): NpsScore {
  const n = promoters + passives + detractors;
  if (n === 0) return { score: null, n, ci: null, promoters, passives, detractors };
  const p = promoters / n, d = detractors / n;
  const score = (p - d) * 100;
  const se = Math.sqrt((p + d - (p - d) ** 2) / n) * 100;
  return { score: round(score), n, ci: [round(Math.max(-100, score - Z * se)), round(Math.min(100, score + Z * se))], promoters, passives, detractors };
}

/** CSAT as a percentage with the Wilson score interval (good at small n and near 0 % or 100 %). */
export function csatScore(satisfied: number, n: number): { score: number | null; n: number; ci: [number, number] | null } {
  if (n === 0) return { score: null, n, ci: null };
  const p = satisfied / n;
  const denom = 1 + Z * Z / n;
  const centre = (p + Z * Z / (2 * n)) / denom;
  const half = (Z * Math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n))) / denom;
  return { score: round(p * 100), n, ci: [round(Math.max(0, centre - half) * 100), round(Math.min(1, centre + half) * 100)] };
}

/** CES (or any mean score) with a normal interval from the sample standard deviation. */
export function meanScore(sum: number, sumSquares: number, n: number): { score: number | null; n: number; ci: [number, number] | null } {
  if (n === 0) return { score: null, n, ci: null };
  const mean = sum / n;
  const variance = n > 1 ? Math.max(0, (sumSquares - n * mean * mean) / (n - 1)) : 0;
  const half = Z * Math.sqrt(variance / n);
  return { score: round(mean, 2), n, ci: [round(mean - half, 2), round(mean + half, 2)] };
}

function round(x: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
