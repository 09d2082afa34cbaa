import { fmt } from '../../components/ui.tsx';
import type { StepResult } from './types.ts';

/** Every number of the funnel, step by step (also what a screen reader reads instead of the chart). */
export function FunnelTable({ steps }: { steps: StepResult[] }) {
  return (
    <div className="table-wrap">
      <table className="funnel-table">
        <caption className="sr-only">Funnel steps</caption>
        <thead>
          <tr>
            <th scope="col">Step</th><th scope="col" className="num">Customers</th><th scope="col" className="num">Conversion</th>
            <th scope="col" className="num">From previous</th><th scope="col" className="num">Drop-off</th>
            <th scope="col" className="num">Avg. time</th><th scope="col" className="num">Median time</th>
          </tr>
        </thead>
        <tbody>
          {steps.map((s, i) => (
            <tr key={i}>
              <th scope="row">{i + 1}. {s.name}</th>
              <td className="num" data-testid="step-count">{fmt.int(s.count)}</td>
              <td className="num">{fmt.pct(s.conversionRate)}</td>
              <td className="num">{i === 0 ? '–' : fmt.pct(s.conversionFromPrevious)}</td>
              <td className="num">{i === 0 ? '–' : <>{fmt.int(s.dropOff)} <span className="muted">({fmt.pct(s.dropOffRate, 0)})</span></>}</td>
              <td className="num">{fmt.duration(s.averageSecondsFromPrevious)}</td>
              <td className="num">{fmt.duration(s.medianSecondsFromPrevious)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
