import { dialectFn, join, raw, sql, type Sql } from '../../storage/sql.ts';
import { CHANNELS, DEVICES } from '../../ingest/event.ts';
import { customerFilterSql, inCustomersCte } from '../common/persona-filter.ts';
import { rangeFilter } from '../common/time-range.ts';
import { bucketEdgesMs } from './funnel-stats.ts';
import { attemptCtes } from './plan-attempts.ts';
import { customerCheckHash, customerHash } from './customer-hash.ts';
import { orderedCtes } from './plan-ordered.ts';
import { sequencePlanCtes } from './plan-sequences.ts';
import type { SequenceSnapshot } from '../../storage/sequences.ts';
import { unorderedCtes } from './plan-unordered.ts';
import { aggIf, col, cte, field, hasStep, int, record } from './sql-parts.ts';
import { statsSql } from './stats-sql.ts';
import { propertyTextSql, stepPredicate, type StepResolver } from './step-predicate.ts';
import { windowMs, type FunnelRequest } from './types.ts';

export interface FunnelSqlOptions {
  resolveStep?: StepResolver;
  /** A relation `(customer_id, persona)` for `breakdown: "persona"`; default: `defaultPersonaSql`. */
  personaSql?: Sql;
  /** `rows` skips the customer sequences, `general` also the fast tiers of ordered funnels (tests check every plan). */
  plan?: 'auto' | 'rows' | 'general';
  /** Tests only: the customer hash (customer-hash.ts), to force collisions. */
  customerHash?: (id: Sql) => Sql;
  /** The store's customer sequences (Store.sequences), read instead of events when the funnel allows. */
  sequences?: SequenceSnapshot | null;
  /** `SELECT customer_id …`: only these customers' events count (the persona filter, `personaCustomersSql`). */
  customers?: Sql;
}

/**
 * The step codes when the sequence plan (plan-sequences.ts) can answer: an `ordered` funnel of plain,
 * distinct event steps, each sent with one kind of call (a name with no code has no events), broken
 * down by nothing, channel or persona.
 */
export function sequenceCodes(req: FunnelRequest, options: FunnelSqlOptions): number[] | null {
  const snap = options.sequences;
  // The sequences hold every customer: a customer filter reads the events instead.
  if (!snap || options.customers || req.order !== 'ordered' || (options.plan ?? 'auto') !== 'auto') return null;
  if (req.breakdown !== undefined && req.breakdown !== 'channel' && req.breakdown !== 'persona') return null;
  const names: string[] = [];
  for (const step of req.steps) {
    if (!('event' in step) || step.where?.length) return null;
    names.push(step.event);
  }
  if (new Set(names).size !== names.length) return null;
  const codes: number[] = [];
  for (const n of names) {
    const c = snap.codes.get(n) ?? [0];
    if (c.length !== 1) return null;
    codes.push(c[0]);
  }
  return codes;
}

/**
 * The whole funnel as one query, compiled from the request for any dialect:
 *
 * 1. `rows`: the workspace's events in [from, to) that match some step (every event for `strict`),
 *    with a step bitmask `m` and the breakdown value `v` — one scan.
 * 2. `chosen` (c, depth, t0 … t{k-1}, v): per customer, the attempt whose times are reported —
 *    plan-ordered.ts (tiered) for `ordered`, plan-attempts.ts for `strict`, plan-unordered.ts.
 * 3. exclusions drop customers whose chosen attempt has an excluded event in its span.
 * 4. stats-sql.ts: counts, sums, medians and time buckets per step, overall and per breakdown value.
 */
export function funnelSql(workspaceId: string, req: FunnelRequest, options: FunnelSqlOptions = {}): Sql {
  const k = req.steps.length;
  const win = windowMs(req.window)!;
  const W = sql`${win}`;
  // The customer filter sits in the scope, as in the map (map-sql.ts), so every scan (rows, the
  // ordered plan's rescan, exclusions) sees the same customers. The set is a CTE computed once: in
  // each scan's IN, the persona's scan of every event ran once per scan (the ordered plan has two).
  const inScope = sql`workspace_id = ${workspaceId}${rangeFilter(raw('ts'), req)}${customerFilterSql(options.customers).where}`;
  const { mask, anyStep: matchesAny, single } = stepMask(req.steps, options.resolveStep);
  const anyStep = req.order === 'strict' ? sql`` : sql` AND ${matchesAny}`;
  const rowValue = req.breakdown && req.breakdown !== 'persona' ? propertyTextSql(req.breakdown) : null;
  const epoch = dialectFn((d) => d.epochMs(raw('ts')));
  const tiered = req.order === 'ordered' && options.plan !== 'general';
  const withCustomer = req.exclusions.length > 0 || req.breakdown === 'persona';
  const id = raw('customer_id');
  const hash = (options.customerHash ?? customerHash)(id);
  const common = [sql`${epoch} AS t`, sql`${mask} AS m`, ...(rowValue ? [sql`${rowValue} AS v`] : [])];
  const scan = (columns: Sql[], extra = sql``) => sql`SELECT ${join(columns)} FROM events WHERE ${inScope}${anyStep}${extra}`;
  const seqCodes = sequenceCodes(req, options);
  const ctes: Sql[] = options.customers ? [inCustomersCte(options.customers)] : [];
  if (!seqCodes) ctes.push(cte('rows', tiered
    ? scan([sql`${hash} AS h`, sql`${customerCheckHash(id)} AS h2`, ...common, ...(withCustomer ? [raw('customer_id AS c')] : [])])
    : scan([raw('customer_id AS c'), ...common])));

  const touch = req.order === 'unordered' ? sql`m <> 0` : hasStep(raw('m'), 0);
  const { firstTouch, touchValue } = firstTouchSql(req.breakdown, rowValue !== null, touch);
  const times = (alias: string) => join(Array.from({ length: k }, (_, j) => sql`${raw(alias)}.${col('t', j)}`));

  if (seqCodes) {
    ctes.push(...sequencePlanCtes({
      workspaceId, withTail: options.sequences!.tail > 0, codes: seqCodes, window: W,
      from: req.from?.getTime() ?? null, to: req.to?.getTime() ?? null, channel: req.breakdown === 'channel', withCustomer,
      materialize: req.exclusions.length > 0,
    }));
  } else if (tiered) {
    const rescan = (hashes: Sql) => scan([raw('customer_id AS c'), ...common], sql` AND ${hash} IN (${hashes})`);
    ctes.push(...orderedCtes({ steps: k, window: W, firstTouch, touchValue, withCustomer, oneStepPerEvent: single, rescan }));
  } else {
    ctes.push(...(req.order === 'unordered'
      ? unorderedCtes('rows', 'slow', k, W)
      : attemptCtes({ source: 'rows', name: 'slow', steps: k, window: W, strict: req.order === 'strict' })));
    if (firstTouch) ctes.push(cte('touch', sql`SELECT c, ${firstTouch} AS fv FROM rows GROUP BY c`));
    ctes.push(cte('chosen', sql`SELECT s.c, s.depth, ${times('s')}, ${firstTouch ? touchValue(raw('f.fv')) : raw('NULL')} AS v
      FROM slow s${firstTouch ? sql` JOIN touch f ON f.c = s.c` : sql``}`, true));
  }

  let final = 'chosen';
  if (req.exclusions.length > 0) {
    const names = [...new Set(req.exclusions.map((x) => x.event))];
    ctes.push(cte('excluded_events', sql`SELECT customer_id AS c, ${epoch} AS t, event AS e FROM events
      WHERE ${inScope} AND event IN (${join(names.map((n) => sql`${n}`))})`));
    const spoils = req.exclusions.map((x) => sql`(x.e = ${x.event} AND ch.depth > ${int(x.fromStep)} AND x.t > ch.${col('t', x.fromStep)}
      AND CASE WHEN ch.depth > ${int(x.toStep)} THEN x.t < ch.${col('t', x.toStep)} ELSE x.t <= ch.t0 + ${W} END)`);
    ctes.push(
      cte('spoiled', sql`SELECT DISTINCT ch.c FROM chosen ch JOIN excluded_events x ON x.c = ch.c WHERE ${join(spoils, ' OR ')}`),
      cte('kept', sql`SELECT * FROM chosen WHERE c NOT IN (SELECT c FROM spoiled)`),
    );
    final = 'kept';
  }
  if (req.breakdown === 'persona') {
    const persona = options.personaSql ?? defaultPersonaSql(workspaceId);
    ctes.push(cte('with_persona', sql`SELECT f.c, f.depth, ${times('f')}, p.persona AS v
      FROM ${raw(final)} f LEFT JOIN (${persona}) p ON p.customer_id = f.c`));
    final = 'with_persona';
  }

  const stats = statsSql({ source: final, steps: k, edges: bucketEdgesMs(win), limit: req.breakdown ? req.breakdownLimit : null });
  return sql`WITH ${join([...ctes, ...stats.ctes], ',\n')}\n${stats.body}`;
}

/**
 * The step bitmask of an events row (bit j: matches step j) and a filter for rows matching any step.
 * Plain event steps (the common case) compile to one `CASE event WHEN …` and `event = … OR …`;
 * steps with conditions or journey matchers to one CASE each. (With bound values, DuckDB runs an
 * `IN` list as a join: OR-ed equalities scan ~25 % faster.)
 */
export function stepMask(steps: FunnelRequest['steps'], resolve?: StepResolver): { mask: Sql; anyStep: Sql; single: boolean } {
  const names = steps.map((s) => ('event' in s ? s.event : null));
  const plain = steps.every((s) => 'event' in s && !s.where?.length);
  if (plain) {
    const distinct = [...new Set(names as string[])];
    const bits = (n: string) => names.reduce((b, m, j) => (m === n ? b + 2 ** j : b), 0);
    return {
      single: distinct.length === steps.length,
      mask: sql`(CASE ${raw('"event"')} ${join(distinct.map((n) => sql`WHEN ${n} THEN ${int(bits(n))}`), ' ')} ELSE 0 END)`,
      anyStep: eventIs(distinct),
    };
  }
  const preds = steps.map((s, i) => stepPredicate(s, resolve, i));
  const mask = join(preds.map((p, j) => sql`(CASE WHEN ${p} THEN ${int(2 ** j)} ELSE 0 END)`), ' + ');
  // Every step names its event: a cheap filter on the name first, before the conditions run.
  const prefilter = names.every((n) => n !== null) ? sql`${eventIs([...new Set(names as string[])])} AND ` : sql``;
  return { mask, anyStep: sql`(${prefilter}(${join(preds, ' OR ')}))`, single: false };
}

/**
 * First-touch breakdown value: on the customer's earliest step-0 event (any step event when
 * unordered); at equal times the smallest value, NULL last. Channel and device come from closed
 * lists, so their order fits in an integer key for `arg_min` (3× cheaper than comparing records).
 */
function firstTouchSql(breakdown: string | undefined, onRows: boolean, touch: Sql): { firstTouch: Sql | null; touchValue: (rec: Sql) => Sql } {
  if (!onRows) return { firstTouch: null, touchValue: (rec) => rec };
  const closed = breakdown === 'channel' ? CHANNELS : breakdown === 'device' ? DEVICES : null;
  if (closed) {
    const sorted = [...closed].sort();
    const rank = sql`CASE WHEN v IS NULL THEN ${int(sorted.length + 1)} ${join(sorted.map((x, i) => sql`WHEN v = ${x} THEN ${int(i)}`), ' ')} ELSE ${int(sorted.length)} END`;
    return { firstTouch: aggIf('arg_min', sql`v, t * 16 + ${rank}`, touch), touchValue: (rec) => rec };
  }
  return {
    firstTouch: aggIf('min', record([['t', raw('t')], ['v', raw('v')]]), touch),
    touchValue: (rec) => field(rec, ['t', 'v'], 'v'),
  };
}

const eventIs = (names: readonly string[]): Sql => sql`(${join(names.map((n) => sql`${raw('"event"')} = ${n}`), ' OR ')})`;

/** `traits.persona` of each customer's latest identify call that has one (same time: greatest value). */
export function defaultPersonaSql(workspaceId: string): Sql {
  const persona = dialectFn((d) => d.jsonText(raw('traits'), ['persona']));
  const latest = record([['ts', raw('ts')], ['persona', raw('persona')]]);
  return sql`SELECT customer_id, ${field(sql`max(${latest})`, ['ts', 'persona'], 'persona')} AS persona
    FROM (SELECT customer_id, ts, ${persona} AS persona FROM events WHERE workspace_id = ${workspaceId} AND type = 'identify') i
    WHERE persona IS NOT NULL GROUP BY customer_id`;
}
