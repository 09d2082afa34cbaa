import { useMemo } from 'react';
import { usePhone } from '../analytics-common/use-phone.ts';
import { Chart } from '../../components/Chart.tsx';
import { fmt } from '../../components/ui.tsx';
import type { RetentionResult } from './types.ts';

/** How long customers wait between one purchase and the next. */
export function TimeBetween({ t, event }: { t: RetentionResult['timeBetween']; event: string }) {
  const phone = usePhone();
  const option = useMemo(() => ({
    grid: { left: 44, right: 12, top: 28, bottom: phone ? 96 : 56 },
    tooltip: { trigger: 'axis' },
    // Nine bucket names do not fit side by side on a phone: they slant there.
    xAxis: { type: 'category', data: t.buckets.map((b) => b.label), axisLabel: { interval: 0, rotate: phone ? 45 : 0 },
      name: 'Time until they did it again', nameLocation: 'middle', nameGap: phone ? 76 : 32 },
    yAxis: { type: 'value', minInterval: 1, name: 'Repeats' },
    series: [{ type: 'bar', data: t.buckets.map((b) => b.count), itemStyle: { color: '#14b8a6' }, barMaxWidth: 48 }],
  }), [t, phone]);
  if (t.intervals === 0) return <p className="muted">Nobody did “{event}” twice in this period yet.</p>;
  return (
    <>
      <p className="muted small">{fmt.int(t.intervals)} repeats; median {fmt.num(t.medianDays)} days, mean {fmt.num(t.meanDays)}, 75 % within {fmt.num(t.p75Days)} days.</p>
      <Chart option={option} height={phone ? 300 : 260} label={`Time between ${event}: ${t.buckets.map((b) => `${b.label} ${b.count}`).join(', ')}`} />
    </>
  );
}
