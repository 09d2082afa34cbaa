import type { Json } from '../ingest/event.ts';

export interface RejectionGroup {
  reason: string;
  count: number;
  /** The first few row (line) numbers with this problem. */
  lines: number[];
  /** The first few distinct offending values, when there is one. */
  examples: string[];
}

export interface ImportSummary {
  file: string;
  format: 'csv' | 'ndjson';
  dryRun: boolean;
  /** Server the rows went to; absent in a dry run. */
  url?: string;
  rowsRead: number;
  /** Rows that mapped to a message (sent, or would be sent in a dry run). */
  valid: number;
  stored: number;
  duplicates: number;
  rejected: number;
  rejections: RejectionGroup[];
  /** Dry run: the first mapped messages, to eyeball the mapping. */
  samples: { line: number; message: Json }[];
  durationMs: number;
  rowsPerSecond: number;
  /** 0 when every row was stored or already there, 2 when some rows were rejected. */
  exitCode: 0 | 2;
}

const LINES_KEPT = 5;
const EXAMPLES_KEPT = 3;
const GROUPS_KEPT = 50;

/** Rejected rows grouped by reason, in bounded memory however many rows a file has. */
export class Rejections {
  count = 0;
  private readonly groups = new Map<string, RejectionGroup>();

  add(line: number | undefined, reason: string, value?: string): void {
    this.count++;
    const key = this.groups.size >= GROUPS_KEPT && !this.groups.has(reason) ? 'other reasons' : reason;
    let g = this.groups.get(key);
    if (!g) this.groups.set(key, (g = { reason: key, count: 0, lines: [], examples: [] }));
    g.count++;
    if (line !== undefined && g.lines.length < LINES_KEPT) g.lines.push(line);
    if (value !== undefined && g.examples.length < EXAMPLES_KEPT && !g.examples.includes(value)) g.examples.push(value);
  }

  list(): RejectionGroup[] {
    return [...this.groups.values()].sort((a, b) => b.count - a.count || (a.lines[0] ?? 0) - (b.lines[0] ?? 0));
  }
}

const n = (v: number) => v.toLocaleString('en-US');

/** The report printed at the end of `touchpoint import`. */
export function formatSummary(s: ImportSummary): string {
  const secs = s.durationMs / 1000;
  const out: string[] = [];
  out.push(s.dryRun
    ? `Dry run of ${s.file}: checked ${n(s.rowsRead)} rows in ${secs.toFixed(1)} s; nothing was sent.`
    : `Imported ${s.file} into ${s.url} in ${secs.toFixed(1)} s (${n(Math.round(s.rowsPerSecond))} rows/s).`);
  if (s.dryRun && s.samples.length) {
    out.push('', `First ${s.samples.length} mapped messages:`);
    for (const x of s.samples) out.push(`  line ${x.line}: ${JSON.stringify(x.message)}`);
  }
  const rows: [string, number][] = s.dryRun
    ? [['rows read', s.rowsRead], ['valid', s.valid], ['rejected', s.rejected]]
    : [['rows read', s.rowsRead], ['stored', s.stored], ['duplicates', s.duplicates], ['rejected', s.rejected]];
  const width = Math.max(...rows.map(([, v]) => n(v).length));
  out.push('', ...rows.map(([k, v]) => `  ${k.padEnd(11)}${n(v).padStart(width)}`));
  if (!s.dryRun && s.duplicates > 0) out.push('  (duplicates were already stored: same messageId, e.g. from an earlier run of this import)');
  if (s.rejections.length) {
    out.push('', s.dryRun ? 'Rows that would be rejected:' : 'Rejected rows (not imported):');
    for (const g of s.rejections) {
      const more = g.count - g.lines.length;
      const where = g.lines.length ? ` — line${g.lines.length > 1 ? 's' : ''} ${g.lines.join(', ')}${more > 0 ? ` and ${n(more)} more` : ''}` : '';
      const eg = g.examples.length ? ` (e.g. ${g.examples.map((e) => JSON.stringify(e)).join(', ')})` : '';
      out.push(`  ${n(g.count).padStart(width)} × ${g.reason}${where}${eg}`);
    }
  }
  return out.join('\n');
}
