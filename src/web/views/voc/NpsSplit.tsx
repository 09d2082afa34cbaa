import { Card } from '../../components/ui.tsx';
import type { Metric } from './types.ts';

/** Promoters, passives and detractors as one bar, with counts: where the NPS comes from. */
export function NpsSplit({ metric }: { metric: Metric }) {
  const parts = [
    { key: 'promoters', label: 'Promoters (9–10)', n: metric.promoters ?? 0, cls: 'good' },
    { key: 'passives', label: 'Passives (7–8)', n: metric.passives ?? 0, cls: 'warn' },
    { key: 'detractors', label: 'Detractors (0–6)', n: metric.detractors ?? 0, cls: 'bad' },
  ];
  const total = parts.reduce((s, p) => s + p.n, 0) || 1;
  return (
    <Card title="Promoters, passives, detractors">
      <div className="split-bar" aria-hidden="true">
        {parts.map((p) => p.n > 0 && <span key={p.key} className={`split ${p.cls}`} style={{ width: `${(p.n / total) * 100}%` }}>{Math.round((p.n / total) * 100)} %</span>)}
      </div>
      <ul className="split-legend">
        {parts.map((p) => (
          <li key={p.key}><span className={`swatch ${p.cls}`} aria-hidden="true" />{p.label}: <strong>{p.n.toLocaleString('en-US')}</strong> ({Math.round((p.n / total) * 100)} %)</li>
        ))}
      </ul>
      <p className="muted small">NPS = {Math.round((parts[0].n / total) * 100)} % promoters − {Math.round((parts[2].n / total) * 100)} % detractors. A detractor answer opens a case by default (Settings → rules).</p>
    </Card>
  );
}
