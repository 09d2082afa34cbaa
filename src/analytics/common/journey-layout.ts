import { firstTouchpointSql, touchpointMatchSql } from '../../journeys/assign.ts';
import { touchpointMatcher, type Journey, type Stage, type Touchpoint } from '../../journeys/definition.ts';
import { asList, type Matcher } from '../../journeys/matcher.ts';
import { columnTestsSql } from '../../journeys/matcher-prefilter.ts';
import type { MatcherSqlOptions } from '../../journeys/matcher-sql.ts';
import { ident, join, raw, sql, type Sql } from '../../storage/sql.ts';

/**
 * A journey flattened for SQL: touchpoints numbered 0…K−1 in assignment order (stage order, then
 * touchpoint order — the order `touchpointCaseSql` tries them), so a touchpoint's stage is a range
 * of numbers. Queries carry the number instead of the id: grouping and comparing small integers is
 * cheaper than strings over millions of rows, and ids are mapped back in JS.
 */
export interface TouchpointSlot {
  index: number;
  stageIndex: number;
  stage: Stage;
  touchpoint: Touchpoint;
}

export interface StageSlot {
  index: number;
  stage: Stage;
  /** Touchpoint numbers `first ≤ k < end`. */
  first: number;
  end: number;
}

export interface JourneyLayout {
  stages: StageSlot[];
  touchpoints: TouchpointSlot[];
}

export function journeyLayout(journey: Journey): JourneyLayout {
  const stages: StageSlot[] = [];
  const touchpoints: TouchpointSlot[] = [];
  journey.stages.forEach((stage, stageIndex) => {
    const first = touchpoints.length;
    stage.touchpoints.forEach((touchpoint) => touchpoints.push({ index: touchpoints.length, stageIndex, stage, touchpoint }));
    stages.push({ index: stageIndex, stage, first, end: touchpoints.length });
  });
  return { stages, touchpoints };
}

/**
 * The touchpoint number of an events row, NULL when none matches: `touchpointCaseSql` (journeys/assign.ts,
 * first match in stage, then touchpoint, order, text prefilters included), returning the number.
 */
export function touchpointIndexSql(layout: JourneyLayout, options: MatcherSqlOptions = {}): Sql {
  return firstTouchpointSql(layout.touchpoints.map((t) => t.touchpoint), (_, index) => raw(String(index)), options);
}

/** Whether no event can satisfy both matchers' column tests (a listed field with no common value). */
function disjoint(a: Matcher, b: Matcher): boolean {
  const apart = <T>(x: T | readonly T[] | undefined, y: T | readonly T[] | undefined) => {
    const xs = asList(x);
    const ys = asList(y);
    return xs !== undefined && ys !== undefined && !xs.some((v) => ys.includes(v));
  };
  return apart(a.event, b.event) || apart(a.type, b.type) || apart(a.channel, b.channel);
}

/**
 * Whether an events row's touchpoint (the first matching one, `touchpointIndexSql`) is one of
 * `targets`, as a boolean that is never NULL — the same answer as comparing the full CASE, for much
 * less work on most rows:
 * - a row failing every target's column tests (event name, type, channel) is out at once, before
 *   any JSON is read;
 * - touchpoints after the last target cannot change the answer, and an earlier one only matters
 *   when some event could match both it and a target, so the others are left out.
 */
export function touchpointInSql(layout: JourneyLayout, targets: ReadonlySet<number>): Sql {
  const matchers = layout.touchpoints.map((t) => touchpointMatcher(t.touchpoint));
  const wanted = matchers.filter((_, k) => targets.has(k));
  const test = (k: number) => touchpointMatchSql(layout.touchpoints[k].touchpoint);
  if (wanted.length === 0) return raw('FALSE');
  const last = Math.max(...targets);
  const whens: Sql[] = [];
  const cheap = wanted.map(columnTestsSql);
  if (cheap.every((c) => c !== null)) whens.push(sql`WHEN NOT (${join(cheap as Sql[], ' OR ')}) THEN FALSE`);
  for (let k = 0; k <= last; k++) {
    if (targets.has(k)) whens.push(sql`WHEN ${test(k)} THEN TRUE`);
    else if (wanted.some((w) => !disjoint(matchers[k], w))) whens.push(sql`WHEN ${test(k)} THEN FALSE`);
  }
  return sql`(CASE ${join(whens, ' ')} ELSE FALSE END)`;
}

/**
 * The touchpoint a page view of this row's page would be: the row's columns, but `type = 'page'` and
 * `event = 'Page Viewed'`. Used to place `Page Load` and `Error` events (which carry the page's
 * `path` and `context.page`) at the touchpoint of the page they happened on.
 */
export function pageTouchpointIndexSql(layout: JourneyLayout): Sql {
  return touchpointIndexSql(layout, {
    column: (c) => (c === 'type' ? raw(`'page'`) : c === 'event' ? raw(`'Page Viewed'`) : ident(c)),
  });
}

/** The stage number of a touchpoint number (NULL stays NULL). */
export function stageOfSql(layout: JourneyLayout, tp: Sql): Sql {
  const whens = layout.stages.slice(0, -1).map((s) => sql`WHEN ${tp} < ${raw(String(s.end))} THEN ${raw(String(s.index))}`);
  if (whens.length === 0) return sql`(CASE WHEN ${tp} IS NULL THEN NULL ELSE 0 END)`;
  return sql`(CASE WHEN ${tp} IS NULL THEN NULL ${join(whens, ' ')} ELSE ${raw(String(layout.stages.length - 1))} END)`;
}

/** `(1, 2, 3)` of touchpoint numbers, for `tp IN …`. */
export function indexList(indexes: readonly number[]): Sql {
  return raw(`(${indexes.join(', ')})`);
}
