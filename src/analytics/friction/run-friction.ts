import type { Journey } from '../../journeys/definition.ts';
import { sql } from '../../storage/sql.ts';
import type { Store } from '../../storage/store.ts';
import { durationMs } from '../common/duration.ts';
import { journeyLayout, type JourneyLayout } from '../common/journey-layout.ts';
import type { FrictionScope } from './friction-sql.ts';
import { frictionStatement, type FrictionRow } from './friction-statement.ts';
import { REPEAT_OUTCOME } from './outcome-sql.ts';
import {
  FRICTION_SIGNALS, FrictionRequestSchema, SIGNAL_LABELS,
  type CountedValue, type FrictionDetails, type FrictionRequestInput, type FrictionResult, type FrictionSignal,
  type SignalResult, type TouchpointFrictionCount, type TrendPoint,
} from './schema.ts';

export interface FrictionOptions {
  /** With a journey, each signal gets `byTouchpoint` (see placement-sql.ts). */
  journey?: Journey;
}

/**
 * Friction signals, how often customers meet them, where, and what they cost.
 *
 * Occurrences (events in [from, to)):
 * - `slow_page`: a `Page Load` with `duration_ms` > `slowPageMs` (2 000).
 * - `js_error`: an `Error` event.
 * - `payment_failed`: a `Payment Failed` event.
 * - `slow_checkout`: a completed checkout — a conversion and the latest `Checkout Started` since the
 *   customer's previous conversion — that took longer than `slowCheckoutSeconds` (240). Dated at
 *   the order.
 * - `cart_abandonment`: a cart (`Product Added` events each within `window` of the previous one)
 *   with no conversion within `window` of its last add, counted once at that add; only adds whose
 *   window has passed by `asOf` are judged.
 * - `late_delivery`: an `Order Delivered` whose `delivered_at` is after its `promised_at`.
 * - `return`: a `Return Requested` or `Exchange Requested`.
 *
 * Exposed customers — those who could have met the signal — are the population of each comparison:
 * page loaders; page/screen viewers; payers (`Payment Info Entered` or `Payment Failed`);
 * customers with a completed checkout; customers with a judged add to cart; customers with a
 * delivery that has both times; purchasers. `exposed.rate` = customers with the friction / exposed
 * (e.g. the share of carts' owners who abandoned one, the late-delivery rate).
 *
 * Conversion (`conversionSql`): among exposed customers, those who met the friction (anchored at
 * their first occurrence) against those who did not (anchored at their first exposure). Outcome
 * `purchase` (slow page, JS error, failed payment): a `conversionEvent` within `window` (14 d) of the
 * anchor. Outcome `repeat_purchase` (slow checkout, late delivery, return — the purchase already
 * happened): another one within `repeatWindow` (30 d) after it. A customer is judged only when their
 * whole window lies before `asOf` (`to`, else the latest event). `lift` = rate with − rate without.
 * These are observed differences, not causal effects: customers who browse more also meet more slow
 * pages. Cart abandonment has no comparison (not buying is the signal).
 *
 * @example
 * await runFriction(store, ws, { from: '2026-09-01', window: '7d' }, { journey });
 * // { activeCustomers: 1840, signals: [{ signal: 'payment_failed', occurrences: 96, customers: 81, share: 0.044,
 * //   conversion: { outcome: 'purchase', withFriction: { n: 74, converted: 41, rate: 0.55 }, withoutFriction: { … rate: 0.93 }, lift: -0.38 }, … }] }
 */
export async function runFriction(store: Store, workspaceId: string, input: FrictionRequestInput, options: FrictionOptions = {}): Promise<FrictionResult> {
  const req = FrictionRequestSchema.parse(input);
  const signals = FRICTION_SIGNALS.filter((x) => !req.signals || req.signals.includes(x));
  const asOf = req.to ?? (await latestEvent(store, workspaceId));
  const range = { from: req.from?.toISOString() ?? null, to: req.to?.toISOString() ?? null };
  if (!asOf) return { range, asOf: null, activeCustomers: 0, signals: signals.map((sig) => emptySignal(sig, req.window, req.repeatWindow)) };
  const layout = options.journey ? journeyLayout(options.journey) : undefined;
  const scope: FrictionScope = {
    workspaceId, req, signals, layout, asOfMs: asOf.getTime(),
    windowMs: durationMs(req.window)!, repeatWindowMs: durationMs(req.repeatWindow)!,
  };
  const rows = await store.query<FrictionRow>(frictionStatement(scope));
  const of = (part: string, sig: FrictionSignal) => rows.filter((r) => r.part === part && r.sig === sig);
  const active = rows.find((r) => r.part === 'a')?.a ?? 0;
  const results = signals.map((sig): SignalResult => {
    const o = of('o', sig)[0];
    const x = of('x', sig)[0];
    const customers = o?.b ?? 0;
    const exposed = x?.a ?? 0;
    const result: SignalResult = {
      signal: sig, label: SIGNAL_LABELS[sig],
      occurrences: o?.a ?? 0, customers,
      share: ratio(customers, active),
      exposed: { customers: exposed, rate: ratio(customers, exposed) },
      conversion: sig === 'cart_abandonment' ? null : readConversion(sig, of('v', sig), req.window, req.repeatWindow),
      topDetails: readDetails(sig, rows.filter((r) => r.sig === sig && DETAIL_PARTS.includes(r.part))),
      trend: of('d', sig).sort((a, b) => a.k! - b.k!).map((r): TrendPoint => ({ day: dayString(r.k!), occurrences: r.a, customers: r.b ?? 0 })),
    };
    if (layout) result.byTouchpoint = readPlacement(layout, of('p', sig));
    return result;
  });
  return { range, asOf: asOf.toISOString(), activeCustomers: active, signals: results };
}

const DETAIL_PARTS = ['path', 'top', 'errpath', 'stat'];

const ratio = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);
const dayString = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

async function latestEvent(store: Store, workspaceId: string): Promise<Date | null> {
  const [row] = await store.query<{ t: Date | null }>(sql`SELECT max(ts) AS t FROM events WHERE workspace_id = ${workspaceId}`);
  return row?.t ?? null;
}

function readConversion(sig: FrictionSignal, rows: FrictionRow[], window: string, repeatWindow: string): SignalResult['conversion'] {
  const group = (withF: boolean) => {
    const r = rows.find((x) => x.k === (withF ? 1 : 0));
    const n = r?.a ?? 0;
    const converted = r?.b ?? 0;
    return { n, converted, rate: ratio(converted, n) };
  };
  const withFriction = group(true);
  const withoutFriction = group(false);
  const repeat = REPEAT_OUTCOME.includes(sig);
  return {
    outcome: repeat ? 'repeat_purchase' : 'purchase',
    window: repeat ? repeatWindow : window,
    withFriction, withoutFriction,
    lift: withFriction.n > 0 && withoutFriction.n > 0 ? withFriction.rate - withoutFriction.rate : null,
  };
}

function counted(rows: FrictionRow[], part: string): CountedValue[] {
  return rows.filter((r) => r.part === part).map((r) => ({ value: r.label ?? '(none)', occurrences: r.a, customers: r.b ?? 0 }))
    .sort((a, b) => b.occurrences - a.occurrences || (a.value < b.value ? -1 : 1));
}

function readDetails(sig: FrictionSignal, rows: FrictionRow[]): FrictionDetails {
  const stat = rows.find((r) => r.part === 'stat');
  switch (sig) {
    case 'slow_page':
      return {
        kind: sig,
        paths: rows.filter((r) => r.part === 'path')
          .map((r) => ({ path: r.label ?? '(none)', loads: r.a, slow: r.b ?? 0, slowShare: ratio(r.b ?? 0, r.a), p50Ms: r.m1, p90Ms: r.m2 }))
          .sort((a, b) => b.slow - a.slow || (b.p90Ms ?? 0) - (a.p90Ms ?? 0) || (a.path < b.path ? -1 : 1)),
      };
    case 'js_error': return { kind: sig, messages: counted(rows, 'top'), paths: counted(rows, 'errpath') };
    case 'payment_failed': return { kind: sig, reasons: counted(rows, 'top') };
    case 'return': return { kind: sig, returns: stat?.a ?? 0, exchanges: stat?.b ?? 0, reasons: counted(rows, 'top') };
    case 'slow_checkout': return { kind: sig, checkouts: stat?.a ?? 0, slow: stat?.b ?? 0, p50Seconds: stat?.m1 ?? null, p90Seconds: stat?.m2 ?? null };
    case 'cart_abandonment': {
      const carts = stat?.a ?? 0, abandoned = stat?.b ?? 0;
      return { kind: sig, carts, abandoned, rate: ratio(abandoned, carts), recovered: stat?.m1 ?? 0 };
    }
    case 'late_delivery': {
      const deliveries = stat?.a ?? 0, late = stat?.b ?? 0;
      return { kind: sig, deliveries, late, lateRate: ratio(late, deliveries), p50HoursLate: stat?.m1 ?? null, p90HoursLate: stat?.m2 ?? null };
    }
  }
}

function readPlacement(layout: JourneyLayout, rows: FrictionRow[]): TouchpointFrictionCount[] {
  return rows.map((r) => {
    const slot = layout.touchpoints[r.k!];
    return { touchpointId: slot.touchpoint.id, name: slot.touchpoint.name, stageId: slot.stage.id, occurrences: r.a, customers: r.b ?? 0 };
  }).sort((a, b) => b.occurrences - a.occurrences || (a.touchpointId < b.touchpointId ? -1 : 1));
}

function emptySignal(sig: FrictionSignal, window: string, repeatWindow: string): SignalResult {
  return {
    signal: sig, label: SIGNAL_LABELS[sig], occurrences: 0, customers: 0, share: 0, exposed: { customers: 0, rate: 0 },
    conversion: sig === 'cart_abandonment' ? null : readConversion(sig, [], window, repeatWindow),
    topDetails: readDetails(sig, []), trend: [],
  };
}
