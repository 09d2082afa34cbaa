import type { FrictionResult } from '../../analytics/friction/schema.ts';
import { pct, renderTable } from './table.ts';

const points = (x: number | null) => x === null ? '—' : `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)} pts`;

/** One row per friction signal: who met it, and the conversion of those who did against those who did not. */
export function formatFriction(r: FrictionResult): string {
  const rows = r.signals.map((s) => [
    s.label, s.occurrences, s.customers, pct(s.share),
    s.conversion ? pct(s.conversion.withFriction.rate) : '—',
    s.conversion ? pct(s.conversion.withoutFriction.rate) : '—',
    s.conversion ? points(s.conversion.lift) : '—',
  ]);
  const outcome = r.signals.find((s) => s.conversion)?.conversion;
  return [
    `${r.activeCustomers} active customers${r.asOf ? `, outcomes judged up to ${r.asOf.slice(0, 10)}` : ''}` +
      (outcome ? `; conversion = ${outcome.outcome} within ${outcome.window}` : ''),
    renderTable([{ title: 'signal' }, { title: 'occurrences', align: 'right' }, { title: 'customers', align: 'right' },
      { title: 'share', align: 'right' }, { title: 'conv. with', align: 'right' }, { title: 'without', align: 'right' },
      { title: 'difference', align: 'right' }], rows),
  ].join('\n');
}
