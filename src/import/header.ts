import { basename } from 'node:path';
import { CliError } from '../cli/errors.ts';
import { mappedColumns, type Mapping } from './mapping.ts';
import { editDistance } from '../common/collections.ts';

/** Stops before anything is sent when the mapping names a column the file does not have. */
export function checkHeader(columns: readonly string[], mapping: Mapping, file: string): void {
  if (columns.length === 0) throw new CliError(`${basename(file)} is empty: no header line.`);
  if (mapping.length === 0) {
    throw new CliError(`CSV files need --map (or --map-file) to say which column is what. Columns in ${basename(file)}: ${list(columns)}.\n`
      + `For example: --map "${suggestMap(columns)}"`);
  }
  for (const column of mappedColumns(mapping)) {
    const hits = columns.filter((c) => c === column).length;
    if (hits === 1) continue;
    if (hits > 1) throw new CliError(`Column "${column}" appears ${hits} times in the header of ${basename(file)}; rename one.`);
    const near = closest(column, columns);
    throw new CliError(`No column "${column}" in ${basename(file)}${near ? `; did you mean "${near}"?` : '.'} Columns: ${list(columns)}.`);
  }
}

const list = (columns: readonly string[]) => columns.map((c) => `"${c}"`).join(', ');

/** A starting point for `--map` from header names alone; the user edits it. */
export function suggestMap(columns: readonly string[]): string {
  const used = new Set<string>();
  const pick = (target: string, re: RegExp) => {
    const c = columns.find((x) => !used.has(x) && re.test(x));
    if (!c) return [];
    used.add(c);
    return [`${target}=${c}`];
  };
  const entries = [
    ...pick('userId', /^(user|customer|client|member|account)[ _-]?(id|number|no)?$/i),
    ...pick('anonymousId', /anonymous|device[ _-]?id|visitor/i),
    ...pick('timestamp', /time|date|^at$|^when$/i),
    ...pick('event', /^(event|action|activity)([ _-]?name)?$/i),
  ];
  if (!entries.some((e) => e.startsWith('event='))) entries.push('event=:Imported Row');
  for (const c of columns) if (!used.has(c)) entries.push(`properties.${c.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '')}=${c}`);
  return entries.map((e) => e.replace(/,/g, '\\,')).join(',');
}

function closest(word: string, options: readonly string[]): string | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  const exactish = options.find((o) => norm(o) === norm(word));
  if (exactish) return exactish;
  let best: string | undefined, bestD = Math.max(2, Math.floor(word.length / 4)) + 1;
  for (const o of options) {
    const d = editDistance(norm(word), norm(o));
    if (d < bestD) { best = o; bestD = d; }
  }
  return best;
}
