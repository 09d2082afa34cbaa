import { join, raw, sql, type Sql } from '../../storage/sql.ts';
import { CHANNEL_SLOTS, channelOfRankSql, sequenceSourceSql } from '../../storage/sequences.ts';
import {
  intDiv, listAt, listConcat, listFilter, listLen, listMap, listMax, listMin, listPositionOrNull, listRange, listSort,
} from '../common/list-sql.ts';
import { fastDepthSql } from './plan-fast.ts';
import { col, cte, field, int, oneIf, record } from './sql-parts.ts';

/**
 * The `ordered` plan over per-customer sequences (storage/sequences.ts), for funnels whose steps are
 * plain events with one code each: one pass over one row per customer, no scan of event rows, no
 * GROUP BY, no join.
 *
 * 1. Per step j the customer's sorted times of its event (`s_j`, one list lookup), cut to [from, to).
 * 2. The fast tier's rule (plan-fast.ts) on their first and last elements decides most customers.
 * 3. The others get their step events as one sorted list of keys `time × 32 + step` — funnel order,
 *    at equal times the earlier step first — and are followed as plan-chains.ts does: an attempt per
 *    step-0 event directly followed by a step-1 event among the step-0/1 events (an earlier start
 *    with the same next event can never be the one reported), within the window; then per further
 *    step the first later event of that step within the window of the start (a list minimum); the
 *    best attempt is the largest record (depth, −completion, start), as in plan-attempts.ts.
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
/** Keys `time × 32 + step`: 20 steps fit, and epoch ms × 32 fits a BIGINT for centuries. */
const STEP_SLOTS = raw('32');

export function sequencePlanCtes(p: SequencePlan): Sql[] {
  const k = p.codes.length;
  const W = p.window;
  const steps = Array.from({ length: k }, (_, j) => j);
  const lx = raw('lx');
  const inRange = [
    ...(p.from !== null ? [sql`${lx} >= ${p.from * CHANNEL_SLOTS}`] : []),
    ...(p.to !== null ? [sql`${lx} < ${p.to * CHANNEL_SLOTS}`] : []),
  ];
  const stepList = (code: number) => {
    const all = listAt(raw('times'), listPositionOrNull(raw('codes'), raw(String(code))));
    return inRange.length ? listFilter(all, 'lx', join(inRange, ' AND ')) : all;
  };
  const s = (j: number) => col('s', j);
  const time = (x: Sql) => intDiv(x, SLOTS);
  const key = (x: Sql) => intDiv(x, STEP_SLOTS);
  const stepOf = (x: Sql) => sql`(${x} % ${STEP_SLOTS})`;

  const undecided = listSort(listConcat(...steps.map((j) => listMap(s(j), 'lx', sql`${time(lx)} * ${STEP_SLOTS} + ${int(j)}`))));
  const first = steps.flatMap((j) => [sql`${time(listAt(s(j), raw('1')))} AS ${col('f', j)}`,
    sql`${time(listAt(s(j), listLen(s(j))))} AS ${col('l', j)}`]);

  // Attempts: records (s, q1 … q{j}) of keys; a missing step is NULL and stops the chain.
  const names = (upTo: number) => ['s', ...Array.from({ length: upTo }, (_, i) => `q${i + 1}`)];
  const la = raw('la');
  const get = (rec: Sql, upTo: number, name: string) => field(rec, names(upTo), name);
  const li = raw('li');
  const at = (i: Sql) => listAt(raw('s01'), i);
  const pairs = listFilter(listMap(listRange(raw('1'), sql`${listLen(raw('s01'))} - 1`), 'li', sql`CASE
    WHEN ${stepOf(at(li))} = 0 AND ${stepOf(at(sql`${li} + 1`))} = 1 AND ${key(at(sql`${li} + 1`))} - ${key(at(li))} <= ${W}
    THEN ${record([['s', at(li)], ['q1', at(sql`${li} + 1`)]])} END`), 'la', sql`${la} IS NOT NULL`);
  const id = p.withCustomer ? raw('c, ') : raw('');
  const v = p.channel ? channelOfRankSql(sql`(${listAt(s(0), raw('1'))} % ${SLOTS})`) : raw('NULL');
  const fs = steps.map((j) => col('f', j));
  // Undecided customers (depth NULL) carry their step keys `ss`; only they go through the attempts.
  const ctes: Sql[] = [
    sequenceSourceSqlCte(p),
    cte('fs_steps', sql`SELECT ${p.withCustomer ? raw('customer_id AS c, ') : raw('')}${join(steps.map((j) => sql`${stepList(p.codes[j])} AS ${s(j)}`))} FROM sq`),
    cte('fs_first', sql`SELECT *, ${join(first)} FROM fs_steps`),
    cte('fs_decided', sql`SELECT *, ${fastDepthSql(k, W, false)} AS depth FROM fs_first`),
    cte('fs_keys', sql`SELECT ${id}depth, ${join(fs)}, l0, ${v} AS v, CASE WHEN depth IS NULL THEN ${undecided} END AS ss
      FROM fs_decided WHERE depth IS NULL OR depth > 0`, true),
    cte('fs_a1', sql`SELECT ${id}f0, v, ss, ${pairs} AS a1
      FROM (SELECT *, ${listFilter(raw('ss'), 'lx', sql`${stepOf(lx)} <= 1`)} AS s01 FROM fs_keys WHERE depth IS NULL) z`),
  ];
  for (let j = 2; j < k; j++) {
    const prev = get(la, j - 1, `q${j - 1}`);
    const next = listMin(listFilter(raw('ss'), 'lx',
      sql`${stepOf(lx)} = ${int(j)} AND ${lx} > ${prev} AND ${key(lx)} - ${key(get(la, j - 1, 's'))} <= ${W}`));
    const rec = record([...names(j - 1).map((n) => [n, get(la, j - 1, n)] as const), [`q${j}`, sql`CASE WHEN ${prev} IS NOT NULL THEN ${next} END`]]);
    ctes.push(cte(`fs_a${j}`, sql`SELECT ${id}f0, v, ss, ${listMap(raw(`a${j - 1}`), 'la', rec)} AS ${col('a', j)} FROM ${raw(`fs_a${j - 1}`)}`));
  }
  const last = names(k - 1);
  const q = (j: number) => get(la, k - 1, `q${j}`);
  const depth = sql`2${join(Array.from({ length: k - 2 }, (_, i) => sql` + ${oneIf(sql`${q(i + 2)} IS NOT NULL`)}`), '')}`;
  const completion = sql`coalesce(${join(Array.from({ length: k - 1 }, (_, i) => q(k - 1 - i)))})`;
  const bestNames = ['depth', 'nc', ...last];
  const best = record([['depth', depth], ['nc', sql`-${completion}`], ...last.map((n) => [n, get(la, k - 1, n)] as const)]);
  const b = raw('b');
  const bf = (name: string) => field(b, bestNames, name);
  const decided = steps.map((j) => (j === 0
    ? sql`CASE WHEN depth = 1 THEN f0 ELSE l0 END AS t0`
    : sql`CASE WHEN depth > ${int(j)} THEN ${col('f', j)} END AS ${col('t', j)}`));
  // No attempt reaching step 1: depth 1, reported from the first step-0 event.
  const followed = steps.map((j) => (j === 0
    ? sql`CASE WHEN b IS NULL THEN f0 ELSE ${key(bf('s'))} END AS t0`
    : sql`${key(bf(`q${j}`))} AS ${col('t', j)}`));
  ctes.push(
    cte('fs_best', sql`SELECT ${id}f0, v, ${listMax(listMap(raw(`a${k - 1}`), 'la', best))} AS b FROM ${raw(`fs_a${k - 1}`)}`),
    cte('chosen', sql`SELECT ${id}depth, ${join(decided)}, v FROM fs_keys WHERE depth IS NOT NULL
      UNION ALL SELECT ${id}coalesce(${bf('depth')}, 1), ${join(followed)}, v FROM fs_best`, p.materialize),
  );
  return ctes;
}

const sequenceSourceSqlCte = (p: SequencePlan): Sql => sequenceSourceSql(p.workspaceId, p.withTail);
