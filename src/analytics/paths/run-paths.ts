import type { Journey } from '../../journeys/definition.ts';
import { join, raw, sql, type Sql } from '../../storage/sql.ts';
import type { Store } from '../../storage/store.ts';
import { listFilter, listFirstOr0, listIndexOf, listMaxOr0, listRange, listUnnest } from '../common/list-sql.ts';
import { personaFilter } from '../common/persona-filter.ts';
import { anchorStepName, type TouchpointOptions } from '../common/step.ts';
import { PathsRequestSchema, type PathLink, type PathNode, type PathsRequestInput, type PathsResult } from './schema.ts';
import { codeOf, sequenceCtes } from './sequence-sql.ts';

export interface RunPathsOptions extends TouchpointOptions {
  /** The journey whose personas `persona` names (required with `persona`). */
  journey?: Journey;
}

/**
 * Paths as a Sankey diagram: how customers move step by step from or to an anchor.
 *
 * A step is an interaction (track/page/screen) named by its event, or by its touchpoint id when the
 * server injects `touchpointSql` (events matching no touchpoint are then skipped). With
 * `collapseRepeats` (default) consecutive identical steps count once: `A A B` is `A → B`. Steps at
 * the same millisecond are ordered by name. Each customer contributes at most one path, so every
 * node and link value counts customers. One row of lists per customer is built in SQL (see
 * `sequenceCtes`), and the paths are cut from it with list functions.
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
 * - `persona`: only that persona's customers (of `options.journey`, as of `to`, as the journey map
 *   counts them: `personaFilter`); an unknown one, or one without a journey, is a 400.
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
  store: Store, workspaceId: string, input: PathsRequestInput, options: RunPathsOptions = {},
): Promise<PathsResult> {
  const req = PathsRequestSchema.parse(input);
  const customers = personaFilter(workspaceId, req.persona, req.to, options.journey);
  const start = req.start ? anchorStepName(req.start, options, 'start') : undefined;
  const end = req.end ? anchorStepName(req.end, options, 'end') : undefined;
  const sessions = req.sessionGapMinutes !== undefined;
  const depth = req.depth;
  // A customer without the anchor has no path (with both, the start is the anchor).
  const needs = start !== undefined ? [start] : end !== undefined ? [end] : undefined;
  // The stored sequences hold every customer: with a persona, the filtered events are read instead.
  const sequences = customers ? null : await store.sequences?.(workspaceId, needs) ?? null;
  const ctes = sequenceCtes({
    sequences, needs, customers,
    workspaceId, range: req, exclude: req.exclude, collapseRepeats: req.collapseRepeats,
    sessionGapMinutes: req.sessionGapMinutes, touchpointSql: options.touchpointSql,
  });
  const after = (from: Sql, cond: Sql) => listFirstOr0(listFilter(sql`${listRange(sql`${from} + 1`, raw('n'))}`, 'li', cond));
  // Per customer: the anchor position `a`, and the path as positions lo..hi of the kept steps,
  // step = position − a. Positions are 1-based; 0 means "none".
  let bounds: Sql;
  if (end !== undefined && start === undefined) {
    // The first end, and the depth − 1 steps before it (not before the session it is in).
    const sessionStart = listMaxOr0(listFilter(listRange(raw('1'), raw('a')), 'li', raw('kb[li]')));
    bounds = sql`
    anchored AS (SELECT kc, kb, ${listIndexOf(raw('kc'), codeOf(end))} AS a FROM seq),
    bounds AS (
      SELECT kc, a, greatest(a - ${depth - 1}, ${sessions ? sessionStart : raw('1')}) AS lo, a AS hi
      FROM anchored WHERE a > 0
    )`;
  } else {
    // The first start (or the first step), then up to depth − 1 steps, cut at the session's end and,
    // with an end, at the first end after the start (customers who never reach it have no path).
    const a = start === undefined ? raw('1') : listIndexOf(raw('kc'), codeOf(start));
    const nextBreak = after(raw('a'), raw('kb[li]'));
    // (Lambdas cannot hold subqueries: the end's code comes in as a column.)
    const nextEnd = end === undefined ? raw('0') : after(raw('a'), raw('kc[li] = ec'));
    const his = [sql`a + ${depth - 1}`, raw('n'), ...(sessions ? [raw('CASE WHEN b > 0 THEN b - 1 ELSE n END')] : []), ...(end !== undefined ? [raw('e')] : [])];
    bounds = sql`
    anchored AS (SELECT kc, kb, n, ${a} AS a, ${end === undefined ? raw('NULL') : codeOf(end)} AS ec FROM seq),
    limits AS (SELECT kc, n, a, ${sessions ? nextBreak : raw('0')} AS b, ${nextEnd} AS e FROM anchored WHERE a > 0),
    bounds AS (
      SELECT kc, a, a AS lo, least(${join(his)}) AS hi
      FROM limits${end !== undefined ? raw(' WHERE e > 0') : sql``}
    )`;
  }
  const rows = await store.query<Row>(sql`
    WITH ${ctes},
    ${bounds},
    positions AS (SELECT kc, a, hi, ${listUnnest(listRange(raw('lo'), raw('hi')))} AS j FROM bounds),
    links AS (
      SELECT j - a AS step, kc[j] AS code, CASE WHEN j < hi THEN kc[j + 1] END AS next_code, count(*) AS n
      FROM positions
      GROUP BY j - a, kc[j], CASE WHEN j < hi THEN kc[j + 1] END
    )
    SELECT l.step, d.step_name AS name, nd.step_name AS next_name, l.n
    FROM links l JOIN seq_dict d ON d.code = l.code LEFT JOIN seq_dict nd ON nd.code = l.next_code`);
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
