import { dialectFn, join, raw, sql, type Sql } from '../../storage/sql.ts';
import { rangeFilter } from '../common/time-range.ts';
import { bucketEdgesMs } from './funnel-stats.ts';
import { attemptCtes } from './plan-attempts.ts';
import { fastChain, fastCtes } from './plan-fast.ts';
import { unorderedCtes } from './plan-unordered.ts';
import { aggIf, col, cte, field, hasStep, int, medianIf, record } from './sql-parts.ts';
import { propertyTextSql, stepPredicate, type StepResolver } from './step-predicate.ts';
import { windowMs, type FunnelRequest } from './types.ts';

export interface FunnelSqlOptions {
  resolveStep?: StepResolver;
  /** A relation `(customer_id, persona)` for `breakdown: "persona"`; default: `defaultPersonaSql`. */
  personaSql?: Sql;
  /** `general` skips the fast tier of ordered funnels (tests use it to check both tiers). */
  plan?: 'auto' | 'general';
}

/**
 * The whole funnel as one query, compiled from the request for any dialect. Shape:
 *
 * 1. `rows`: the workspace's events in [from, to) that match some step (every event for `strict`),
 *    with a step bitmask `m` and the breakdown value `v` — one scan.
 * 2. `chosen` (c, depth, t0 … t{k-1}, v): per customer, the attempt whose times are reported —
 *    by the plan for the order (plan-fast + plan-attempts, or plan-unordered).
 * 3. exclusions drop customers whose chosen attempt has an excluded event in its span.
 * 4. counts, sums, medians and time buckets per step, for all customers and per breakdown value.
 *
 * Returns one row per group: `total` (1 for all customers), `value`, and per step j `n{j}`, and for
 * j ≥ 1 `s{j}` (sum ms), `q{j}` (median ms), `b{j}_{i}` (customers in bucket i).
 */
export function funnelSql(workspaceId: string, req: FunnelRequest, options: FunnelSqlOptions = {}): Sql {
  const k = req.steps.length;
  const W = sql`${windowMs(req.window)!}`;
  const preds = req.steps.map((s, i) => stepPredicate(s, options.resolveStep, i));
  const mask = join(preds.map((p, j) => sql`(CASE WHEN ${p} THEN ${int(2 ** j)} ELSE 0 END)`), ' + ');
  const inScope = sql`workspace_id = ${workspaceId}${rangeFilter(raw('ts'), req)}`;
  const anyStep = req.order === 'strict' ? sql`` : sql` AND (${join(preds, ' OR ')})`;
  const rowValue = req.breakdown && req.breakdown !== 'persona' ? propertyTextSql(req.breakdown) : null;
  const epoch = dialectFn((d) => d.epochMs(raw('ts')));
  const ctes: Sql[] = [
    cte('rows', sql`SELECT customer_id AS c, ${epoch} AS t, ${mask} AS m${rowValue ? sql`, ${rowValue} AS v` : sql``}
      FROM events WHERE ${inScope}${anyStep}`),
  ];

  // First-touch breakdown value: on the earliest step-0 event (any step event when unordered).
  const touch = req.order === 'unordered' ? sql`m <> 0` : hasStep(raw('m'), 0);
  const firstTouch = rowValue ? sql`${aggIf('min', record([['t', raw('t')], ['v', raw('v')]]), touch)}` : null;
  const fv = (rec: Sql) => (rowValue ? field(rec, ['t', 'v'], 'v') : raw('NULL'));
  const times = join(Array.from({ length: k }, (_, j) => col('t', j)));
  const general = (name: string, source: string): Sql[] => (req.order === 'unordered'
    ? unorderedCtes(source, name, k, W)
    : attemptCtes({ source, name, steps: k, window: W, strict: req.order === 'strict' }));

  if (req.order === 'ordered' && options.plan !== 'general') {
    ctes.push(...fastCtes('rows', k, W, firstTouch));
    ctes.push(cte('slow_rows', sql`SELECT * FROM rows WHERE c IN (SELECT c FROM fast WHERE depth IS NULL)`));
    ctes.push(...general('slow', 'slow_rows'));
    ctes.push(cte('chosen', sql`SELECT c, depth, ${fastChain(k)}, ${fv(raw('fv'))} AS v FROM fast WHERE depth > 0
      UNION ALL SELECT s.c, s.depth, ${join(Array.from({ length: k }, (_, j) => sql`s.${col('t', j)}`))}, ${fv(raw('f.fv'))} AS v
      FROM slow s JOIN fast f ON f.c = s.c`, true));
  } else {
    ctes.push(...general('slow', 'rows'));
    if (firstTouch) {
      ctes.push(cte('touch', sql`SELECT c, ${firstTouch} AS fv FROM rows GROUP BY c`));
      ctes.push(cte('chosen', sql`SELECT s.c, s.depth, ${join(Array.from({ length: k }, (_, j) => sql`s.${col('t', j)}`))}, ${fv(raw('f.fv'))} AS v
        FROM slow s JOIN touch f ON f.c = s.c`, true));
    } else {
      ctes.push(cte('chosen', sql`SELECT c, depth, ${times}, NULL AS v FROM slow`, true));
    }
  }

  let final = 'chosen';
  if (req.exclusions.length > 0) {
    const names = [...new Set(req.exclusions.map((x) => x.event))];
    ctes.push(cte('excluded_events', sql`SELECT customer_id AS c, ${epoch} AS t, event AS e FROM events
      WHERE ${inScope} AND event IN (${join(names.map((n) => sql`${n}`))})`));
    const spoils = req.exclusions.map((x) => sql`(x.e = ${x.event} AND ch.depth > ${int(x.fromStep)} AND x.t > ch.${col('t', x.fromStep)}
      AND CASE WHEN ch.depth > ${int(x.toStep)} THEN x.t < ch.${col('t', x.toStep)} ELSE x.t <= ch.t0 + ${W} END)`);
    ctes.push(cte('spoiled', sql`SELECT DISTINCT ch.c FROM chosen ch JOIN excluded_events x ON x.c = ch.c WHERE ${join(spoils, ' OR ')}`));
    ctes.push(cte('kept', sql`SELECT * FROM chosen WHERE c NOT IN (SELECT c FROM spoiled)`));
    final = 'kept';
  }
  if (req.breakdown === 'persona') {
    const persona = options.personaSql ?? defaultPersonaSql(workspaceId);
    ctes.push(cte('with_persona', sql`SELECT f.c, f.depth, ${join(Array.from({ length: k }, (_, j) => sql`f.${col('t', j)}`))}, p.persona AS v
      FROM ${raw(final)} f LEFT JOIN (${persona}) p ON p.customer_id = f.c`));
    final = 'with_persona';
  }

  const stats: Sql[] = [sql`count(*) AS n0`];
  const edges = bucketEdgesMs(windowMs(req.window)!);
  for (let j = 1; j < k; j++) {
    const reached = sql`depth > ${int(j)}`;
    const d = sql`(${col('t', j)} - ${col('t', j - 1)})`;
    stats.push(sql`${aggIf('count', null, reached)} AS ${col('n', j)}`, sql`${aggIf('sum', d, reached)} AS ${col('s', j)}`,
      sql`${medianIf(d, reached)} AS ${col('q', j)}`);
    edges.forEach((lo, i) => {
      const inBucket = i + 1 < edges.length ? sql`${d} >= ${int(lo)} AND ${d} < ${int(edges[i + 1])}` : sql`${d} >= ${int(lo)}`;
      stats.push(sql`${aggIf('count', null, sql`${reached} AND ${inBucket}`)} AS ${col(`b${j}_`, i)}`);
    });
  }
  const body = req.breakdown
    ? sql`SELECT grouping(v) AS total, v AS value, ${join(stats)} FROM ${raw(final)} GROUP BY GROUPING SETS ((), (v))
        ORDER BY total DESC, n0 DESC, value ASC NULLS LAST LIMIT ${int(req.breakdownLimit + 1)}`
    : sql`SELECT 1 AS total, NULL AS value, ${join(stats)} FROM ${raw(final)}`;
  return sql`WITH ${join(ctes, ',\n')}\n${body}`;
}

/** `traits.persona` of each customer's latest identify call that has one (same time: greatest value). */
export function defaultPersonaSql(workspaceId: string): Sql {
  const persona = dialectFn((d) => d.jsonText(raw('traits'), ['persona']));
  const latest = record([['ts', raw('ts')], ['persona', raw('persona')]]);
  return sql`SELECT customer_id, ${field(sql`max(${latest})`, ['ts', 'persona'], 'persona')} AS persona
    FROM (SELECT customer_id, ts, ${persona} AS persona FROM events WHERE workspace_id = ${workspaceId} AND type = 'identify') i
    WHERE persona IS NOT NULL GROUP BY customer_id`;
}

