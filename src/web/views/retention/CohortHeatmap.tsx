import { useMemo } from 'react';
import { Chart } from '../../components/Chart.tsx';
import { fmt } from '../../components/ui.tsx';
import { usePhone } from '../analytics-common/use-phone.ts';
import type { RetentionResult } from './types.ts';

/** Cohorts as rows, periods since the first event as columns, the share who came back as colour. */
export function CohortHeatmap({ result }: { result: RetentionResult }) {
  const unit = result.cohort === 'week' ? 'Week' : 'Month';
  // Period 0 is the cohort itself (always 100 %): the columns start at the first period after it.
  const periods = Array.from({ length: Math.max(1, result.periods - 1) }, (_, k) => `${unit} ${k + 1}`);
  // Oldest cohort at the top (the API lists them oldest first), as cohort tables read.
  const rows = result.cohorts;
  // On a phone "Week 3" does not fit a column: the axis shows "3" and its name says what it counts.
  const phone = usePhone();
  const option = useMemo(() => {
    const data: [number, number, number][] = [];
    rows.forEach((c, y) => c.rates.forEach((r, k) => { if (k > 0) data.push([k - 1, y, +(r * 100).toFixed(1)]); }));
    const max = Math.max(10, ...data.map((d) => d[2]));
    return {
      grid: { left: 120, right: 16, top: 8, bottom: 84 },
      tooltip: {
        position: 'top',
        formatter: (p: { data: [number, number, number] }) => {
          const c = rows[p.data[1]];
          return `${c.cohort} (${c.size} customers)<br/>${periods[p.data[0]]}: ${c.retained[p.data[0] + 1]} came back (${p.data[2]} %)`;
        },
      },
      xAxis: { type: 'category', data: phone ? periods.map((_, k) => `${k + 1}`) : periods, splitArea: { show: true },
        axisLabel: { interval: 0, rotate: !phone && periods.length > 8 ? 40 : 0 },
        name: `${unit}s after the first “${result.event}”`, nameLocation: 'middle', nameGap: phone || periods.length <= 8 ? 28 : 48 },
      yAxis: { type: 'category', data: rows.map((c) => `${c.cohort} · ${c.size}`), inverse: true, splitArea: { show: true } },
      visualMap: { min: 0, max, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 160, text: [`${max.toFixed(0)} %`, '0 %'], inRange: { color: ['#eef2ff', '#818cf8', '#3730a3'] } },
      series: [{
        type: 'heatmap', data,
        label: { show: true, formatter: (p: { data: [number, number, number] }) => `${Math.round(p.data[2])}`, fontSize: 11 },
        emphasis: { itemStyle: { borderColor: '#111', borderWidth: 1 } },
      }],
    };
  }, [rows, periods, phone, unit, result.event]);
  const label = `Retention by ${result.cohort} cohort: ${rows.map((c) => `${c.cohort}, ${c.size} customers, ${c.rates.slice(1).map((r) => fmt.pct(r, 0)).join(' ')}`).join('; ')}`;
  return <Chart option={option} label={label} height={Math.max(260, rows.length * 30 + 90)} />;
}
