import type { Store } from '../../storage/store.ts';
import { durationMs } from '../common/duration.ts';
import { journeyLayout } from '../common/journey-layout.ts';
import { personaFilter } from '../common/persona-filter.ts';
import { dropoffSql } from './dropoff-sql.ts';
import { DropoffRequestSchema, type DropoffInput, type DropoffResult, type StageTransition } from './schema.ts';

interface Row {
  kind: 'R' | 'T' | 'E';
  k: number;
  k2: number | null;
  label: string | null;
  a: number;
  b: number | null;
  c: number | null;
}

/**
 * Drop-off between consecutive stages of a journey, for the events in [from, to).
 *
 * For each transition i → i+1 (stage semantics as on the journey map, each customer's first pass):
 * `reached` = customers who entered stage i (their first event at one of its touchpoints came
 * before any event in a later stage); `reachedNext` = those who then entered stage i+1;
 * `advanced` = those who moved on to any later stage (i+1, or beyond it when they skipped it) —
 * within `window` of entering stage i when a window is given. The others `dropped`, and are ranked
 * by their last touchpoint event at or after entering stage i (within the window): the place they
 * were last before leaving. That touchpoint may belong to an earlier stage (a shopper who went back
 * to the blog). `lastEvents` ranks their last interaction of any kind the same way (`Page Load`
 * timings left out), for what the journey's touchpoints do not cover.
 *
 * @example
 * await runDropoff(store, ws, { journey, window: '30d' });
 * // { transitions: [{ from: { id: 'consideration', … }, to: { id: 'purchase', … }, reached: 335, reachedNext: 131,
 * //   advanced: 151, dropped: 184, dropOffRate: 0.55, lastTouchpoints: [{ touchpointId: 'product-viewed', customers: 81, share: 0.44 }, …] }, …] }
 */
export async function runDropoff(store: Store, workspaceId: string, input: DropoffInput): Promise<DropoffResult> {
  const { journey, version, ...query } = input;
  const req = DropoffRequestSchema.parse(query);
  const layout = journeyLayout(journey);
  const base = {
    journey: { id: journey.id, name: journey.name, version: version ?? null },
    range: { from: req.from?.toISOString() ?? null, to: req.to?.toISOString() ?? null },
    window: req.window ?? null,
    persona: req.persona ?? null,
  };
  if (layout.stages.length < 2) return { ...base, transitions: [] };
  const rows = await store.query<Row>(dropoffSql({
    workspaceId, layout, range: req, limit: req.limit,
    windowMs: req.window ? durationMs(req.window) : null,
    customers: personaFilter(workspaceId, req.persona, req.to, journey),
  }));
  const transitions = layout.stages.slice(0, -1).map((slot): StageTransition => {
    const i = slot.index;
    const next = layout.stages[i + 1].stage;
    const r = rows.find((x) => x.kind === 'R' && x.k === i);
    const reached = r?.a ?? 0;
    const advanced = r?.c ?? 0;
    const dropped = reached - advanced;
    const share = (x: number) => (dropped === 0 ? 0 : x / dropped);
    return {
      from: { id: slot.stage.id, name: slot.stage.name },
      to: { id: next.id, name: next.name },
      reached, reachedNext: r?.b ?? 0, advanced, dropped,
      dropOffRate: reached === 0 ? 0 : dropped / reached,
      lastTouchpoints: rows.filter((x) => x.kind === 'T' && x.k === i && x.k2 !== null)
        .sort((a, b) => b.a - a.a || a.k2! - b.k2!)
        .map((x) => {
          const t = layout.touchpoints[x.k2!];
          return { touchpointId: t.touchpoint.id, name: t.touchpoint.name, stageId: t.stage.id, customers: x.a, share: share(x.a) };
        }),
      lastEvents: rows.filter((x) => x.kind === 'E' && x.k === i && x.label !== null)
        .sort((a, b) => b.a - a.a || (a.label! < b.label! ? -1 : 1))
        .map((x) => ({ event: x.label!, customers: x.a, share: share(x.a) })),
    };
  });
  return { ...base, transitions };
}
