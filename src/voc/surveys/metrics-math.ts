/**
 * Score formulas with 95 % confidence intervals (z = 1.96), as DESIGN.md defines the scores:
 * NPS = % promoters (9–10) − % detractors (0–6); CSAT = % of 4–5 answers; CES = mean on 1–7.
 */
const Z = 1.96;

export interface NpsScore { score: number | null; n: number; ci: [number, number] | null; promoters: number; passives: number; detractors: number }

/**
 * NPS with the adjusted-Wald interval (Rocks 2016, "Interval estimation for the Net Promoter Score"):
 * ¾ of a promoter and ¾ of a detractor are added to n + 3 before the usual variance of a difference of
 * two multinomial shares, so 3 detractors out of 3 read [−100, 6.6], not the degenerate [−100, −100].
 * The score itself stays the plain NPS.
 */
export function npsScore(promoters: number, passives: number, detractors: number): NpsScore {
  const n = promoters + passives + detractors;
  if (n === 0) return { score: null, n, ci: null, promoters, passives, detractors };
  const adjusted = n + 3, p = (promoters + 0.75) / adjusted, d = (detractors + 0.75) / adjusted;
  const centre = (p - d) * 100;
  const se = Math.sqrt((p + d - (p - d) ** 2) / adjusted) * 100;
  const ci: [number, number] = [round(Math.max(-100, centre - Z * se)), round(Math.min(100, centre + Z * se))];
  return { score: round((promoters - detractors) / n * 100), n, ci, promoters, passives, detractors };
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

/** CES (or any mean score) with a normal interval from the sample standard deviation (none from one answer). */
export function meanScore(sum: number, sumSquares: number, n: number): { score: number | null; n: number; ci: [number, number] | null } {
  if (n === 0) return { score: null, n, ci: null };
  if (n === 1) return { score: round(sum, 2), n, ci: null };
  const mean = sum / n;
  const variance = n > 1 ? Math.max(0, (sumSquares - n * mean * mean) / (n - 1)) : 0;
  const half = Z * Math.sqrt(variance / n);
  return { score: round(mean, 2), n, ci: [round(mean - half, 2), round(mean + half, 2)] };
}

function round(x: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
