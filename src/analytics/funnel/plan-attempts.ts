import { join, raw, sql, type Sql } from '../../storage/sql.ts';
import { col, cte, field, hasStep, int, oneIf, record } from './sql-parts.ts';

/**
 * The general plan for `ordered` and `strict` funnels, a literal translation of attempts.ts:
 * number each customer's events in funnel order, start an attempt at every step-1 event, follow it
 * one step per join (ordered: ASOF to the first later event of the next step; strict: the very next
 * event), and keep per customer the deepest attempt, then the one that got there first, then the
 * one that started last (a `max` over a record of exactly those keys).
 *
 * Reads CTE `source` (c, t, m) and defines `name` (c, depth, t0 … t{k-1}).
 */
export interface AttemptsPlan {
  source: string;
  name: string;
  steps: number;
  window: Sql;
  strict: boolean;
}

/** Lowest step an event matches (events matching none after all others), for funnel order. */
export function rankSql(mask: Sql, steps: number): Sql {
  const arms = Array.from({ length: steps }, (_, j) => sql`WHEN ${hasStep(mask, j)} THEN ${int(j)}`);
  return sql`(CASE ${join(arms, ' ')} ELSE ${int(steps)} END)`;
}

export function attemptCtes(p: AttemptsPlan): Sql[] {
  const k = p.steps;
  const src = raw(p.source);
  const g = raw(`${p.name}_seq`);
  const ctes: Sql[] = [
    cte(`${p.name}_seq`, sql`SELECT c, t, m, row_number() OVER (PARTITION BY c ORDER BY t, ${rankSql(raw('m'), k)}, m) AS p FROM ${src}`),
    cte(`${p.name}_a0`, sql`SELECT c, p AS p0, t AS t0 FROM ${g} WHERE ${hasStep(raw('m'), 0)}`),
  ];
  for (let j = 1; j < k; j++) {
    const prev = raw(`${p.name}_a${j - 1}`);
    // DuckDB's ASOF operator matches a NULL left key to the first row (unlike `<`), hence the guard.
    const within = sql`a.${col('p', j - 1)} IS NOT NULL AND s.t - a.t0 <= ${p.window}`;
    // Strict: the very next event. Every ON term compares one side with the other, so DuckDB can
    // hash-join (a term on one side only, or mixing both, would force a nested-loop join).
    const body = p.strict
      ? sql`SELECT a.*, s.p AS ${col('p', j)}, s.t AS ${col('t', j)} FROM ${prev} a LEFT JOIN (SELECT c, p, t FROM ${g} WHERE ${hasStep(raw('m'), j)}) s
          ON s.c = a.c AND s.p = a.${col('p', j - 1)} + 1 AND s.t <= a.t0 + ${p.window}`
      : sql`SELECT a.*, CASE WHEN ${within} THEN s.p END AS ${col('p', j)}, CASE WHEN ${within} THEN s.t END AS ${col('t', j)}
          FROM ${prev} a ASOF LEFT JOIN (SELECT c, p, t FROM ${g} WHERE ${hasStep(raw('m'), j)}) s
          ON a.c = s.c AND a.${col('p', j - 1)} < s.p`;
    ctes.push(cte(`${p.name}_a${j}`, body));
  }
  // A chain stops at its first missing step, so depth counts the steps present.
  const depth = sql`1${join(Array.from({ length: k - 1 }, (_, j) => sql` + ${oneIf(sql`${col('p', j + 1)} IS NOT NULL`)}`), '')}`;
  const completion = sql`coalesce(${join(Array.from({ length: k }, (_, j) => col('p', k - 1 - j)))})`;
  const names = ['depth', 'nc', 'p0', ...Array.from({ length: k }, (_, j) => `t${j}`)];
  const best = record(names.map((n) => [n, n === 'depth' ? depth : n === 'nc' ? sql`-${completion}` : raw(n)] as const));
  ctes.push(cte(`${p.name}_best`, sql`SELECT c, max(${best}) AS b FROM ${raw(`${p.name}_a${k - 1}`)} GROUP BY c`));
  const b = raw('b');
  ctes.push(cte(p.name, sql`SELECT c, ${field(b, names, 'depth')} AS depth, ${join(Array.from({ length: k }, (_, j) => sql`${field(b, names, `t${j}`)} AS ${col('t', j)}`))}
    FROM ${raw(`${p.name}_best`)}`));
  return ctes;
}
