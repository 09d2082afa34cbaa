import { useEffect, useRef } from 'react';
import type { EChartsCoreOption, EChartsType } from 'echarts/core';

export type ChartOption = EChartsCoreOption;

interface Props {
  option: ChartOption;
  height?: number | string;
  /** What the chart shows, for screen readers (the canvas itself is opaque to them). */
  label: string;
  onClick?: (params: { name?: string; data?: unknown; dataIndex?: number; seriesName?: string; dataType?: string }) => void;
  /** Receives the ECharts instance (for PNG export). */
  onReady?: (chart: EChartsType) => void;
}

const BASE_SERIES = new Set(['line', 'bar']);

/** Line and bar charts need only the small ECharts chunk; anything else also loads the extra one. */
function loadECharts(option: ChartOption) {
  const o = option as { series?: { type?: string } | { type?: string }[]; visualMap?: unknown; dataZoom?: unknown };
  const series = Array.isArray(o.series) ? o.series : o.series ? [o.series] : [];
  const extra = o.visualMap !== undefined || o.dataZoom !== undefined || series.some((s) => !BASE_SERIES.has(s.type ?? 'line'));
  return extra ? import('./echarts-extra.ts').then((m) => m.default) : import('./echarts-setup.ts').then((m) => m.default);
}

/**
 * An Apache ECharts chart. ECharts is loaded on first use (its own chunk), so views paint their
 * numbers before the charts arrive; the chart resizes with its box.
 */
export function Chart({ option, height = 320, label, onClick, onReady }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | undefined;
    void loadECharts(option).then((echarts) => {
      if (disposed || !box.current) return;
      const c = echarts.init(box.current, undefined, { renderer: 'canvas' });
      chart.current = c;
      c.on('click', (p) => clickRef.current?.(p as Parameters<NonNullable<Props['onClick']>>[0]));
      c.setOption(option, true);
      onReady?.(c);
      observer = new ResizeObserver(() => c.resize());
      observer.observe(box.current);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => { chart.current?.setOption(option, true); }, [option]);

  return <div ref={box} className="chart" role="img" aria-label={label} style={{ height }} />;
}
