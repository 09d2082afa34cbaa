import { useMemo } from 'react';
import { Chart } from '../../components/Chart.tsx';
import { MODEL_COLORS, MODEL_LABELS, type AttributionResult } from './types.ts';

/** Credited conversions (or revenue) per channel, one bar per model, side by side. */
export function AttributionChart({ result, keys, metric, names }: { result: AttributionResult; keys: string[]; metric: 'conversions' | 'revenue'; names: (k: string) => string }) {
  const option = useMemo(() => ({
    grid: { left: 56, right: 12, top: 64, bottom: keys.length > 6 ? 64 : 28 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => (metric === 'revenue' ? v.toFixed(0) : v.toFixed(1)) },
    legend: { top: 0, type: 'scroll' },
    xAxis: { type: 'category', data: keys.map(names), axisLabel: { interval: 0, rotate: keys.length > 6 ? 35 : 0, width: 110, overflow: 'truncate' } },
    yAxis: { type: 'value', name: metric === 'revenue' ? 'Revenue' : 'Conversions' },
    series: result.models.map((m) => ({
      name: MODEL_LABELS[m.model], type: 'bar', itemStyle: { color: MODEL_COLORS[m.model] }, barMaxWidth: 22,
      data: keys.map((k) => +(m.channels.find((c) => c.channel === k)?.[metric] ?? 0).toFixed(2)),
    })),
  }), [result, keys, metric, names]);
  const label = `Credited ${metric} by model: ${result.models.map((m) => `${MODEL_LABELS[m.model]}: ${m.channels.slice(0, 5).map((c) => `${names(c.channel)} ${c[metric].toFixed(1)}`).join(', ')}`).join('; ')}`;
  return <Chart option={option} height={340} label={label} />;
}
