import { CHANNELS } from '../ingest/event.ts';
import { dialectFn, join, raw, sql, type Sql } from './sql.ts';

/**
 * Per-customer event sequences: what funnels and paths read instead of the `events` rows.
 *
 * A customer's events are kept as one row `(workspace_id, customer_id, codes, times)`: `codes` are the
 * distinct event codes of the customer (`event_codes`: one small integer per event name and kind of
 * call) and `times[i]` the sorted times of code `codes[i]`, each encoded as
 * `epoch_ms × CHANNEL_SLOTS + channel rank` (the channel's rank in name order), so the first element
 * is the earliest event and, at equal times, the one with the alphabetically first channel — the
 * funnel's first-touch rule. A funnel step is then one list lookup per customer instead of a scan,
 * a filter and a GROUP BY over the rows (BENCHMARKS.md, "Funnel").
 *
 * `firsts[i]` / `lasts[i]` repeat the first and last element of `times[i]`: the funnel's fast rule
 * reads only those, and a scalar is ~2× cheaper to extract than a list (BENCHMARKS.md "Funnel").
 * Next to them, `keys` holds all of the customer's events in one time-sorted list, each as
 * `epoch_ms × KEY_CODE_SPACE + code` (at equal times by code), and `tied` says whether two events
 * share a millisecond. Paths read `keys` as they are — no per-query merge and sort of the per-code
 * lists (which was ~75 % of their CPU, BENCHMARKS.md "Funnel") — and sort again only when `tied`,
 * since paths order same-time steps by name, not by code.
 *
 * The embedded store keeps these rows in `customer_sequences`, compacted in the background from the
 * events appended since `sequence_state.last_rowid` (storage/duckdb/sequence-compactor.ts); a query
 * merges that small tail in (`sequenceSourceSql`), so answers never depend on compaction.
 */
export const CHANNEL_SLOTS = 16;
/** `keys` elements: epoch ms × 2^20 + code; 2^20 codes and dates up to the year 2248 fit in a BIGINT. */
export const KEY_CODE_SPACE = 1_048_576;
const CHANNELS_BY_NAME = [...CHANNELS].sort();

/** Calls that are interactions (paths); `identify`, `group`, `alias` are bookkeeping. */
export const INTERACTION_TYPES_SQL = raw(`('track', 'page', 'screen')`);

/** The rank of a channel in name order (unknown: after all). */
export function channelRankSql(channel: Sql): Sql {
  return sql`(CASE ${channel} ${join(CHANNELS_BY_NAME.map((c, i) => raw(`WHEN '${c}' THEN ${i}`)), ' ')} ELSE ${raw(String(CHANNELS_BY_NAME.length))} END)`;
}

/** The channel name of a rank from `channelRankSql`. */
export function channelOfRankSql(rank: Sql): Sql {
  return sql`(CASE ${rank} ${join(CHANNELS_BY_NAME.map((c, i) => raw(`WHEN ${i} THEN '${c}'`)), ' ')} END)`;
}

/** An events row's encoded time (see above); `alias` qualifies the columns. */
export function encodedTimeSql(alias: string): Sql {
  const ts = raw(`${alias}.ts`);
  return sql`(${dialectFn((d) => d.epochMs(ts))} * ${raw(String(CHANNEL_SLOTS))} + ${channelRankSql(raw(`${alias}.channel`))})`;
}

/** Join condition of an events row `e` with its code row `c` in `event_codes`. */
export const eventCodeJoin = (e: string, c: string): Sql =>
  raw(`${c}.event = ${e}.event AND ${c}.interaction = (${e}.type IN ('track', 'page', 'screen'))`);

/**
 * Rows `(customer_id, code, x)` (x: encoded time) grouped into sequence rows
 * `(customer_id, codes, times, firsts, lasts, keys, tied)`. Codes and their times are built as one list
 * of pairs, so they stay aligned however the engine combines partial aggregates; the rest is derived.
 */
export function groupSequencesSql(rows: Sql, withWorkspace = false): Sql {
  const k = raw(withWorkspace ? 'workspace_id, customer_id' : 'customer_id');
  const slots = raw(String(CHANNEL_SLOTS));
  const space = raw(String(KEY_CODE_SPACE));
  return dialectFn((d) => {
    if (d.name === 'clickhouse') {
      return sql`SELECT ${k}, codes, times, arrayMap(l -> l[1], times) AS firsts, arrayMap(l -> l[-1], times) AS lasts, keys,
        length(arrayDistinct(arrayMap(x -> intDiv(x, ${space}), keys))) < length(keys) AS tied FROM (
        SELECT ${k}, arrayMap(p -> p.1, s) AS codes, arrayMap(p -> p.2, s) AS times,
          arraySort(arrayFlatten(arrayMap(p -> arrayMap(x -> intDiv(x, ${slots}) * ${space} + p.1, p.2), s))) AS keys FROM (
          SELECT ${k}, groupArray((code, xs)) AS s FROM (
            SELECT ${k}, code, arraySort(groupArray(x)) AS xs FROM (${rows}) r GROUP BY ${k}, code
          ) g GROUP BY ${k}) p) q`;
    }
    if (d.name === 'postgres') throw new Error('event sequences are not kept on PostgreSQL');
    return sql`SELECT ${k}, codes, times, list_transform(times, lambda l: l[1]) AS firsts, list_transform(times, lambda l: l[-1]) AS lasts, keys,
      len(list_distinct(list_transform(keys, lambda x: x // ${space}))) < len(keys) AS tied FROM (
      SELECT ${k}, list_transform(s, lambda p: p.c) AS codes, list_transform(s, lambda p: p.x) AS times,
        list_sort(flatten(list_transform(s, lambda p: list_transform(p.x, lambda x: (x // ${slots}) * ${space} + p.c)))) AS keys FROM (
        SELECT ${k}, list({'c': code, 'x': xs}) AS s FROM (
          SELECT ${k}, code, list_sort(list(x)) AS xs FROM (${rows}) r GROUP BY ${k}, code
        ) g GROUP BY ${k}) p) q`;
  });
}

/** The columns of a `customer_sequences` row, in the order `groupSequencesSql` gives them. */
export const SEQUENCE_COLUMNS = 'codes, times, firsts, lasts, keys, tied';

/** Sequence rows back to `(customer_id, code, x)` rows (`workspace_id` first when asked). */
export function ungroupSequencesSql(sequences: Sql, withWorkspace = false): Sql {
  const k = raw(withWorkspace ? 'workspace_id, customer_id' : 'customer_id');
  return dialectFn((d) => {
    if (d.name === 'clickhouse') {
      return sql`SELECT ${k}, code, arrayJoin(xs) AS x FROM (
        SELECT ${k}, p.1 AS code, p.2 AS xs FROM (SELECT ${k}, arrayJoin(arrayZip(codes, times)) AS p FROM (${sequences}) s0) s1) s2`;
    }
    if (d.name === 'postgres') throw new Error('event sequences are not kept on PostgreSQL');
    return sql`SELECT ${k}, code, unnest(xs) AS x FROM (
      SELECT ${k}, unnest(codes) AS code, unnest(times) AS xs FROM (${sequences}) s0) s1`;
  });
}

/** What a query needs to know about a workspace's sequences (Store.sequences). */
export interface SequenceSnapshot {
  /** Events appended after the last compaction (merged in at query time). */
  tail: number;
  /** Event name → its codes (one per kind of call it was sent with: interaction or not). */
  codes: Map<string, number[]>;
}

/**
 * CTE `sq(customer_id, codes, times, firsts, lasts, keys, tied)`: every sequence of the workspace, or with
 * `having`, of the customers with at least one of those codes (a cheap necessary condition that
 * skips the others before any list is unpacked). With a tail, customers with new events get their
 * compacted row and their new events regrouped; the others are read as stored. The watermark is
 * read in the same statement as the rows, so a compaction committing meanwhile cannot make an event
 * count twice or not at all.
 */
export function sequenceSourceSql(workspaceId: string, withTail: boolean, having?: readonly number[]): Sql {
  const cols = raw(`customer_id, ${SEQUENCE_COLUMNS}`);
  // One list_contains per code: cheaper than list_has_any, which builds a set per row.
  const has = having ? sql` AND (${having.length ? join(having.map((c) => dialectFn((d) => (d.name === 'clickhouse' ? sql`has(codes, ${code(c)})` : sql`list_contains(codes, ${code(c)})`))), ' OR ') : raw('FALSE')})` : sql``;
  const stored = sql`SELECT ${cols} FROM customer_sequences WHERE workspace_id = ${workspaceId}`;
  if (!withTail) return sql`sq AS (${stored}${has})`;
  return sql`sq_tail AS (
    SELECT e.customer_id, c.code, ${encodedTimeSql('e')} AS x
    FROM events e JOIN event_codes c ON ${eventCodeJoin('e', 'c')}
    WHERE e.workspace_id = ${workspaceId} AND e.rowid > (SELECT last_rowid FROM sequence_state)
  ),
  sq AS (
    ${stored}${has} AND customer_id NOT IN (SELECT customer_id FROM sq_tail)
    UNION ALL
    SELECT ${cols} FROM (${groupSequencesSql(sql`
      ${ungroupSequencesSql(sql`${stored} AND customer_id IN (SELECT customer_id FROM sq_tail)`)}
      UNION ALL SELECT customer_id, code, x FROM sq_tail`)}) merged${has ? sql` WHERE TRUE${has}` : sql``}
  )`;
}

/** A code (a number from `event_codes`, never input), inlined as a constant. */
function code(c: number): Sql {
  if (!Number.isSafeInteger(c)) throw new Error(`not an event code: ${c}`);
  return raw(String(c));
}
