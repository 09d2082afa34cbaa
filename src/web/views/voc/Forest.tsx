import type { ReactNode } from 'react';
import { Badge } from '../../components/ui.tsx';
import { DOMAIN, fmtCi, fmtScore, higherIsBetter } from './format.ts';
import type { Ci, MetricKind } from './types.ts';

const MIN_N = 10;

export interface ForestRow { key: string; label: ReactNode; n: number; score: number | null; ci: Ci; extra?: ReactNode }

/**
 * Groups as a table with each score's 95 % interval drawn on one scale (a forest plot), a line at the
 * overall score, and a badge where the interval lies wholly above or below it — the groups that
 * really differ, not just by chance.
 */
export function Forest({ kind, rows, overall, groupLabel, extraLabel }: { kind: MetricKind; rows: ForestRow[]; overall: number | null; groupLabel: string; extraLabel?: string }) {
  const [lo, hi] = DOMAIN[kind];
  const pos = (x: number) => `${((Math.min(hi, Math.max(lo, x)) - lo) / (hi - lo)) * 100}%`;
  return (
    <div className="table-wrap">
      <table className="forest">
        <thead>
          <tr>
            <th scope="col">{groupLabel}</th><th scope="col" className="num">n</th><th scope="col" className="num">Score</th>
            <th scope="col">95 % interval</th>{extraLabel && <th scope="col">{extraLabel}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            // Under ~10 answers the normal-approximation interval means little (all 3 answers alike give a zero-width one).
            const few = r.n < MIN_N;
            const differs = !few && overall !== null && r.ci && (r.ci[0] > overall || r.ci[1] < overall);
            const good = differs && (r.ci![0] > overall!) === higherIsBetter(kind);
            return (
              <tr key={r.key}>
                <th scope="row" className="forest-label">{r.label}</th>
                <td className="num">{r.n.toLocaleString('en-US')}</td>
                <td className="num"><strong>{fmtScore(kind, r.score)}</strong></td>
                <td className="forest-cell">
                  <span className="sr-only">{fmtCi(kind, r.ci)}</span>
                  <span className="forest-track" aria-hidden="true">
                    {overall !== null && <span className="forest-ref" style={{ left: pos(overall) }} />}
                    {r.ci && <span className={`forest-ci ${differs ? (good ? 'good' : 'bad') : ''}`} style={{ left: pos(r.ci[0]), width: `calc(${pos(r.ci[1])} - ${pos(r.ci[0])})` }} />}
                    {r.score !== null && <span className={`forest-dot ${differs ? (good ? 'good' : 'bad') : ''}`} style={{ left: pos(r.score) }} />}
                  </span>
                  <span className="forest-ci-text muted small" aria-hidden="true">{fmtCi(kind, r.ci)}</span>
                  {differs && <Badge tone={good ? 'good' : 'bad'}>{good ? 'better' : 'worse'} than overall</Badge>}
                  {few && <span className="muted small">too few answers to tell</span>}
                </td>
                {extraLabel && <td>{r.extra}</td>}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
