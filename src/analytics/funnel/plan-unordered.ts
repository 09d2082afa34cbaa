import { join, raw, sql, type Sql } from '../../storage/sql.ts';
import { aggIf, col, cte, field, hasStep, int, oneIf, record, sortedNullsLast } from './sql-parts.ts';

/**
 * The `unordered` plan, a translation of `chooseUnordered` (attempts.ts): a window opens at the time
 * of every step event; in it, the first time of each step; the customer's chosen window is the one
 * with most steps, then the earliest completion, then the latest start.
 *
 * Reads CTE `source` (c, t, m) holding step events only; defines `name` (c, depth, t0 … t{k-1}).
 */
export function unorderedCtes(source: string, name: string, steps: number, window: Sql): Sql[] {
  const src = raw(source);
  const firsts = Array.from({ length: steps }, (_, j) => sql`${aggIf('min', raw('r.t'), hasStep(raw('r.m'), j))} AS ${col('x', j)}`);
  const depth = join(Array.from({ length: steps }, (_, j) => oneIf(sql`${col('x', j)} IS NOT NULL`)), ' + ');
  const names = ['depth', 'nc', 'anchor', 'xs'];
  // Times sorted with NULLs last: the depth-th is the completion (lists are 1-based).
  const best = record([['depth', raw('depth')], ['nc', raw('-xs[depth]')], ['anchor', raw('anchor')], ['xs', raw('xs')]]);
  const b = raw('b');
  const xs = field(b, names, 'xs');
  return [
    cte(`${name}_anchors`, sql`SELECT DISTINCT c, t AS anchor FROM ${src}`),
    cte(`${name}_windows`, sql`SELECT a.c, a.anchor, ${join(firsts)} FROM ${raw(`${name}_anchors`)} a
      JOIN ${src} r ON r.c = a.c AND r.t >= a.anchor AND r.t <= a.anchor + ${window} GROUP BY a.c, a.anchor`),
    cte(`${name}_tries`, sql`SELECT c, anchor, ${depth} AS depth,
      ${sortedNullsLast(Array.from({ length: steps }, (_, j) => col('x', j)))} AS xs FROM ${raw(`${name}_windows`)}`),
    cte(`${name}_best`, sql`SELECT c, max(${best}) AS b FROM ${raw(`${name}_tries`)} GROUP BY c`),
    cte(name, sql`SELECT c, ${field(b, names, 'depth')} AS depth,
      ${join(Array.from({ length: steps }, (_, j) => sql`${xs}[${int(j + 1)}] AS ${col('t', j)}`))} FROM ${raw(`${name}_best`)}`),
  ];
}
