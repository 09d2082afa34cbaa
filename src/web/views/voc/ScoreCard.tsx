import { Badge } from '../../components/ui.tsx';
import { fmtCi, fmtScore, higherIsBetter, METRIC_HINT, METRIC_LABEL, tone } from './format.ts';
import type { Metric, MetricKind } from './types.ts';

/** One score with its 95 % interval, sample size and whether it moved significantly since the period before. */
export function ScoreCard({ kind, metric, compareDays, selected, onSelect }: { kind: MetricKind; metric: Metric | undefined; compareDays: number; selected: boolean; onSelect(): void }) {
  const c = metric?.comparison;
  const better = c?.difference != null && (higherIsBetter(kind) ? c.difference > 0 : c.difference < 0);
  return (
    <button type="button" className={`score-card stat ${tone(kind, metric?.score ?? null) ?? ''} ${selected ? 'selected' : ''}`} aria-pressed={selected} onClick={onSelect}>
      <span className="stat-label">{METRIC_LABEL[kind]}</span>
      <span className="stat-value">{metric ? fmtScore(kind, metric.score) : '…'}</span>
      {metric && metric.n > 0 ? (
        <span className="score-meta">
          <span>95 % CI {fmtCi(kind, metric.ci)}</span>
          <span>n = {metric.n.toLocaleString('en-US')}</span>
        </span>
      ) : <span className="score-meta muted">{metric ? 'No answers in this period' : ''}</span>}
      {c && c.difference !== null && (
        <span className="score-change">
          {c.significant
            ? <Badge tone={better ? 'good' : 'bad'}>{c.difference > 0 ? '▲' : '▼'} {fmtDelta(kind, c.difference)} · significant</Badge>
            : <Badge>{c.difference > 0 ? '▲' : c.difference < 0 ? '▼' : '='} {fmtDelta(kind, c.difference)} · not significant</Badge>}
          <span className="muted small"> last {compareDays} days vs the {compareDays} before (n {c.current.n} vs {c.previous.n})</span>
        </span>
      )}
      <span className="muted small">{METRIC_HINT[kind]}</span>
    </button>
  );
}

function fmtDelta(kind: MetricKind, d: number): string {
  const s = d > 0 ? '+' : d < 0 ? '−' : '';
  return kind === 'ces' ? `${s}${Math.abs(d).toFixed(2)}` : `${s}${Math.abs(Math.round(d * 10) / 10)}${kind === 'csat' ? ' pts' : ''}`;
}
