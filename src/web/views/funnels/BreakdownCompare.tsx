import { useMemo } from 'react';
import { Chart } from '../../components/Chart.tsx';
import { fmt } from '../../components/ui.tsx';
import { usePhone } from '../analytics-common/use-phone.ts';
import type { FunnelResult } from './types.ts';

const label = (v: string | null) => v ?? '(none)';

/** The funnel per breakdown value: conversion to the last step side by side, and every step's count. */
export function BreakdownCompare({ result, breakdown }: { result: FunnelResult; breakdown: string }) {
  const groups = result.breakdowns ?? [];
  const lastIndex = result.steps.length - 1;
  const phone = usePhone();
  const option = useMemo(() => ({
    grid: { left: 48, right: 16, top: 44, bottom: 32 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => `${v.toFixed(1)} %` },
    legend: { top: 0, type: 'scroll' },
    xAxis: { type: 'category', data: result.steps.map((s, i) => (phone ? `Step ${i + 1}` : `${i + 1}. ${s.name}`)), axisLabel: { interval: 0, width: 100, overflow: 'truncate' } },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value} %' } },
    series: groups.slice(0, 8).map((g) => ({
      name: label(g.value), type: 'line', symbolSize: 7,
      data: g.steps.map((s) => +(s.conversionRate * 100).toFixed(2)),
    })),
  }), [groups, result.steps, phone]);
  if (groups.length === 0) return <p className="muted">No customer has a value for “{breakdown}” on step 1.</p>;
  return (
    <>
      <Chart option={option} height={300} label={`Conversion by ${breakdown}: ${groups.map((g) => `${label(g.value)} ${fmt.pct(g.steps[lastIndex].conversionRate)}`).join(', ')}`} />
      <div className="table-wrap">
        <table>
          <caption className="sr-only">Funnel by {breakdown}</caption>
          <thead>
            <tr>
              <th scope="col">{breakdown}</th>
              {result.steps.map((s, i) => <th key={i} scope="col" className="num">{i + 1}. {s.name}</th>)}
              <th scope="col" className="num">Conversion</th>
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => (
              <tr key={label(g.value)}>
                <th scope="row">{label(g.value)}</th>
                {g.steps.map((s, i) => <td key={i} className="num">{fmt.int(s.count)}</td>)}
                <td className="num"><strong>{fmt.pct(g.steps[lastIndex].conversionRate)}</strong></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
