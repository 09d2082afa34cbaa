import { raw, sql, type Sql } from '../../storage/sql.ts';
import type { Store } from '../../storage/store.ts';
import { matcherPredicate, type TouchpointOptions } from '../common/step.ts';
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
  const never = raw('FALSE');
  const isStart = req.start ? matcherPredicate(req.start, options, 'start') : never;
  const isEnd = req.end ? matcherPredicate(req.end, options, 'end') : never;
  const ctes = sequenceCtes({
    workspaceId, range: req, exclude: req.exclude, collapseRepeats: req.collapseRepeats,
    sessionGapMinutes: req.sessionGapMinutes, touchpointSql: options.touchpointSql,
    flags: { is_start: isStart, is_end: isEnd },
  });
  const depth = req.depth;
  const sessions = req.sessionGapMinutes !== undefined;

  // Anchor positions per customer (window aggregates over the whole customer stream). The session
  // of the first matching row is the smallest session among matching rows, as sessions only grow.
  let anchors: Sql;
  let bounds: { lo: Sql; hi: Sql; origin: Sql; session: Sql };
  if (req.end && !req.start) {
    anchors = sql`min(CASE WHEN is_end THEN rn END) OVER c AS a, min(CASE WHEN is_end THEN session END) OVER c AS a_session`;
    bounds = { lo: sql`a - ${depth - 1}`, hi: raw('a'), origin: raw('a'), session: raw('a_session') };
  } else if (req.start && req.end) {
    // `started_before`: a start strictly earlier in the stream, so a row that is both start and end
    // does not end its own path.
    anchors = sql`min(CASE WHEN is_start THEN rn END) OVER c AS a, min(CASE WHEN is_start THEN session END) OVER c AS a_session,
      min(CASE WHEN is_end AND started_before = 1 THEN rn END) OVER c AS e`;
    bounds = { lo: raw('a'), hi: sql`least(a + ${depth - 1}, e)`, origin: raw('a'), session: raw('a_session') };
  } else if (req.start) {
    anchors = sql`min(CASE WHEN is_start THEN rn END) OVER c AS a, min(CASE WHEN is_start THEN session END) OVER c AS a_session`;
    bounds = { lo: raw('a'), hi: sql`a + ${depth - 1}`, origin: raw('a'), session: raw('a_session') };
  } else {
    anchors = raw('1 AS a, 1 AS a_session');
    bounds = { lo: raw('a'), hi: sql`a + ${depth - 1}`, origin: raw('a'), session: raw('a_session') };
  }
  const startedBefore = req.start && req.end
    ? raw(`, max(CASE WHEN is_start THEN 1 ELSE 0 END) OVER (PARTITION BY customer_id ORDER BY rn ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS started_before`)
    : sql``;
  const sameSession = (col: Sql) => (sessions ? sql` AND ${col} = ${bounds.session}` : sql``);
  const reachedEnd = req.start && req.end ? raw(' AND e IS NOT NULL') : sql``;

  const rows = await store.query<{ step: number; name: string; next_name: string | null; n: number }>(sql`
    WITH ${ctes},
    marked AS (SELECT *${startedBefore} FROM seq),
    anchored AS (
      SELECT customer_id, step_name, rn, session, next_name, next_session, ${anchors}
      FROM marked
      WINDOW c AS (PARTITION BY customer_id)
    ),
    steps AS (
      SELECT customer_id, rn - ${bounds.origin} AS step, step_name,
        CASE WHEN rn < ${bounds.hi}${sameSession(raw('next_session'))} THEN next_name END AS next_name
      FROM anchored
      WHERE a IS NOT NULL${reachedEnd} AND rn >= ${bounds.lo} AND rn <= ${bounds.hi}${sameSession(raw('session'))}
    )
    SELECT step, step_name AS name, next_name, count(*) AS n
    FROM steps
    GROUP BY step, step_name, next_name`);
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
