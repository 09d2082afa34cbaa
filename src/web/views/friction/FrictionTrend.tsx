import { useMemo } from 'react';
import { Chart } from '../../components/Chart.tsx';
import type { Signal } from './types.ts';

const COLORS = ['#ef4444', '#f59e0b', '#8b5cf6', '#0ea5e9', '#14b8a6', '#ec4899', '#64748b'];
const DAY = 86_400_000;

/** Monday of the UTC week of a `YYYY-MM-DD` day. */
function weekOf(day: string): string {
  const t = Date.parse(`${day}T00:00:00Z`);
  const dow = (new Date(t).getUTCDay() + 6) % 7;
  return new Date(t - dow * DAY).toISOString().slice(0, 10);
}

/** Customers meeting each signal per day or week (the API's daily series, summed per week when asked); days without any count 0. */
export function FrictionTrend({ signals, by }: { signals: Signal[]; by: 'day' | 'week' }) {
  const option = useMemo(() => {
    const days = signals.flatMap((s) => s.trend.map((p) => p.day)).sort();
    if (days.length === 0) return null;
    const axis: string[] = [];
    const first = by === 'week' ? weekOf(days[0]) : days[0];
    for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${days[days.length - 1]}T00:00:00Z`); t += by === 'week' ? 7 * DAY : DAY) {
      axis.push(new Date(t).toISOString().slice(0, 10));
    }
    const index = new Map(axis.map((d, i) => [d, i]));
    return {
      grid: { left: 40, right: 12, top: 64, bottom: 28 },
      tooltip: { trigger: 'axis' },
      legend: { top: 0, type: 'scroll' },
      dataZoom: [{ type: 'inside' }],
      xAxis: { type: 'category', data: axis, boundaryGap: false },
      yAxis: { type: 'value', minInterval: 1, name: 'Occurrences' },
      series: signals.map((s, i) => {
        const data = axis.map(() => 0);
        for (const p of s.trend) data[index.get(by === 'week' ? weekOf(p.day) : p.day)!] += p.occurrences;
        return { name: s.label, type: 'line', smooth: false, symbol: 'none', data, lineStyle: { width: 2 }, itemStyle: { color: COLORS[i % COLORS.length] } };
      }),
    };
  }, [signals, by]);
  if (!option) return <p className="muted">No friction in this period.</p>;
  const label = `Friction per ${by}: ${signals.map((s) => `${s.label} ${s.occurrences} in total`).join(', ')}`;
  return <Chart option={option} height={300} label={label} />;
}
