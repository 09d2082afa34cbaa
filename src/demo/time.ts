import type { Rng } from './rng.ts';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/**
 * Relative chance of a visit starting at each local hour: quiet at night, a lunch bump and an
 * evening peak, the usual shape of hobby e-commerce traffic.
 */
const HOUR_WEIGHTS = [0.4, 0.2, 0.1, 0.1, 0.1, 0.2, 0.5, 1, 1.4, 1.6, 1.8, 2, 2.4, 2.2, 2, 2, 2.2, 2.6, 3.2, 3.8, 4, 3.6, 2.4, 1.2];
const HOUR_TOTAL = HOUR_WEIGHTS.reduce((a, b) => a + b, 0);

function localHour(rng: Rng): number {
  let r = rng.next() * HOUR_TOTAL;
  for (let h = 0; h < 24; h++) {
    r -= HOUR_WEIGHTS[h];
    if (r < 0) return h;
  }
  return 20;
}

/**
 * A visit start on the day `after + gap` falls on, at a plausible local hour for someone `utcOffset`
 * hours from UTC, and never before `after`.
 */
export function visitTime(rng: Rng, after: number, gap: number, utcOffset: number): number {
  const target = after + gap;
  const localMidnight = Math.floor((target + utcOffset * HOUR) / DAY) * DAY - utcOffset * HOUR;
  let t = localMidnight + localHour(rng) * HOUR + rng.next() * HOUR;
  while (t <= after) t += DAY;
  return t;
}
