import { join, raw, sql, type Sql } from '../../storage/sql.ts';
import type { Store } from '../../storage/store.ts';
import { matcherPredicate, type TouchpointOptions } from '../common/step.ts';
import { rangeFilter } from '../common/time-range.ts';
import { PathsRequestSchema, type PathLink, type PathNode, type PathsRequestInput, type PathsResult } from './schema.ts';
import { sequenceCtes } from './sequence-sql.ts';

/**
 * Paths as a Sankey diagram: how customers move step by step from or to an anchor.
 *
 * A step is an interaction (track/page/screen) named by its event, or by its touchpoint id when the
 * server injects `touchpointSql` (events matching no touchpoint are then skipped). With
 * `collapseRepeats` (default) consecutive identical steps count once: `A A B` is `A → B`.
 * Each customer contributes at most one path, so every node and link value counts customers.
 *
 * - `start` only: the path begins at the customer's first `start` (step 0) and follows the next
 *   `depth − 1` steps (steps 1, 2, …).
 * - `end` only: the path is the `depth − 1` steps before the customer's first `end` and the `end`
 *   itself; steps count backwards and are negative (…, −2, −1, 0 = `end`).
 * - both: customers who reach `end` after their first `start`; the path runs from `start` (step 0)
 *   and stops at that `end` or after `depth` steps, whichever is first.
 * - neither: from each customer's first step in the range.
 * - `sessionGapMinutes`: the path also stops at the first gap of inactivity longer than this, in
 *   either direction from the anchor.
 * `from`/`to` bound the events considered (anchors included). Links are ranked by value (ties by
 * step, then names), those under `minCount` dropped and the top `limit` kept; nodes are the ends
 * of kept links (the anchor nodes alone when no link is left). Node ids are `"<step>:<name>"`.
 *
 * @example
 * await runPaths(store, ws, { start: { event: 'Product Viewed' }, depth: 4 });
 * // { customers: 812, nodes: [{ id: '0:Product Viewed', step: 0, value: 812, exits: 90, … }, …],
 * //   links: [{ source: '0:Product Viewed', target: '1:Product Added', value: 301 }, …] }
 */
export async function runPaths(
  store: Store, workspaceId: string, input: PathsRequestInput, options: TouchpointOptions = {},
): Promise<PathsResult> {
  const req = PathsRequestSchema.parse(input);
  const flag = (p: Sql) => sql`CASE WHEN ${p} THEN 1 ELSE 0 END`;
  const isStart = req.start ? matcherPredicate(req.start, options, 'start') : undefined;
  const isEnd = req.end ? matcherPredicate(req.end, options, 'end') : undefined;
  // Customers without the anchor cannot have a path: a cheap semi-join keeps them out of the sorts.
  const having = (p: Sql) => sql`customer_id IN (SELECT customer_id FROM events WHERE workspace_id = ${workspaceId}${rangeFilter(raw('ts'), req)} AND ${p})`;
  const common = {
    workspaceId, range: req, exclude: req.exclude, collapseRepeats: req.collapseRepeats,
    sessionGapMinutes: req.sessionGapMinutes, touchpointSql: options.touchpointSql,
  };
  const sessions = req.sessionGapMinutes !== undefined;
  const depth = req.depth;
  let query: Sql;

  if (isEnd && !isStart) {
    // Rows up to the first end; numbered backwards from it, so step = −(k − 1).
    const ctes = sequenceCtes({
      ...common, flags: { is_end: flag(isEnd) }, where: having(isEnd),
      windowColumns: { ended_before: raw('coalesce(max(is_end) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)') },
      keep: raw('ended_before = 0'),
    });
    query = sql`
    WITH ${ctes},
    numbered AS (
      SELECT step_name, row_number() OVER v AS k, lag(step_name) OVER v AS later_name,
        ${sessions ? raw('coalesce(sum(new_session) OVER (v ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)') : raw('0')} AS breaks
      FROM seq_kept
      WINDOW v AS (PARTITION BY customer_id ORDER BY ts DESC, message_id DESC)
    )
    SELECT step, name, next_name, count(*) AS n
    FROM (SELECT 1 - k AS step, step_name AS name, CASE WHEN k > 1 THEN later_name END AS next_name FROM numbered WHERE k <= ${depth} AND breaks = 0) path
    GROUP BY step, name, next_name`;
  } else {
    // From the first start (or each customer's first step), numbered forwards: step = k − 1.
    const both = isStart && isEnd;
    const ctes = sequenceCtes({
      ...common,
      flags: { ...(isStart ? { is_start: flag(isStart) } : {}), ...(isEnd ? { is_end: flag(isEnd) } : {}) },
      where: both ? sql`${having(isStart)} AND ${having(isEnd)}` : isStart ? having(isStart) : undefined,
      windowColumns: isStart ? { started: raw('max(is_start) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)') } : {},
      keep: isStart ? raw('started = 1') : undefined,
    });
    // With an end: `ends_before` counts ends after the anchor and before this row (a start that is
    // also an end does not end its own path); `ends_after` whether the customer reaches one at all.
    const endCols = both
      ? raw(`, coalesce(sum(is_end) OVER (v ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) - first_value(is_end) OVER v AS ends_before,
          sum(is_end) OVER (v ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) - first_value(is_end) OVER v AS ends_after, is_end`)
      : sql``;
    const sessionCols = sessions
      ? raw(`, sum(new_session) OVER (v ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) - first_value(new_session) OVER v AS breaks,
          lead(new_session) OVER v AS next_new`)
      : sql``;
    const linkIf = [sql`k < ${depth}`, ...(sessions ? [raw('next_new = 0')] : []), ...(both ? [raw('NOT (k > 1 AND is_end = 1)')] : [])];
    const rowIf = [sql`k <= ${depth}`, ...(sessions ? [raw('breaks = 0')] : []), ...(both ? [raw('ends_after > 0 AND (k = 1 OR ends_before = 0)')] : [])];
    const nextName = sql`CASE WHEN ${join(linkIf, ' AND ')} THEN next_name END`;
    query = sql`
    WITH ${ctes},
    numbered AS (
      SELECT step_name, row_number() OVER v AS k, lead(step_name) OVER v AS next_name${sessionCols}${endCols}
      FROM seq_kept
      WINDOW v AS (PARTITION BY customer_id ORDER BY ts, message_id)
    )
    SELECT step, name, next_name, count(*) AS n
    FROM (SELECT k - 1 AS step, step_name AS name, ${nextName} AS next_name FROM numbered WHERE ${join(rowIf, ' AND ')}) path
    GROUP BY step, name, next_name`;
  }
  const rows = await store.query<Row>(query);
  return toSankey(rows, req.minCount, req.limit);
}

interface Row { step: number; name: string; next_name: string | null; n: number }

const nodeId = (step: number, name: string) => `${step}:${name}`;

/** Aggregated (step, name, next) counts → nodes with value/exits and the strongest links. */
export function toSankey(rows: readonly Row[], minCount: number, limit: number): PathsResult {
  const anchorStep = 0;
  const nodes = new Map<string, PathNode>();
  const allLinks: PathLink[] = [];
  for (const r of rows) {
    const id = nodeId(r.step, r.name);
    const node = nodes.get(id) ?? { id, name: r.name, step: r.step, value: 0, exits: 0 };
    node.value += r.n;
    if (r.next_name === null) node.exits += r.n;
    else allLinks.push({ source: id, target: nodeId(r.step + 1, r.next_name), value: r.n });
    nodes.set(id, node);
  }
  const stepOf = (id: string) => nodes.get(id)!.step;
  const links = allLinks
    .filter((l) => l.value >= minCount)
    .sort((x, y) => y.value - x.value || stepOf(x.source) - stepOf(y.source) || cmp(x.source, y.source) || cmp(x.target, y.target))
    .slice(0, limit);
  const kept = new Set(links.flatMap((l) => [l.source, l.target]));
  if (kept.size === 0) for (const n of nodes.values()) if (n.step === anchorStep) kept.add(n.id);
  const customers = [...nodes.values()].filter((n) => n.step === anchorStep).reduce((s, n) => s + n.value, 0);
  const outNodes = [...nodes.values()]
    .filter((n) => kept.has(n.id))
    .sort((x, y) => x.step - y.step || y.value - x.value || cmp(x.name, y.name));
  return { customers, nodes: outNodes, links };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
