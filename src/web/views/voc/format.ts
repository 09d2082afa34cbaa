import type { Ci, MetricKind } from './types.ts';

/** NPS as "+32", CSAT as "78 %", CES as "3.12": each score in the unit people quote it in. */
export function fmtScore(kind: MetricKind, x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  if (kind === 'nps') return `${x > 0 ? '+' : x < 0 ? '−' : ''}${Math.abs(Math.round(x))}`;
  if (kind === 'csat') return `${Math.round(x)} %`;
  return x.toFixed(2);
}

export const fmtCi = (kind: MetricKind, ci: Ci) => (ci ? `${fmtScore(kind, ci[0])} to ${fmtScore(kind, ci[1])}` : '–');

/** The range a score can take, for drawing intervals on one scale. */
export const DOMAIN: Record<MetricKind, [number, number]> = { nps: [-100, 100], csat: [0, 100], ces: [1, 7] };

export const METRIC_LABEL: Record<MetricKind, string> = { nps: 'NPS', csat: 'CSAT', ces: 'Customer effort (CES)' };
export const METRIC_HINT: Record<MetricKind, string> = {
  nps: '% promoters (9–10) − % detractors (0–6)',
  csat: '% of answers 4–5 on 1–5',
  ces: 'mean effort 1–7, lower is better',
};

/** Whether a higher score is better (effort is the one where it is not). */
export const higherIsBetter = (kind: MetricKind) => kind !== 'ces';

/** good / warn / bad for a score, with the usual thresholds (NPS > 30, CSAT ≥ 80 %, CES ≤ 3). */
export function tone(kind: MetricKind, x: number | null): 'good' | 'warn' | 'bad' | undefined {
  if (x === null) return undefined;
  if (kind === 'nps') return x >= 30 ? 'good' : x >= 0 ? 'warn' : 'bad';
  if (kind === 'csat') return x >= 80 ? 'good' : x >= 60 ? 'warn' : 'bad';
  return x <= 3 ? 'good' : x <= 4.5 ? 'warn' : 'bad';
}
