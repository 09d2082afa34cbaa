import { useMemo } from 'react';
import { Chart } from '../../components/Chart.tsx';
import type { JourneyMap } from './types.ts';

const LABELS: Record<string, string> = { '-2': 'very negative', '-1': 'negative', '0': 'neutral', '1': 'positive', '2': 'very positive' };

/**
 * Expected emotion per stage (from the journey definition) against the measured one: the mean emotion
 * answer, and the comments' sentiment (−1 … 1, doubled onto the same −2 … 2 axis).
 */
export function EmotionCurve({ map }: { map: JourneyMap }) {
  const hasExpected = map.stages.some((s) => s.expectedEmotion !== null);
  const hasMeasured = map.stages.some((s) => s.voc && (s.voc.emotion !== null || s.voc.sentiment !== null));
  // On a phone the stage names break onto lines and the scale reads −2 … +2, so labels don't collide.
  const narrow = typeof window !== 'undefined' && window.matchMedia('(max-width: 600px)').matches;
  const option = useMemo(() => ({
    animation: false,
    grid: { left: narrow ? 36 : 92, right: 16, top: narrow ? 56 : 36, bottom: narrow ? 56 : 40 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v === null || v === undefined ? 'no data' : v.toFixed(2)) },
    xAxis: { type: 'category', data: map.stages.map((s) => s.name), axisLabel: { interval: 0, width: narrow ? 64 : 110, overflow: 'break', fontSize: narrow ? 10 : 12 } },
    yAxis: { type: 'value', min: -2, max: 2, interval: 1, axisLabel: { formatter: (v: number) => (narrow ? (v > 0 ? `+${v}` : String(v)) : LABELS[String(v)] ?? '') } },
    series: [
      { name: 'Expected', type: 'line', data: map.stages.map((s) => s.expectedEmotion), lineStyle: { type: 'dashed', width: 2 }, color: '#6366f1', symbolSize: 8, connectNulls: true },
      { name: 'Measured emotion', type: 'line', data: map.stages.map((s) => s.voc?.emotion ?? null), color: '#15803d', symbolSize: 8, lineStyle: { width: 3 }, connectNulls: true },
      { name: 'Comment sentiment', type: 'line', data: map.stages.map((s) => (s.voc?.sentiment == null ? null : s.voc.sentiment * 2)), color: '#b45309', symbolSize: 7, connectNulls: true },
    ],
  }), [map, narrow]);
  if (!hasExpected && !hasMeasured) {
    return <p className="muted small">Set an expected emotion per stage in the editor, and ask customers with an emotion survey, to compare the two here.</p>;
  }
  const described = map.stages.map((s) => `${s.name}: expected ${s.expectedEmotion ?? 'not set'}, measured ${s.voc?.emotion?.toFixed(1) ?? 'no answers'}`).join('; ');
  return (
    <>
      <Chart option={option} height={260} label={`Emotion curve. ${described}`} />
      {!hasMeasured && <p className="muted small">No emotion answers or comments in this range yet: the measured line appears once customers answer a survey.</p>}
    </>
  );
}
