/** The churn model's features (src/act/churn/churn-service.ts FEATURES) in words a CX manager uses. */
export interface Reason { feature: string; value: number; contribution: number }

const n = (v: number) => Math.round(v).toLocaleString('en-US');
const plural = (v: number, one: string, many = `${one}s`) => `${n(v)} ${Math.round(v) === 1 ? one : many}`;

const SENTENCE: Record<string, (v: number) => string> = {
  days_since_last_event: (v) => `No activity for ${plural(v, 'day')}`,
  // The model uses 365 days for "never ordered".
  days_since_last_order: (v) => (v >= 365 ? 'Never ordered' : `Last order ${plural(v, 'day')} ago`),
  orders: (v) => (v === 0 ? 'No orders' : `${plural(v, 'order')} so far`),
  revenue: (v) => `Spent ${v.toLocaleString('en-US', { maximumFractionDigits: 0 })} in total`,
  events_last_30d: (v) => `${plural(v, 'interaction')} in the last 30 days`,
  tenure_days: (v) => `Customer for ${plural(v, 'day')}`,
  late_deliveries: (v) => plural(v, 'late delivery', 'late deliveries'),
  returns: (v) => plural(v, 'return or refund', 'returns or refunds'),
  payment_failures: (v) => plural(v, 'failed payment'),
  errors: (v) => `${plural(v, 'error')} on the site or app`,
  slow_pages: (v) => `${plural(v, 'slow page load')} (over 2 s)`,
  support_contacts: (v) => plural(v, 'support contact'),
  detractor_responses: (v) => `${plural(v, 'detractor answer')} (NPS 0–6)`,
  negative_comments: (v) => plural(v, 'negative comment'),
  cases: (v) => `${plural(v, 'case')} opened for them`,
};

/**
 * One reason in words. `stages` are the primary journey's stage names in order: the model's `stage`
 * feature is the 1-based index of the furthest stage reached there (0 = none), so "stage 2" becomes its name.
 */
export function reasonText(r: Pick<Reason, 'feature' | 'value'>, stages: string[] = []): string {
  if (r.feature === 'stage') return stageText(r.value, stages);
  return SENTENCE[r.feature]?.(r.value) ?? `${r.feature.replace(/_/g, ' ')}: ${Number.isInteger(r.value) ? r.value : r.value.toFixed(1)}`;
}

function stageText(v: number, stages: string[]): string {
  if (v === 0) return 'Never reached a journey stage';
  const name = stages[v - 1];
  if (!name) return v === 1 ? 'Never got past the first journey stage' : `Got as far as journey stage ${n(v)}`;
  return v < stages.length ? `Got no further than “${name}”` : `Reached “${name}”`;
}

/** Feature names for the model card. */
export function featureName(f: string): string {
  const names: Record<string, string> = {
    days_since_last_event: 'days since last activity', days_since_last_order: 'days since last order', events_last_30d: 'activity in the last 30 days',
    tenure_days: 'tenure', slow_pages: 'slow pages', support_contacts: 'support contacts', detractor_responses: 'detractor answers',
    negative_comments: 'negative comments', payment_failures: 'failed payments', late_deliveries: 'late deliveries', stage: 'journey stage reached',
  };
  return names[f] ?? f.replace(/_/g, ' ');
}

export function riskTone(risk: number): 'bad' | 'warn' | 'good' {
  return risk >= 0.7 ? 'bad' : risk >= 0.4 ? 'warn' : 'good';
}
