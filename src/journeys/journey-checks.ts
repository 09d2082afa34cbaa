import { isDeepStrictEqual } from 'node:util';
import type { z } from 'zod';
import type { Channel } from '../ingest/event.ts';
import { asList, touchpointMatcher, type Matcher } from './matcher.ts';

/** The parts of a journey the cross-field checks read (structural, to keep the schema non-circular). */
interface CheckedJourney {
  stages: {
    id: string;
    goal?: { metric?: { touchpoint: string } | { event: string } };
    touchpoints: { id: string; channel?: Channel | Channel[]; match: Matcher }[];
  }[];
  personas?: { id: string }[];
}

type Path = (string | number)[];

/**
 * Rules that span fields, run once the shape is valid. Each issue points at the offending field:
 * duplicate ids, unknown goal touchpoints, a touchpoint whose channels exclude its match's channels,
 * and touchpoints that can never be assigned because an earlier one claims all their events.
 */
export function checkJourney(j: CheckedJourney, ctx: z.core.$RefinementCtx): void {
  const issue = (path: Path, message: string) => ctx.addIssue({ code: 'custom', path, message, input: j });

  const stageIds = new Map<string, number>();
  j.stages.forEach((s, i) => {
    const first = stageIds.get(s.id);
    if (first !== undefined) issue(['stages', i, 'id'], `duplicate stage id "${s.id}": stages[${first}] already uses it`);
    else stageIds.set(s.id, i);
  });

  const tpIds = new Map<string, string>();
  const placed: { at: string; matcher: Matcher; id: string }[] = [];
  j.stages.forEach((s, i) => s.touchpoints.forEach((tp, k) => {
    const at = `stages[${i}].touchpoints[${k}]`;
    const first = tpIds.get(tp.id);
    if (first !== undefined) issue(['stages', i, 'touchpoints', k, 'id'], `duplicate touchpoint id "${tp.id}": ${first} already uses it (ids are unique across the journey)`);
    else tpIds.set(tp.id, at);

    const matcher = touchpointMatcher(tp);
    if (tp.channel !== undefined && tp.match.channel !== undefined && matcher.channel?.length === 0) {
      issue(['stages', i, 'touchpoints', k, 'channel'], `no channel in common with match.channel (${asList(tp.match.channel)!.join(', ')}), so the touchpoint can never match`);
    }
    const shadow = matcher.channel?.length === 0 ? undefined : placed.find((p) => subsumes(p.matcher, matcher));
    if (shadow) {
      issue(['stages', i, 'touchpoints', k, 'match'], `never matches: every event it matches is claimed first by "${shadow.id}" (${shadow.at}); ` +
        'each event goes to the first matching touchpoint, in stage then touchpoint order, so make this match narrower or move it earlier');
    }
    placed.push({ at, matcher, id: tp.id });
  }));

  j.stages.forEach((s, i) => {
    const metric = s.goal?.metric;
    if (metric && 'touchpoint' in metric && !tpIds.has(metric.touchpoint)) {
      issue(['stages', i, 'goal', 'metric', 'touchpoint'], `no touchpoint "${metric.touchpoint}" in this journey; known: ${[...tpIds.keys()].slice(0, 20).join(', ')}`);
    }
  });

  const personaIds = new Map<string, number>();
  j.personas?.forEach((p, i) => {
    const first = personaIds.get(p.id);
    if (first !== undefined) issue(['personas', i, 'id'], `duplicate persona id "${p.id}": personas[${first}] already uses it`);
    else personaIds.set(p.id, i);
  });
}

/**
 * Whether every event matching `b` also matches `a` — decided conservatively (true only when each
 * constraint of `a` is literally present in, or wider than, `b`), so it never reports a false shadow.
 */
export function subsumes(a: Matcher, b: Matcher): boolean {
  const wider = <T>(x: readonly T[] | undefined, y: readonly T[] | undefined) => x === undefined || (y !== undefined && y.every((v) => x.includes(v)));
  return wider(asList(a.event), asList(b.event)) &&
    wider(asList(a.type), asList(b.type)) &&
    wider(asList(a.channel), asList(b.channel)) &&
    (a.where ?? []).every((c) => (b.where ?? []).some((d) => isDeepStrictEqual(c, d)));
}
