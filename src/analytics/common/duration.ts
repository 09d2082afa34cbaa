import { z } from 'zod';

/**
 * Durations as the API spells them (`"30m"`, `"1h"`, `"7d"`, `"2w"`, as in DESIGN.md's funnel
 * `window`), for analytics that take a window of their own (friction, drop-off).
 */
const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
const DURATION = /^([1-9]\d{0,5})([mhdw])$/;
export const MAX_DURATION_MS = 366 * UNIT_MS.d;

/** `"7d"` → 604 800 000; null when the text is not a duration. */
export function durationMs(text: string): number | null {
  const m = DURATION.exec(text);
  return m ? Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS] : null;
}

/** A duration of at most 366 days. */
export const DurationSchema = z.string().refine((w) => {
  const ms = durationMs(w);
  return ms !== null && ms <= MAX_DURATION_MS;
}, { error: 'must be a duration such as "30m", "1h", "7d" or "2w" (at most 366 days)' });
