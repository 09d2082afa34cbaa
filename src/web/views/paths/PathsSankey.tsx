import { useMemo } from 'react';
import { Chart } from '../../components/Chart.tsx';
import type { PathsResult } from './types.ts';

const PALETTE = ['#4f46e5', '#0ea5e9', '#14b8a6', '#f59e0b', '#ef4444', '#8b5cf6', '#10b981', '#ec4899', '#64748b', '#84cc16'];

const same = (name: string) => name;

/** Customers flowing from step to step around the anchor; each column is one step. */
export function PathsSankey({ result, phone, names = same }: { result: PathsResult; phone: boolean; names?: (name: string) => string }) {
  const minStep = Math.min(0, ...result.nodes.map((n) => n.step));
  const steps = new Set(result.nodes.map((n) => n.step)).size;
  const option = useMemo(() => {
    // One colour per event name, so the same event reads the same in every column.
    const distinct = [...new Set(result.nodes.map((n) => n.name))];
    const display = new Map(result.nodes.map((n) => [n.id, names(n.name)]));
    const colour = (name: string) => PALETTE[distinct.indexOf(name) % PALETTE.length];
    return {
      tooltip: {
        trigger: 'item',
        formatter: (p: { dataType: string; data: { source?: string; target?: string; value: number; display?: string } }) =>
          p.dataType === 'edge'
            ? `${display.get(p.data.source!)} → ${display.get(p.data.target!)}: ${p.data.value} customers`
            : `${p.data.display}: ${p.data.value} customers`,
      },
      series: [{
        type: 'sankey', left: 8, right: phone ? 70 : 140, top: 12, bottom: 12, nodeGap: 10, nodeWidth: 14, draggable: false,
        emphasis: { focus: 'adjacency' },
        lineStyle: { color: 'gradient', curveness: 0.5, opacity: 0.35 },
        label: { fontSize: phone ? 10 : 12, formatter: (p: { data: { display: string } }) => p.data.display, overflow: 'truncate', width: phone ? 64 : 130 },
        data: result.nodes.map((n) => ({
          name: n.id, display: names(n.name), value: n.value, depth: n.step - minStep, itemStyle: { color: colour(n.name) },
          // Tiny nodes keep their tooltip but not a label, so labels do not pile up.
          ...(n.value < result.customers * 0.02 ? { label: { show: false } } : {}),
        })),
        links: result.links,
      }],
    };
  }, [result, minStep, phone, names]);
  const height = Math.max(320, Math.min(720, result.nodes.length * 26 / Math.max(1, steps) * 2.2));
  const label = `Paths of ${result.customers} customers: ${result.links.slice(0, 12).map((l) => `${l.source} to ${l.target} ${l.value}`).join(', ')}`;
  return <Chart option={option} height={height} label={label} />;
}
