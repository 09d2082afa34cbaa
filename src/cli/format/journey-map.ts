import type { JourneyMapResult, TouchpointVoc } from '../../analytics/journey-map/schema.ts';
import { duration, pct, renderTable } from './table.ts';

const nps = (v: TouchpointVoc | null) => (v?.nps === null || v?.nps === undefined ? '' : `${Math.round(v.nps)} (n=${v.n})`);

/** Every stage with its reach and conversion, then its touchpoints with reach, move-on, friction, NPS and health. */
export function formatJourneyMap(r: JourneyMapResult): string {
  const parts = [`Journey ${r.journey.name} (${r.journey.id} v${r.journey.version ?? '?'}): ${r.totals.customers} customers, ${r.totals.events} events`];
  parts.push(renderTable(
    [{ title: 'stage' }, { title: 'reach', align: 'right' }, { title: 'moved on', align: 'right' }, { title: 'median time' },
      { title: 'goal' }, { title: 'NPS', align: 'right' }],
    r.stages.map((s) => [s.name, s.reach, pct(s.conversionToNext), duration(s.medianSecondsToNext),
      s.goal?.reached === null || s.goal?.reached === undefined ? '' : `${pct(s.goal.reached)} of ${pct(s.goal.target)} ${s.goal.met ? 'met' : 'missed'}`,
      nps(s.voc)])));
  for (const s of r.stages) {
    parts.push(`\n${s.name}`, renderTable(
      [{ title: 'touchpoint' }, { title: 'reach', align: 'right' }, { title: 'moved on', align: 'right' }, { title: 'median time' },
        { title: 'friction', align: 'right' }, { title: 'NPS', align: 'right' }, { title: 'health' }],
      s.touchpoints.map((t) => [t.name, t.reach, pct(t.conversionToNextStage), duration(t.medianSecondsToNextStage),
        pct(t.friction.share), nps(t.voc), t.health])));
  }
  return parts.join('\n');
}
