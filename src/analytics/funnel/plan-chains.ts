import { join, raw, sql, type Sql } from '../../storage/sql.ts';
import { col, cte, field, hasStep, oneIf, record } from './sql-parts.ts';

/**
 * The middle tier of the `ordered` plan, for customers the fast tier left undecided whose events
 * each match one step. With one step per event, funnel order is time order (at equal times the
 * later step comes later), so attempts can be followed on timestamps alone — no numbering of events:
 *
 * 1. pairs: each step-1 event with the latest step-0 event at or before it (ASOF), within the
 *    window. Only these starts matter: an earlier step-0 event with the same next step-1 event
 *    reaches the same steps with less room, so it can never be the attempt reported.
 * 2. attempts: per start, its first step-1 event (the earliest pair).
 * 3. one ASOF per further step: the first step-j event at or after step j-1, within the window.
 * 4. per customer the deepest attempt, then the earliest completion, then the latest start.
 *
 * Customers are keyed by the hash `h` of their id (customer-hash.ts); the caller only sends customers
 * whose hash no other customer shares.
 *
 * Reads CTE `source` (h, t, m) and defines `name` (h, depth, t0 … t{k-1}) for customers with at least
 * one attempt reaching step 1 (the others have depth 1, started at their first step-0 event).
 */
export function chainCtes(source: string, name: string, steps: number, window: Sql): Sql[] {
  const src = raw(source);
  const of = (j: number) => sql`(SELECT h, t FROM ${src} WHERE ${hasStep(raw('m'), j)})`;
  const ctes: Sql[] = [
    cte(`${name}_pairs`, sql`SELECT y.h, x.t AS t0, y.t AS t1 FROM ${of(1)} y ASOF JOIN ${of(0)} x
      ON y.h = x.h AND y.t >= x.t WHERE y.t - x.t <= ${window}`),
    cte(`${name}_a1`, sql`SELECT h, t0, min(t1) AS t1 FROM ${raw(`${name}_pairs`)} GROUP BY h, t0`),
  ];
  for (let j = 2; j < steps; j++) {
    // The real ASOF operator matches a NULL left key to the first row, hence the IS NOT NULL guard.
    const ok = sql`a.${col('t', j - 1)} IS NOT NULL AND s.t - a.t0 <= ${window}`;
    ctes.push(cte(`${name}_a${j}`, sql`SELECT a.*, CASE WHEN ${ok} THEN s.t END AS ${col('t', j)}
      FROM ${raw(`${name}_a${j - 1}`)} a ASOF LEFT JOIN ${of(j)} s ON a.h = s.h AND a.${col('t', j - 1)} <= s.t`));
  }
  const depth = sql`2${join(Array.from({ length: steps - 2 }, (_, j) => sql` + ${oneIf(sql`${col('t', j + 2)} IS NOT NULL`)}`), '')}`;
  const completion = sql`coalesce(${join(Array.from({ length: steps - 1 }, (_, j) => col('t', steps - 1 - j)))})`;
  const names = ['depth', 'nc', ...Array.from({ length: steps }, (_, j) => `t${j}`)];
  const best = record(names.map((n) => [n, n === 'depth' ? depth : n === 'nc' ? sql`-${completion}` : raw(n)] as const));
  const b = raw('b');
  ctes.push(
    cte(`${name}_best`, sql`SELECT h, max(${best}) AS b FROM ${raw(`${name}_a${steps - 1}`)} GROUP BY h`),
    cte(name, sql`SELECT h, ${field(b, names, 'depth')} AS depth,
      ${join(Array.from({ length: steps }, (_, j) => sql`${field(b, names, `t${j}`)} AS ${col('t', j)}`))} FROM ${raw(`${name}_best`)}`),
  );
  return ctes;
}
