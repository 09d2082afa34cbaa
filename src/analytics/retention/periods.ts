import type { CohortUnit } from './schema.ts';

/** Calendar arithmetic in UTC for cohort periods: weeks start on Monday (ISO 8601). */
const WEEK_MS = 7 * 86_400_000;

export function periodStart(unit: CohortUnit, t: Date): Date {
  const d = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), unit === 'month' ? 1 : t.getUTCDate()));
  if (unit === 'week') d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d;
}

/** Whole periods from the period starting at `a` to the one starting at `b`. */
export function periodIndex(unit: CohortUnit, a: Date, b: Date): number {
  if (unit === 'week') return Math.round((b.getTime() - a.getTime()) / WEEK_MS);
  return (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth());
}

export function ymd(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** ISO 8601 week label of a date, e.g. `2026-W41`; the year is the week-numbering year. */
export function isoWeekLabel(d: Date): string {
  // The Thursday of the date's week decides the year; weeks count from that year's first Thursday.
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  t.setUTCDate(t.getUTCDate() + 4 - (t.getUTCDay() || 7));
  const year = t.getUTCFullYear();
  const week = Math.ceil(((t.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 + 1) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}
