import { useMemo } from 'react';
import { Chart } from '../../components/Chart.tsx';
import { fmt } from '../../components/ui.tsx';
import { usePhone } from '../analytics-common/use-phone.ts';
import type { StepResult } from './types.ts';

/** Customers at each step as bars, with the ones lost since the previous step stacked above in red. */
export function FunnelChart({ steps }: { steps: StepResult[] }) {
  const phone = usePhone();
  // On a phone the axis shows step numbers only; the table below names them.
  const option = useMemo(() => ({
    grid: { left: 48, right: 16, top: 44, bottom: 40 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, data: ['Reached the step', 'Dropped off here'] },
    xAxis: {
      type: 'category', data: steps.map((s, i) => (phone ? `Step ${i + 1}` : `${i + 1}. ${s.name}`)),
      axisLabel: { interval: 0, width: Math.max(60, 640 / steps.length), overflow: 'truncate' },
    },
    yAxis: { type: 'value', name: phone ? '' : 'Customers', nameTextStyle: { align: 'right' } },
    series: [
      {
        name: 'Reached the step', type: 'bar', stack: 'funnel', barMaxWidth: 90, itemStyle: { color: '#4f46e5' },
        data: steps.map((s) => s.count),
        label: { show: true, position: 'insideTop', color: '#fff', formatter: (p: { dataIndex: number }) => fmt.pct(steps[p.dataIndex].conversionRate, 0) },
      },
      {
        name: 'Dropped off here', type: 'bar', stack: 'funnel', itemStyle: { color: '#fca5a5' },
        data: steps.map((s) => s.dropOff),
      },
    ],
  }), [steps, phone]);
  const label = `Funnel: ${steps.map((s) => `${s.name} ${s.count} customers`).join(', ')}`;
  return <Chart option={option} label={label} height={320} />;
}
