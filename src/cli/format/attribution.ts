import type { AttributionResult } from '../../analytics/attribution/schema.ts';
import { pct, renderTable } from './table.ts';

/** Share of conversions credited to each channel (or touchpoint), one column per model. */
export function formatAttribution(r: AttributionResult): string {
  const keys = [...new Set(r.models.flatMap((m) => m.channels.map((c) => c.channel)))];
  const share = (model: AttributionResult['models'][number], key: string) => model.channels.find((c) => c.channel === key)?.share ?? 0;
  const first = r.models[0];
  if (first) keys.sort((a, b) => share(first, b) - share(first, a));
  return [
    `${r.conversions} conversions, revenue ${r.revenue.toFixed(2)}, ${r.lookbackDays}-day lookback, credit by ${r.dimension}`,
    renderTable([{ title: r.dimension }, ...r.models.map((m) => ({ title: m.model, align: 'right' as const }))],
      keys.map((k) => [k, ...r.models.map((m) => pct(share(m, k)))])),
  ].join('\n');
}
