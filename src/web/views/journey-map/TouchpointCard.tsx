import { fmt } from '../../components/ui.tsx';
import { healthOf } from './insights.ts';
import type { Lane, MapTouchpoint } from './types.ts';

interface Props { tp: MapTouchpoint; lane: Lane; last: boolean; selected: boolean; onOpen(): void }

/** One touchpoint: a button (click or Enter opens the drill-in) with its live numbers. */
export function TouchpointCard({ tp, lane, last, selected, onOpen }: Props) {
  const h = healthOf(tp);
  const voc = tp.voc;
  return (
    <button type="button" data-touchpoint={tp.id} className={`jm-card ${h.tone} ${selected ? 'selected' : ''}`} onClick={onOpen} aria-pressed={selected}
      aria-label={`${tp.name}: ${h.label}, ${fmt.int(tp.reach)} customers. Open details`}>
      <span className="jm-card-head">
        <span className="jm-card-name">{tp.name}</span>
        <span className={`badge ${h.tone === 'none' ? '' : h.tone}`}><span aria-hidden="true">{h.icon} </span>{h.label}</span>
      </span>
      <span className="jm-lane-chip">{lane}</span>
      <dl className="jm-metrics">
        <div><dt>Reach</dt><dd>{fmt.int(tp.reach)}</dd></div>
        <div><dt>{last ? 'Conversion' : 'Next stage'}</dt><dd>{last ? '–' : fmt.pct(tp.conversionToNextStage, 0)}</dd></div>
        <div><dt title="Median time to the next stage">Median</dt><dd>{last ? '–' : fmt.duration(tp.medianSecondsToNextStage)}</dd></div>
        <div><dt>Friction</dt><dd>{tp.friction.customers > 0 ? fmt.pct(tp.friction.share, 0) : 'none'}</dd></div>
        <div><dt>{voc?.nps != null ? 'NPS' : 'CSAT'}</dt><dd>{voc?.nps != null ? fmt.num(voc.nps, 0) : voc?.csat != null ? `${fmt.num(voc.csat, 0)} %` : '–'}</dd></div>
        <div><dt>Sentiment</dt><dd title={voc?.sentiment != null ? sentimentText(voc.sentiment) : undefined}>{sentimentWord(voc?.sentiment)}</dd></div>
      </dl>
    </button>
  );
}

export function sentimentWord(s: number | null | undefined): string {
  if (s === null || s === undefined) return '–';
  return s > 0.15 ? 'positive' : s < -0.15 ? 'negative' : 'neutral';
}

export function sentimentText(s: number | null | undefined): string {
  if (s === null || s === undefined) return '–';
  return `${sentimentWord(s)} (${s > 0 ? '+' : ''}${s.toFixed(2)})`;
}
