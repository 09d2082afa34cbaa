/** A funnel as the builder edits it, kept in the URL (`?funnel=…`) so it can be shared and reloaded. */
export type StepKind = 'event' | 'touchpoint' | 'stage';
export const OPS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'contains', 'starts_with', 'in', 'exists'] as const;
export type Op = (typeof OPS)[number];
export const OP_LABELS: Record<Op, string> = {
  eq: 'is', neq: 'is not', gt: '>', gte: '≥', lt: '<', lte: '≤', contains: 'contains', starts_with: 'starts with', in: 'is one of', exists: 'is set',
};
export const ORDERS = [
  { id: 'ordered', label: 'In order', hint: 'Steps in this order; other events may come between' },
  { id: 'strict', label: 'Strict order', hint: 'Each step must be the very next event' },
  { id: 'unordered', label: 'Any order', hint: 'All steps within the window, in any order' },
] as const;
export type Order = (typeof ORDERS)[number]['id'];

export interface Condition { property: string; op: Op; value: string }
export interface Step { kind: StepKind; value: string; where: Condition[] }
/** Customers who did `event` after step `fromStep` and before step `toStep` (0-based, as the API) are left out. */
export interface Exclusion { event: string; fromStep: number; toStep: number }
export interface FunnelDef { steps: Step[]; window: string; order: Order; breakdown: string; exclusions: Exclusion[] }

export const WINDOWS = [
  { id: '30m', label: '30 minutes' }, { id: '1h', label: '1 hour' }, { id: '1d', label: '1 day' },
  { id: '7d', label: '7 days' }, { id: '14d', label: '14 days' }, { id: '30d', label: '30 days' }, { id: '90d', label: '90 days' },
];

export const DEFAULT_STEPS = ['Product Viewed', 'Product Added', 'Order Completed'];

export function emptyStep(value = ''): Step { return { kind: 'event', value, where: [] }; }

/** Reads `?funnel=`; null when absent or not a funnel (a hand-edited link). */
export function decodeFunnel(text: string | null): FunnelDef | null {
  if (!text) return null;
  try {
    const v = JSON.parse(text) as Partial<FunnelDef>;
    if (!Array.isArray(v.steps)) return null;
    const steps = v.steps.filter((s): s is Step => !!s && ['event', 'touchpoint', 'stage'].includes(s.kind) && typeof s.value === 'string')
      .map((s) => ({ kind: s.kind, value: s.value, where: Array.isArray(s.where) ? s.where.filter((c) => OPS.includes(c.op)) : [] }));
    return {
      steps,
      window: typeof v.window === 'string' ? v.window : '14d',
      order: ORDERS.some((o) => o.id === v.order) ? v.order! : 'ordered',
      breakdown: typeof v.breakdown === 'string' ? v.breakdown : '',
      exclusions: Array.isArray(v.exclusions)
        ? v.exclusions.filter((x) => !!x && typeof x.event === 'string' && Number.isInteger(x.fromStep) && Number.isInteger(x.toStep))
        : [],
    };
  } catch {
    return null;
  }
}

export function encodeFunnel(def: FunnelDef): string {
  return JSON.stringify(def);
}

export function isComplete(def: FunnelDef): boolean {
  return def.steps.length >= 2 && def.steps.every((s) => s.value !== '' && s.where.every((c) => c.property !== '' && (c.op === 'exists' || c.value !== '')))
    && def.exclusions.every((x) => x.event !== '' && validSteps(x, def.steps.length));
}

function validSteps(x: Exclusion, steps: number): boolean {
  return x.fromStep >= 0 && x.fromStep < x.toStep && x.toStep < steps;
}

/** Exclusions after steps were removed or moved: indexes past the last step are pulled in, empty ranges dropped. */
export function fitExclusions(exclusions: Exclusion[], steps: number): Exclusion[] {
  return exclusions.map((x) => ({ ...x, toStep: Math.min(x.toStep, steps - 1) })).filter((x) => validSteps(x, steps));
}

const NUMBER = /^-?\d+(\.\d+)?$/;

/** A typed condition value for the API: numbers stay numbers, lists split on commas. */
function conditionValue(c: Condition): unknown {
  switch (c.op) {
    case 'exists': return true;
    case 'in': {
      const items = c.value.split(',').map((x) => x.trim()).filter(Boolean);
      return items.every((x) => NUMBER.test(x)) ? items.map(Number) : items;
    }
    case 'contains': case 'starts_with': return c.value;
    default: return NUMBER.test(c.value.trim()) ? Number(c.value) : c.value;
  }
}

/** The body of `POST /api/v1/query/funnel` for this definition and period. */
export function funnelRequest(def: FunnelDef, range: { from: string; to: string }, labelOf?: (s: Step) => string | undefined): Record<string, unknown> {
  return {
    steps: def.steps.map((s) => ({
      [s.kind]: s.value,
      // Touchpoints and stages are sent by id; their names label the results.
      ...(s.kind !== 'event' && labelOf?.(s) ? { name: labelOf(s) } : {}),
      ...(s.where.length ? { where: s.where.map((c) => ({ property: c.property, op: c.op, value: conditionValue(c) })) } : {}),
    })),
    window: def.window,
    order: def.order,
    ...(def.breakdown ? { breakdown: def.breakdown } : {}),
    ...(def.exclusions.length ? { exclusions: def.exclusions } : {}),
    from: range.from,
    to: range.to,
  };
}
