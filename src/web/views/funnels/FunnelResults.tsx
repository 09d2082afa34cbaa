import { Card, EmptyState, fmt, Stat } from '../../components/ui.tsx';
import { BreakdownCompare } from './BreakdownCompare.tsx';
import { FunnelChart } from './FunnelChart.tsx';
import { FunnelTable } from './FunnelTable.tsx';
import { TimeToConvert } from './TimeToConvert.tsx';
import type { FunnelResult } from './types.ts';

/** Headline numbers, the chart, the step table, the breakdown and time to convert. */
export function FunnelResults({ result, breakdown, stale }: { result: FunnelResult; breakdown: string; stale: boolean }) {
  const steps = result.steps;
  const first = steps[0];
  const last = steps[steps.length - 1];
  if (!first || first.count === 0) {
    return <EmptyState title="Nobody entered this funnel in this period">
      <p>No customer did step 1 ({first?.name}) in the chosen period. Pick a longer period, or another first step.</p>
    </EmptyState>;
  }
  const worst = steps.slice(1).reduce((w, s) => (s.dropOffRate > w.dropOffRate ? s : w), steps[1]);
  const worstIndex = steps.indexOf(worst);
  return (
    <div className={stale ? 'stale' : ''}>
      <div className="stats">
        <Stat label="Entered (step 1)" value={fmt.int(first.count)} />
        <Stat label={`Completed (step ${steps.length})`} value={fmt.int(last.count)} />
        <Stat label="Overall conversion" value={fmt.pct(last.conversionRate)} tone={last.conversionRate < 0.1 ? 'bad' : last.conversionRate < 0.3 ? 'warn' : 'good'} />
        <Stat label="Biggest drop-off" value={fmt.pct(worst.dropOffRate, 0)} tone="bad"
          hint={`${worstIndex}. ${steps[worstIndex - 1].name} → ${worstIndex + 1}. ${worst.name} (${fmt.int(worst.dropOff)} customers)`} />
      </div>
      <Card title="Customers per step"><FunnelChart steps={steps} /><FunnelTable steps={steps} /></Card>
      {breakdown && <Card title={`By ${breakdown}`}><BreakdownCompare result={result} breakdown={breakdown} /></Card>}
      <Card title="Time to convert"><TimeToConvert steps={steps} /></Card>
    </div>
  );
}
