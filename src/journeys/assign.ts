import type { TouchEvent } from '../ingest/event.ts';
import { join, raw, sql, type Sql } from '../storage/sql.ts';
import { touchpointMatcher, type Journey, type Stage, type Touchpoint } from './definition.ts';
import { compileMatcher, type EventPredicate } from './matcher-memory.ts';
import { prefilteredMatcherSql } from './matcher-prefilter.ts';
import type { MatcherSqlOptions } from './matcher-sql.ts';

/**
 * Which touchpoint (and so which stage) an event is. Rule: the first touchpoint whose matcher holds,
 * trying stages in order and, within a stage, touchpoints in order; events matching none belong to no
 * touchpoint. Validation refuses touchpoints that this rule would leave unreachable. The in-memory
 * and SQL forms below give the same answer for every event.
 */
export interface TouchpointHit {
  stage: Stage;
  stageIndex: number;
  touchpoint: Touchpoint;
  touchpointIndex: number;
}

interface Compiled {
  hit: TouchpointHit;
  matches: EventPredicate;
}

const compiled = new WeakMap<Journey, Compiled[]>();

function compile(journey: Journey): Compiled[] {
  let list = compiled.get(journey);
  if (!list) {
    list = journey.stages.flatMap((stage, stageIndex) => stage.touchpoints.map((touchpoint, touchpointIndex) => ({
      hit: { stage, stageIndex, touchpoint, touchpointIndex },
      matches: compileMatcher(touchpointMatcher(touchpoint)),
    })));
    compiled.set(journey, list);
  }
  return list;
}

/**
 * The touchpoint an event belongs to, or null. Matchers are compiled once per journey object
 * (treat journeys as immutable: a changed definition is a new version, a new object).
 */
export function touchpointOf(journey: Journey, event: TouchEvent): TouchpointHit | null {
  for (const c of compile(journey)) if (c.matches(event)) return c.hit;
  return null;
}

/**
 * The SQL test of one touchpoint on an events row: its matcher behind its text prefilter
 * (matcher-prefilter.ts), which never changes the answer but spares most rows the JSON parsing.
 * Every touchpoint CASE is built from this.
 */
export function touchpointMatchSql(touchpoint: Touchpoint, options: MatcherSqlOptions = {}): Sql {
  return prefilteredMatcherSql(touchpointMatcher(touchpoint), options);
}

/**
 * `CASE WHEN <touchpoint 1> THEN value(1) WHEN … ELSE NULL END` over touchpoints in assignment order
 * (stage order, then touchpoint order), so the first match wins.
 */
export function firstTouchpointSql(touchpoints: readonly Touchpoint[], value: (touchpoint: Touchpoint, index: number) => Sql, options: MatcherSqlOptions = {}): Sql {
  return caseOf(touchpoints.map((tp, i) => sql`WHEN ${touchpointMatchSql(tp, options)} THEN ${value(tp, i)}`));
}

/**
 * `CASE WHEN <touchpoint 1> THEN 'id1' WHEN … END`: the touchpoint id of each events row, NULL when
 * none matches; ids are bound values.
 *
 * @example
 * sql`SELECT ${touchpointCaseSql(journey)} AS touchpoint, count(*) FROM events GROUP BY 1`
 */
export function touchpointCaseSql(journey: Journey, options: MatcherSqlOptions = {}): Sql {
  return firstTouchpointSql(journey.stages.flatMap((s) => s.touchpoints), (tp) => sql`${tp.id}`, options);
}

/** The stage id of each events row (the stage of its touchpoint), NULL when none matches. */
export function stageCaseSql(journey: Journey, options: MatcherSqlOptions = {}): Sql {
  const whens = journey.stages.map((s) => {
    const any = s.touchpoints.map((tp) => touchpointMatchSql(tp, options));
    return sql`WHEN ${any.length === 1 ? any[0] : sql`(${join(any, ' OR ')})`} THEN ${s.id}`;
  });
  return caseOf(whens);
}

function caseOf(whens: Sql[]): Sql {
  return sql`(CASE ${join(whens, ' ')} ELSE ${raw('NULL')} END)`;
}
