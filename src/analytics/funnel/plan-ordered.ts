import { join, raw, sql, type Sql } from '../../storage/sql.ts';
import { attemptCtes } from './plan-attempts.ts';
import { chainCtes } from './plan-chains.ts';
import { fastCtes } from './plan-fast.ts';
import { col, cte } from './sql-parts.ts';

/**
 * The tiered plan for `ordered` funnels, cheapest first; each customer is decided by exactly one:
 *
 * 1. fast (plan-fast.ts): one GROUP BY with first/last time per step — most customers.
 * 2. chains (plan-chains.ts): customers whose events each match one step, followed on timestamps
 *    with ASOF joins over only their rows.
 * 3. general (plan-attempts.ts): the rest — events matching several steps, or a hash shared by two
 *    customers — with events numbered in funnel order.
 *
 * Reads CTE `rows` (h, h2, t, m[, v][, c]); defines `chosen` (c?, depth, t0 … t{k-1}, v). Customers are
 * keyed by hash (customer-hash.ts) except in the general tier, which reads their events again by id.
 */
export interface OrderedPlan {
  steps: number;
  window: Sql;
  /** Aggregate over `rows` of the first-touch breakdown value (null: no breakdown on events). */
  firstTouch: Sql | null;
  /** The breakdown value from what `firstTouch` returns. */
  touchValue: (agg: Sql) => Sql;
  /** Whether `chosen` must carry the customer id (exclusions and persona need it). */
  withCustomer: boolean;
  /** Known from the steps: no event can match two of them. */
  oneStepPerEvent: boolean;
  /** The step events again (c, t, m[, v]) of the customers whose hash is in `hashes`. */
  rescan: (hashes: Sql) => Sql;
}

export function orderedCtes(p: OrderedPlan): Sql[] {
  const k = p.steps;
  const later = (alias: string) => join(Array.from({ length: k - 1 }, (_, j) => sql`${raw(alias)}.${col('t', j + 1)}`));
  const id = (alias: string) => (p.withCustomer ? sql`${raw(alias)}.c, ` : sql``);
  const value = (alias: string) => (p.firstTouch ? p.touchValue(raw(`${alias}.fv`)) : raw('NULL'));
  return [
    ...fastCtes(k, p.window, p.firstTouch, p.withCustomer, p.oneStepPerEvent),
    cte('chain_keys', sql`SELECT * FROM fast WHERE depth IS NULL AND multi = 0 AND NOT collided`),
    // Only events that can be in a chain reaching step 1: step-0 events from a window before the
    // first step-1 event up to the last one, later steps from the first step-1 event on.
    cte('chain_rows', sql`SELECT r.h, r.t, r.m FROM rows r JOIN chain_keys q ON q.h = r.h
      WHERE CASE WHEN r.m = 1 THEN r.t >= q.f1 - ${p.window} AND r.t <= q.l1 WHEN r.m = 2 THEN TRUE ELSE r.t >= q.f1 END`),
    ...chainCtes('chain_rows', 'chain', k, p.window),
    cte('slow_rows', p.rescan(sql`SELECT h FROM fast WHERE collided OR (depth IS NULL AND multi > 0)`)),
    ...attemptCtes({ source: 'slow_rows', name: 'slow', steps: k, window: p.window, strict: false }),
    ...(p.firstTouch ? [cte('slow_touch', sql`SELECT c, ${p.firstTouch} AS fv FROM slow_rows GROUP BY c`)] : []),
    cte('chosen', sql`SELECT ${id('f')}f.depth, f.t0, ${later('f')}, ${value('f')} AS v FROM fast f
      WHERE f.depth > 0 AND NOT f.collided
      UNION ALL SELECT ${id('q')}coalesce(ch.depth, 1), coalesce(ch.t0, q.t0), ${later('ch')}, ${value('q')}
      FROM chain_keys q LEFT JOIN chain ch ON ch.h = q.h
      UNION ALL SELECT ${id('s')}s.depth, s.t0, ${later('s')}, ${value('f')}
      FROM slow s${p.firstTouch ? sql` JOIN slow_touch f ON f.c = s.c` : sql``}`, true),
  ];
}
