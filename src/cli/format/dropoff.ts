import type { DropoffResult } from '../../analytics/dropoff/schema.ts';
import { pct, renderTable } from './table.ts';

/** Each stage transition, then where the customers who left it were last (top touchpoints). */
export function formatDropoff(r: DropoffResult, top = 5): string {
  const summary = renderTable(
    [{ title: 'from → to' }, { title: 'reached', align: 'right' }, { title: 'moved on', align: 'right' },
      { title: 'dropped', align: 'right' }, { title: 'drop-off', align: 'right' }],
    r.transitions.map((t) => [`${t.from.name} → ${t.to.name}`, t.reached, t.advanced, t.dropped, pct(t.dropOffRate)]));
  const details = r.transitions.filter((t) => t.dropped > 0).map((t) => {
    const rows = t.lastTouchpoints.length
      ? t.lastTouchpoints.slice(0, top).map((x) => [x.name, x.customers, pct(x.share)])
      : t.lastEvents.slice(0, top).map((x) => [`${x.event} (event)`, x.customers, pct(x.share)]);
    return `\nLeft ${t.from.name} (${t.dropped}), last seen at:\n` +
      renderTable([{ title: 'touchpoint' }, { title: 'customers', align: 'right' }, { title: 'share', align: 'right' }], rows);
  });
  return [`Journey ${r.journey.name} (${r.journey.id} v${r.journey.version ?? '?'})`, summary, ...details].join('\n');
}
