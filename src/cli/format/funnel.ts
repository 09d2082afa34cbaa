import type { FunnelResult, FunnelStepResult } from '../../analytics/funnel/types.ts';
import { duration, pct, renderTable } from './table.ts';

function steps(rows: readonly FunnelStepResult[]): string {
  return renderTable(
    [{ title: 'step' }, { title: 'customers', align: 'right' }, { title: 'conversion', align: 'right' },
      { title: 'drop-off', align: 'right' }, { title: 'median time' }],
    rows.map((s, i) => [s.name, s.count, pct(s.conversionRate), i === 0 ? '' : s.dropOff, i === 0 ? '' : duration(s.medianSecondsFromPrevious)]));
}

/** A funnel as a terminal table, with one table per breakdown value. */
export function formatFunnel(f: Pick<FunnelResult, 'steps' | 'breakdowns'>): string {
  const parts = [steps(f.steps)];
  for (const b of f.breakdowns ?? []) parts.push(`\n${b.value ?? '(none)'}\n${steps(b.steps)}`);
  return parts.join('\n');
}
