import { useMemo, useState } from 'react';
import { Chart } from '../../components/Chart.tsx';
import { fmt } from '../../components/ui.tsx';
import type { StepResult } from './types.ts';

/** The API's bucket bounds (0, 10 s, 1 min, 5 min … 180 d) in their own round units. */
function short(s: number): string {
  if (s === 0) return '0';
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${s / 60} min`;
  if (s < 86_400) return `${s / 3600} h`;
  if (s % 604_800 === 0 && s < 2_592_000) return `${s / 604_800} w`;
  return `${Math.round(s / 86_400)} d`;
}

/** Bucket lower bounds (seconds) as readable ranges: "10 s – 1 min", "≥ 1 d". */
function bucketLabel(from: number, next: number | undefined): string {
  return next === undefined ? `≥ ${short(from)}` : `${short(from)} – ${short(next)}`;
}

/** How long customers took from one step to the next: the API's histogram for the chosen step. */
export function TimeToConvert({ steps }: { steps: StepResult[] }) {
  const [index, setIndex] = useState(steps.length - 1);
  const step = steps[Math.min(index, steps.length - 1)];
  const buckets = step?.timeDistribution ?? [];
  // Trailing empty buckets only stretch the axis.
  const last = buckets.reduce((k, b, i) => (b.count > 0 ? i : k), 0);
  const shown = buckets.slice(0, Math.max(last + 1, 1));
  const option = useMemo(() => ({
    grid: { left: 44, right: 12, top: 28, bottom: 84 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: shown.map((b, i) => bucketLabel(b.bucketSeconds, buckets[i + 1]?.bucketSeconds)), axisLabel: { rotate: 30, interval: 0 },
      name: 'Time from the previous step', nameLocation: 'middle', nameGap: 66 },
    yAxis: { type: 'value', name: 'Customers', minInterval: 1 },
    series: [{ type: 'bar', data: shown.map((b) => b.count), itemStyle: { color: '#0ea5e9' }, barMaxWidth: 48 }],
  }), [shown, buckets]);
  if (steps.length < 2) return null;
  return (
    <>
      <label className="field inline-field">
        <span>Time to reach</span>
        <select value={Math.min(index, steps.length - 1)} onChange={(e) => setIndex(Number(e.target.value))}>
          {steps.slice(1).map((s, i) => <option key={i + 1} value={i + 1}>step {i + 2}: {s.name} (from step {i + 1})</option>)}
        </select>
      </label>
      {step.count === 0 ? <p className="muted">Nobody reached this step.</p> : (
        <>
          <p className="muted small">Median {fmt.duration(step.medianSecondsFromPrevious)}, average {fmt.duration(step.averageSecondsFromPrevious)}, over {fmt.int(step.count)} customers.</p>
          <Chart option={option} height={280} label={`Time from step ${index} to step ${index + 1}: ${shown.map((b, i) => `${bucketLabel(b.bucketSeconds, buckets[i + 1]?.bucketSeconds)} ${b.count}`).join(', ')}`} />
        </>
      )}
    </>
  );
}
