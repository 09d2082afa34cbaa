import { join, raw, sql, type Sql } from '../../storage/sql.ts';
import { CHANNEL_SLOTS, channelOfRankSql, sequenceSourceSql } from '../../storage/sequences.ts';
import { intDiv, listAt, listFilter, listLen, listMap, listMapIndexed, listMax, listPositionOrNull } from '../common/list-sql.ts';
import { fastDepthSql } from './plan-fast.ts';
import { col, cte, field, int, oneIf, record } from './sql-parts.ts';

/**
 * The `ordered` plan over per-customer sequences (storage/sequences.ts), for funnels whose steps are
 * plain events with one code each: one pass over one row per customer, no scan of event rows, no
 * GROUP BY, no join.
 *
 * 1. Customers without a step-0 event are skipped before any list is read (`list_contains` on codes).
 * 2. Per step j the first and last time of its event (stored `firsts`/`lasts`; with a range, from
 *    the sorted times cut to [from, to)).
 * 3. The fast tier's rule (plan-fast.ts) on them decides most customers.
 * 4. The others (~20 %) are followed as plan-chains.ts does, on each step's own sorted times (`T_j`,
 *    ms): an attempt per step-1 event y from the latest step-0 event s at or before it, kept when y
 *    is the first step-1 event at or after s and within s's window (an earlier start with the same
 *    next event can never be the one reported); then per further step the first time of that step
 *    at or after the previous step's (at equal times the later step counts as later; steps have
 *    distinct events, so no event serves twice) and within the window — one filter of a short
 *    sorted list. The best attempt is the largest record (depth, −completion, start), as in
 *    plan-attempts.ts; with none, depth 1 from the first step-0 event.
 *
 * Defines `chosen` (c?, depth, t0 … t{k-1}, v) like the other plans, after the `sq` CTE(s).
 */
export interface SequencePlan {
  workspaceId: string;
  /** Whether events appended since the last compaction must be merged in. */
  withTail: boolean;
  /** The code of each step's event. */
  codes: readonly number[];
  window: Sql;
  /** Bounds in epoch ms of the events considered. */
  from: number | null;
  to: number | null;
  /** The channel of the first step-0 event as `v`. */
  channel: boolean;
  /** Whether `chosen` carries the customer id `c` (exclusions, persona). */
  withCustomer: boolean;
  /** Whether `chosen` is read more than once (exclusions). */
  materialize: boolean;
}

const SLOTS = raw(String(CHANNEL_SLOTS));

export function sequencePlanCtes(p: SequencePlan): Sql[] {
  const k = p.codes.length;
  const W = p.window;
  const steps = Array.from({ length: k }, (_, j) => j);
  const lx = raw('lx');
  const inRange = [
    ...(p.from !== null ? [sql`${lx} >= ${p.from * CHANNEL_SLOTS}`] : []),
    ...(p.to !== null ? [sql`${lx} < ${p.to * CHANNEL_SLOTS}`] : []),
  ];
  const s = (j: number) => col('s', j);
  const T = (j: number) => col('T', j);
  const time = (x: Sql) => intDiv(x, SLOTS);
  const pos = (j: number) => col('p', j);
  // Per step j its sorted times `s_j` and their first and last. Without a range, those come from the
  // stored `firsts`/`lasts` at the step's position (a scalar each) and `s_j` is only unpacked for the
  // undecided; with one, from the list cut to the range.
  let stepCols: Sql[];
  let list: (j: number) => Sql;
  let ends: (j: number) => [Sql, Sql];
  if (inRange.length === 0) {
    stepCols = [raw('times, firsts, lasts'), ...steps.map((j) => sql`${listPositionOrNull(raw('codes'), int(p.codes[j]))} AS ${pos(j)}`)];
    list = (j) => listAt(raw('times'), pos(j));
    ends = (j) => [listAt(raw('firsts'), pos(j)), listAt(raw('lasts'), pos(j))];
  } else {
    stepCols = steps.map((j) => sql`${listFilter(listAt(raw('times'), listPositionOrNull(raw('codes'), int(p.codes[j]))), 'lx', join(inRange, ' AND '))} AS ${s(j)}`);
    list = s;
    ends = (j) => [listAt(s(j), raw('1')), listAt(s(j), listLen(s(j)))];
  }
  const first = steps.flatMap((j) => [sql`${time(ends(j)[0])} AS ${col('f', j)}`, sql`${time(ends(j)[1])} AS ${col('l', j)}`]);
  const id = p.withCustomer ? raw('c, ') : raw('');
  const v = p.channel ? channelOfRankSql(sql`(${ends(0)[0]} % ${SLOTS})`) : raw('NULL');
  const fs = steps.map((j) => col('f', j));
  const tNames = steps.map((j) => `T${j}`);
  // Undecided customers (depth NULL) carry their steps' times `tt`; only they go through the attempts.
  const times = record(steps.map((j) => [`T${j}`, listMap(list(j), 'lx', time(lx))] as const));

  // Attempts: records (s, q1 … q{j}) of times; a missing step is NULL and stops the chain.
  const names = (upTo: number) => ['s', ...Array.from({ length: upTo }, (_, i) => `q${i + 1}`)];
  const la = raw('la');
  const get = (upTo: number, name: string) => field(la, names(upTo), name);
  /** The first time of step j at or after `after`, within the window of the attempt's start. */
  const next = (j: number, after: Sql, start: Sql) => listAt(listFilter(T(j), 'lv', sql`lv >= ${after} AND lv <= ${start} + ${W}`), raw('1'));
  const rest = (from: number) => join(steps.slice(from).map(T), ', ');
  const carry = (from: number) => (from < k ? sql`, ${rest(from)}` : sql``);
  const a0 = (name: string) => field(la, ['s', 'q1', 'p'], name);
  const ctes: Sql[] = [
    sequenceSourceSql(p.workspaceId, p.withTail, [p.codes[0]]),
    cte('fs_steps', sql`SELECT ${p.withCustomer ? raw('customer_id AS c, ') : raw('')}${join(stepCols)} FROM sq`),
    cte('fs_first', sql`SELECT *, ${join(first)} FROM fs_steps`),
    cte('fs_decided', sql`SELECT *, ${fastDepthSql(k, W, false)} AS depth FROM fs_first`),
    // f0 IS NOT NULL is depth > 0 without repeating the depth rule in the filter.
    cte('fs_keys', sql`SELECT ${id}depth, ${join(fs)}, l0, ${v} AS v, CASE WHEN depth IS NULL THEN ${times} END AS tt
      FROM fs_decided WHERE f0 IS NOT NULL`, true),
    cte('fs_u', sql`SELECT ${id}f0, v, ${join(steps.map((j) => sql`${field(raw('tt'), tNames, `T${j}`)} AS ${T(j)}`))} FROM fs_keys WHERE depth IS NULL`),
    // Attempts worth following: per step-1 event y, the latest start s ≤ y, kept when y is the first
    // step-1 event at or after s (the one s's attempt takes) and within its window.
    cte('fs_a0', sql`SELECT ${id}f0, v${carry(2)}, ${listMapIndexed(T(1), 'lv', 'li', record([
      ['s', listMax(listFilter(T(0), 'lx', raw('lx <= lv')))], ['q1', raw('lv')], ['p', sql`CASE WHEN li > 1 THEN ${listAt(T(1), raw('li - 1'))} END`]]))} AS a0 FROM fs_u`),
    cte('fs_a1', sql`SELECT ${id}f0, v${carry(2)}, ${listMap(listFilter(raw('a0'), 'la', sql`${a0('s')} IS NOT NULL AND ${a0('q1')} <= ${a0('s')} + ${W}
      AND (${a0('p')} IS NULL OR ${a0('p')} < ${a0('s')})`), 'la', record([['s', a0('s')], ['q1', a0('q1')]]))} AS a1 FROM fs_a0`),
  ];
  for (let j = 2; j < k; j++) {
    const prev = get(j - 1, `q${j - 1}`);
    const rec = record([...names(j - 1).map((n) => [n, get(j - 1, n)] as const),
      [`q${j}`, sql`CASE WHEN ${prev} IS NOT NULL THEN ${next(j, prev, get(j - 1, 's'))} END`]]);
    ctes.push(cte(`fs_a${j}`, sql`SELECT ${id}f0, v${carry(j + 1)}, ${listMap(raw(`a${j - 1}`), 'la', rec)} AS ${col('a', j)} FROM ${raw(`fs_a${j - 1}`)}`));
  }
  const last = names(k - 1);
  const q = (j: number) => get(k - 1, `q${j}`);
  const depth = sql`1${join(Array.from({ length: k - 1 }, (_, i) => sql` + ${oneIf(sql`${q(i + 1)} IS NOT NULL`)}`), '')}`;
  const completion = sql`coalesce(${join([...Array.from({ length: k - 1 }, (_, i) => q(k - 1 - i)), get(k - 1, 's')])})`;
  const bestNames = ['depth', 'nc', ...last];
  const best = record([['depth', depth], ['nc', sql`-${completion}`], ...last.map((n) => [n, get(k - 1, n)] as const)]);
  const b = raw('b');
  const bf = (name: string) => field(b, bestNames, name);
  const decided = steps.map((j) => (j === 0
    ? sql`CASE WHEN depth = 1 THEN f0 ELSE l0 END AS t0`
    : sql`CASE WHEN depth > ${int(j)} THEN ${col('f', j)} END AS ${col('t', j)}`));
  // No attempt reaching step 1: depth 1, reported from the first step-0 event.
  const followed = steps.map((j) => (j === 0
    ? sql`CASE WHEN b IS NULL THEN f0 ELSE ${bf('s')} END AS t0`
    : sql`${bf(`q${j}`)} AS ${col('t', j)}`));
  ctes.push(
    cte('fs_best', sql`SELECT ${id}f0, v, ${listMax(listMap(raw(`a${k - 1}`), 'la', best))} AS b FROM ${raw(`fs_a${k - 1}`)}`),
    cte('chosen', sql`SELECT ${id}depth, ${join(decided)}, v FROM fs_keys WHERE depth IS NOT NULL
      UNION ALL SELECT ${id}coalesce(${bf('depth')}, 1), ${join(followed)}, v FROM fs_best`, p.materialize),
  );
  return ctes;
}
