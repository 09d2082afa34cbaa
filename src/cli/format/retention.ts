import type { RetentionResult } from '../../analytics/retention/schema.ts';
import { pct, renderTable } from './table.ts';

/** The cohort triangle (share still active in each period), then repeat rate and time between purchases. */
export function formatRetention(r: RetentionResult): string {
  const periods = Array.from({ length: r.periods }, (_, k) => ({ title: `${r.cohort} ${k}`, align: 'right' as const }));
  const cohorts = renderTable([{ title: 'cohort' }, { title: 'customers', align: 'right' }, ...periods, { title: 'repeat', align: 'right' }],
    r.cohorts.map((c) => [c.cohort, c.size, ...periods.map((_, k) => (k < c.rates.length ? pct(c.rates[k], 0) : '')), pct(c.repeatRate, 0)]));
  const t = r.timeBetween;
  const days = (d: number | null) => (d === null ? '—' : `${d.toFixed(1)} d`);
  return [
    `Cohorts by first "${r.event}", returning with "${r.returnEvent}"`, cohorts,
    `\nRepeat purchase: ${r.repeat.repeaters} of ${r.repeat.customers} customers (${pct(r.repeat.rate)})`,
    `Time between purchases (${t.intervals} intervals): median ${days(t.medianDays)}, mean ${days(t.meanDays)}, p75 ${days(t.p75Days)}`,
    renderTable([{ title: 'interval' }, { title: 'count', align: 'right' }, { title: 'share', align: 'right' }],
      t.buckets.map((b) => [b.label, b.count, pct(b.share)])),
  ].join('\n');
}
