/** Nearest-rank percentile (p in 0..100) of unsorted samples; NaN for none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function summarize(samples: readonly number[]): { n: number; p50: number; p90: number; p99: number; max: number } {
  const r = (v: number) => Math.round(v * 100) / 100;
  return {
    n: samples.length,
    p50: r(percentile(samples, 50)), p90: r(percentile(samples, 90)), p99: r(percentile(samples, 99)),
    max: r(samples.reduce((m, v) => Math.max(m, v), 0)),
  };
}

/** 1234567 → "1,234,567". */
export const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
