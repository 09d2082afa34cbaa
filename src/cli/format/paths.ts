import type { PathsResult, TopPathsResult } from '../../analytics/paths/schema.ts';
import { groupBy } from '../../common/collections.ts';
import { pct, renderTable } from './table.ts';

/** The Sankey as text: the busiest links at each step from the anchor. */
export function formatPaths(r: PathsResult, perStep = 5): string {
  const step = new Map(r.nodes.map((n) => [n.id, n]));
  const byStep = groupBy(r.links, (l) => String(step.get(l.source)?.step ?? 0));
  const parts = [`${r.customers} customers with a path`];
  for (const s of [...byStep.keys()].map(Number).sort((a, b) => a - b)) {
    const links = byStep.get(String(s))!.sort((a, b) => b.value - a.value).slice(0, perStep);
    parts.push(`\nstep ${s} → ${s + 1}`, renderTable(
      [{ title: 'from' }, { title: 'to' }, { title: 'customers', align: 'right' }],
      links.map((l) => [step.get(l.source)?.name ?? l.source, step.get(l.target)?.name ?? l.target, l.value])));
  }
  return parts.join('\n');
}

export function formatTopPaths(r: TopPathsResult): string {
  return [`${r.customers} customers reached ${r.outcome}`, renderTable(
    [{ title: 'customers', align: 'right' }, { title: 'share', align: 'right' }, { title: 'path' }],
    r.paths.map((p) => [p.customers, pct(p.share), p.steps.join(' → ')]))].join('\n');
}
