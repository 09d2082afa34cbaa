import { emotionScore, type Journey } from '../../journeys/definition.ts';
import { asList } from '../../journeys/matcher.ts';
import { getTemplate } from '../../journeys/templates/index.ts';
import type { Store } from '../../storage/store.ts';
import { AnalyticsInputError } from '../common/errors.ts';
import { journeyLayout, type JourneyLayout } from '../common/journey-layout.ts';
import { personaFilter } from '../common/persona-filter.ts';
import type { TimeRange } from '../common/time-range.ts';
import { touchpointHealth } from './health.ts';
import { mapVoc, type VocByPlace } from './map-voc.ts';
import { respondersSql } from '../../voc/surveys/responders.ts';
import { FRICTION_CODES, channelsOfMask, journeyMapSql, keptEventsMapSql, storedMapSql, type MapRow, type MapScope } from './map-sql.ts';
import { keepsMapFacts, mapFactsKey, refreshMapFacts, storedEvents, storedFacts, type MapFactsExtent } from './map-store.ts';
import {
  JourneyMapQuerySchema,
  type DropOffTouchpoint, type JourneyMapInput, type JourneyMapResult, type MapStage, type MapTouchpoint, type TouchpointFriction,
} from './schema.ts';

/**
 * The data behind the visual journey map: every stage and touchpoint of a journey version with
 * live numbers for the events in [from, to), optionally for one persona's customers.
 *
 * Semantics (each customer's first pass through the journey, stage-history.ts rule 2):
 * - A customer **enters** stage i at their first event at any of its touchpoints, provided they had
 *   not reached a later stage before (a stage jumped over is not entered). `reach` counts entrants.
 * - They **move on** at their first event in any later stage; `conversionToNext` = movers / reach,
 *   `medianSecondsToNext` over movers. Moves back (returns, lapsing) are not re-counted.
 * - `goal.reached`: share of entrants who reached the goal touchpoint, or did the goal event, at or
 *   after entering the stage.
 * - `dropOff`: for entrants who never moved on, the touchpoint of their last touchpoint event
 *   (which is at or after their entry, and in this stage or an earlier one), top 3.
 * - Touchpoint `reach`/`events`: everyone with events there in range. `inStage`: customers who met
 *   it while in its stage (entered the stage, first event here before moving past it);
 *   `conversionToNextStage` and `medianSecondsToNextStage` (from their first event here) are over them.
 * - Friction at a touchpoint: friction events that are the touchpoint (e.g. `Payment Failed`), else
 *   `Page Load` (> 2 s) / `Error` at the touchpoint of their page (as a page view of that path
 *   would be), else at the customer's most recent touchpoint before them (placement-sql.ts).
 * - `health`: conversion relative to the stage and friction per event (thresholds in health.ts).
 * - `persona`: customers whose persona (first matching rule, on their latest traits and their event
 *   counts up to `to` or the latest event) is this one (common/persona-filter.ts).
 * - `voc` (touchpoint and stage): survey responses tied to it, submitted in range, of the same
 *   customers (map-voc.ts); null where there are none.
 *
 * @example
 * const { journey, version } = await journeys.get(ws, 'five-stage');
 * await runJourneyMap(store, ws, { journey, version, from: '2026-10-01', persona: 'beginner' });
 */
export async function runJourneyMap(store: Store, workspaceId: string, input: JourneyMapInput): Promise<JourneyMapResult> {
  const { journey, version } = resolveJourney(input);
  const q = JourneyMapQuerySchema.parse({ from: input.from, to: input.to, persona: input.persona });
  const layout = journeyLayout(journey);
  const scope: MapScope = {
    workspaceId, layout, range: q,
    customers: personaFilter(workspaceId, q.persona, q.to, journey),
    goals: journey.stages.map((st) => {
      const metric = st.goal?.metric;
      if (!metric) return null;
      if ('event' in metric) return { event: metric.event };
      const t = layout.touchpoints.find((x) => x.touchpoint.id === metric.touchpoint);
      return t ? { touchpoint: t.index } : null;
    }),
  };
  // The feedback part needs the persona of responders only: the same filter over their events alone.
  const responders = personaFilter(workspaceId, q.persona, q.to, journey, respondersSql(workspaceId));
  const [rows, voc] = await Promise.all([mapRows(store, journey, scope), mapVoc(store, workspaceId, q, responders)]);
  return {
    journey: { id: journey.id, name: journey.name, version },
    range: { from: q.from?.toISOString() ?? null, to: q.to?.toISOString() ?? null },
    persona: q.persona ?? null,
    ...readMap(layout, rows, voc),
  };
}

/**
 * The map's rows, where the store keeps map facts (map-store.ts): from the stored per-customer facts
 * when the range holds every event of the workspace (no range, or one around all events), else from
 * the journey's kept events in range (a dashboard's recent range); elsewhere from one scan of the
 * events in range. All plans run the same aggregates over the same facts.
 */
async function mapRows(store: Store, journey: Journey, scope: MapScope): Promise<MapRow[]> {
  if (keepsMapFacts(store)) {
    const key = mapFactsKey(journey);
    const extent = await refreshMapFacts(store, scope.workspaceId, scope, key);
    const rows = await store.query<MapRow>(coversAll(scope.range, extent)
      ? storedMapSql(scope, storedFacts(scope, scope.workspaceId, key, extent.watermark, scope.customers))
      : keptEventsMapSql(scope, storedEvents(scope.workspaceId, key, extent.watermark, scope.range, scope.customers)));
    // No event total: the facts were dropped meanwhile (map-store.ts, KEEP_KEYS); the scan answers.
    if (rows.some((r) => r.kind === 'N' && r.b !== null)) return rows;
  }
  return store.query<MapRow>(journeyMapSql(scope));
}

/** Whether the range leaves out none of the events the facts include (their time span is kept with them). */
function coversAll(range: TimeRange, { firstTs, lastTs }: MapFactsExtent): boolean {
  if (!firstTs || !lastTs) return true;
  return (!range.from || range.from.getTime() <= firstTs.getTime()) && (!range.to || range.to.getTime() > lastTs.getTime());
}

function resolveJourney(input: JourneyMapInput): { journey: Journey; version: number | null } {
  if ('journey' in input) return { journey: input.journey, version: input.version ?? null };
  const journey = getTemplate(input.template);
  if (!journey) throw new AnalyticsInputError('template', `unknown template "${input.template}"`);
  return { journey, version: null };
}

const share = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);

const FRICTION_KEYS = {
  [FRICTION_CODES.slowPage]: 'slowPages', [FRICTION_CODES.error]: 'errors', [FRICTION_CODES.paymentFailure]: 'paymentFailures',
  [FRICTION_CODES.return]: 'returns', [FRICTION_CODES.lateDelivery]: 'lateDeliveries',
} as const;

function readMap(layout: JourneyLayout, rows: MapRow[], voc: VocByPlace): Pick<JourneyMapResult, 'stages' | 'channels' | 'totals'> {
  const S = layout.stages.length;
  const stageRow = new Map<number, MapRow>();
  const tpRow = new Map<number, MapRow>();
  const drops = new Map<number, { tp: number; customers: number }[]>();
  const friction = new Map<number, TouchpointFriction>();
  let totals = { customers: 0, events: 0 };
  const emptyFriction = (): TouchpointFriction => ({ slowPages: 0, errors: 0, paymentFailures: 0, returns: 0, lateDeliveries: 0, customers: 0, share: 0, rate: 0 });
  for (const r of rows) {
    switch (r.kind) {
      case 'S': stageRow.set(r.k!, r); break;
      case 'T': tpRow.set(r.k!, r); break;
      case 'D': if (r.k2 !== null) drops.set(r.k!, [...(drops.get(r.k!) ?? []), { tp: r.k2, customers: r.a! }]); break;
      case 'N': totals = { customers: r.a ?? 0, events: r.b ?? 0 }; break;
      case 'F': {
        const f = friction.get(r.k!) ?? emptyFriction();
        friction.set(r.k!, f);
        if (r.k2 === null) f.customers = r.b ?? 0;
        else if (r.k2 in FRICTION_KEYS) f[FRICTION_KEYS[r.k2 as keyof typeof FRICTION_KEYS]] = r.a ?? 0;
        break;
      }
    }
  }
  let channelMask = 0;
  const stages: MapStage[] = layout.stages.map((slot) => {
    const st = slot.stage;
    const row = stageRow.get(slot.index);
    const reach = row?.a ?? 0;
    const advanced = slot.index < S - 1 ? row?.b ?? 0 : 0;
    const last = slot.index === S - 1;
    const conversionToNext = last || reach === 0 ? null : advanced / reach;
    const dropped = reach - advanced;
    const dropOff: DropOffTouchpoint[] = (drops.get(slot.index) ?? [])
      .sort((a, b) => b.customers - a.customers || a.tp - b.tp)
      .slice(0, 3)
      .map((d) => ({ touchpointId: layout.touchpoints[d.tp].touchpoint.id, name: layout.touchpoints[d.tp].touchpoint.name, customers: d.customers, share: share(d.customers, dropped) }));
    const touchpoints: MapTouchpoint[] = layout.touchpoints.slice(slot.first, slot.end).map((t) => {
      const r = tpRow.get(t.index);
      const tpReach = r?.a ?? 0;
      const inStage = r?.c ?? 0;
      const moved = r?.d ?? 0;
      channelMask |= r?.e ?? 0;
      const f = friction.get(t.index) ?? emptyFriction();
      const events = r?.b ?? 0;
      f.share = share(f.customers, tpReach);
      f.rate = share(f.slowPages + f.errors + f.paymentFailures + f.returns + f.lateDeliveries, events);
      const conversion = last || inStage === 0 ? null : moved / inStage;
      return {
        id: t.touchpoint.id, name: t.touchpoint.name,
        declaredChannels: [...(asList(t.touchpoint.channel) ?? [])],
        channels: channelsOfMask(r?.e ?? 0),
        reach: tpReach, events, inStage,
        conversionToNextStage: conversion,
        medianSecondsToNextStage: last ? null : r?.m ?? null,
        friction: f,
        health: touchpointHealth({ conversion, stageConversion: conversionToNext, inStage, frictionRate: f.rate, events }),
        voc: voc.touchpoints.get(t.touchpoint.id) ?? null,
      };
    });
    const goal = st.goal ? {
      description: st.goal.description,
      target: st.goal.target ?? null,
      reached: st.goal.metric && reach > 0 ? (row?.c ?? 0) / reach : null,
      met: null as boolean | null,
    } : null;
    if (goal && goal.reached !== null && goal.target !== null) goal.met = goal.reached >= goal.target;
    return {
      id: st.id, name: st.name,
      expectedEmotion: st.expectedEmotion === undefined ? null : emotionScore(st.expectedEmotion),
      expectedEmotionLabel: st.expectedEmotion ?? null,
      goal, reach, advanced, conversionToNext,
      medianSecondsToNext: last ? null : row?.m ?? null,
      dropOff, voc: voc.stages.get(st.id) ?? null, touchpoints,
    };
  });
  return { stages, channels: channelsOfMask(channelMask), totals };
}
