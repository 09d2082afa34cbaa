/** What made the rule fire: the event (or response) with its properties, and lateness spelled out. */
export function Evidence({ evidence }: { evidence: Record<string, unknown> | null }) {
  if (!evidence || Object.keys(evidence).length === 0) return <p className="muted">No evidence attached (opened by hand).</p>;
  const props = (evidence.properties ?? {}) as Record<string, unknown>;
  // Ids the agent cannot act on (the customer is linked above) are left out.
  const rest = Object.entries(evidence).filter(([k]) => !['properties', 'messageId', 'customerId', 'responseId'].includes(k));
  const promised = typeof props.promised_at === 'string' ? Date.parse(props.promised_at) : NaN;
  const delivered = typeof props.delivered_at === 'string' ? Date.parse(props.delivered_at) : NaN;
  const lateDays = Number.isFinite(promised) && Number.isFinite(delivered) ? (delivered - promised) / 86_400_000 : null;
  return (
    <>
      {lateDays !== null && lateDays > 0 && <p className="evidence-headline">Delivered <strong>{lateDays.toFixed(1)} days late</strong>.</p>}
      <dl className="kv">
        {[...rest, ...Object.entries(props)].map(([k, v]) => (
          <div key={k}><dt>{k.replace(/_/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2')}</dt><dd>{value(v)}</dd></div>
        ))}
      </dl>
    </>
  );
}

function value(v: unknown): string {
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) return new Date(v).toLocaleString('en-GB');
  if (v === null || v === undefined) return '–';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}
