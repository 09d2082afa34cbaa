interface FunnelStep { name: string; count: number; conversionRate: number; dropOff: number; medianSecondsFromPrevious: number | null }
interface Funnel { steps: FunnelStep[]; breakdowns?: { value: string | null; steps: FunnelStep[] }[] }

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
function duration(s: number | null): string {
  if (s === null || s === undefined || Number.isNaN(s)) return '—';
  if (s < 120) return `${Math.round(s)} s`;
  if (s < 7200) return `${(s / 60).toFixed(1)} min`;
  if (s < 172800) return `${(s / 3600).toFixed(1)} h`;
  return `${(s / 86400).toFixed(1)} d`;
}

function table(steps: FunnelStep[]): string {
  const width = Math.max(6, ...steps.map((s) => s.name.length));
  const head = `${'step'.padEnd(width)}  ${'customers'.padStart(10)}  ${'conversion'.padStart(10)}  ${'drop-off'.padStart(9)}  median time`;
  const rows = steps.map((s, i) =>
    `${s.name.padEnd(width)}  ${String(s.count).padStart(10)}  ${pct(s.conversionRate).padStart(10)}  ${(i === 0 ? '' : String(s.dropOff)).padStart(9)}  ${i === 0 ? '' : duration(s.medianSecondsFromPrevious)}`);
  return [head, ...rows].join('\n');
}

/** A funnel as a terminal table, with one table per breakdown value. */
export function formatFunnel(f: Funnel): string {
  const parts = [table(f.steps)];
  for (const b of f.breakdowns ?? []) parts.push(`\n${b.value ?? '(none)'}\n${table(b.steps)}`);
  return parts.join('\n');
}
