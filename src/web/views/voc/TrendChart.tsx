import { useMemo } from 'react';
import { Chart, type ChartOption } from '../../components/Chart.tsx';
import { fmtCi, fmtScore, METRIC_LABEL } from './format.ts';
import type { MetricGroup, MetricKind } from './types.ts';

/** The score over time with its 95 % interval as a shaded band (wide where few answered). */
export function TrendChart({ kind, groups, unit }: { kind: MetricKind; groups: MetricGroup[]; unit: 'day' | 'week' }) {
  const option = useMemo<ChartOption>(() => {
    const points = groups.filter((g) => g.score !== null && g.value);
    const x = points.map((g) => String(g.value));
    const low = points.map((g) => g.ci?.[0] ?? g.score);
    const band = points.map((g) => (g.ci ? g.ci[1] - g.ci[0] : 0));
    const colour = '#4f46e5';
    return {
      grid: { left: 48, right: 16, top: 24, bottom: 40 },
      tooltip: {
        trigger: 'axis',
        formatter: (params: { dataIndex: number }[]) => {
          const g = points[params[0]?.dataIndex ?? 0];
          return g ? `${unit === 'week' ? 'Week of ' : ''}${g.value}<br/><b>${METRIC_LABEL[kind]} ${fmtScore(kind, g.score)}</b><br/>95 % CI ${fmtCi(kind, g.ci)}<br/>n = ${g.n}` : '';
        },
      },
      xAxis: { type: 'category', data: x, boundaryGap: false, axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value', scale: true, name: METRIC_LABEL[kind], nameTextStyle: { align: 'left' } },
      series: [
        { name: 'low', type: 'line', data: low, stack: 'ci', stackStrategy: 'all', symbol: 'none', lineStyle: { opacity: 0 }, silent: true, tooltip: { show: false } },
        { name: '95 % interval', type: 'line', data: band, stack: 'ci', stackStrategy: 'all', symbol: 'none', lineStyle: { opacity: 0 }, areaStyle: { color: colour, opacity: 0.15 }, silent: true },
        { name: METRIC_LABEL[kind], type: 'line', data: points.map((g) => g.score), symbolSize: 6, lineStyle: { width: 2, color: colour }, itemStyle: { color: colour } },
      ],
    };
  }, [groups, kind, unit]);
  const summary = groups.length ? `${METRIC_LABEL[kind]} by ${unit} from ${groups[0].value} to ${groups[groups.length - 1].value}, with 95 % intervals` : 'No data';
  return <Chart option={option} height={280} label={summary} />;
}
