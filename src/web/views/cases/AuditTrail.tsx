import { STATUS_LABEL, type AuditEntry, type CaseStatus } from './case-model.ts';

const FIELD: Record<string, string> = { status: 'status', owner: 'owner', team: 'team', priority: 'priority', resolutionCode: 'resolution code' };

function show(field: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return field === 'owner' ? 'unassigned' : 'none';
  return field === 'status' ? STATUS_LABEL[v as CaseStatus] ?? String(v) : String(v);
}

/** Every change to the case, oldest first: who did what, when. */
export function AuditTrail({ entries }: { entries: AuditEntry[] }) {
  if (entries.length === 0) return <p className="muted">No changes recorded.</p>;
  return (
    <ol className="audit" aria-label="Audit trail">
      {entries.map((a, i) => (
        <li key={i}>
          <time dateTime={a.at}>{new Date(a.at).toLocaleString('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit' })}</time>
          <span className="audit-actor">{a.actor}</span>
          <span className="audit-what">{describe(a)}</span>
        </li>
      ))}
    </ol>
  );
}

function describe(a: AuditEntry): string {
  const ch = (a.changes ?? {}) as Record<string, unknown>;
  if (a.action === 'opened') return `opened the case${ch.reason ? `: ${String(ch.reason)}` : ''}`;
  if (a.action === 'note') return `added a note: “${String(ch.note ?? '')}”`;
  if (a.action === 'updated') {
    return Object.entries(ch).map(([k, v]) => {
      const { from, to } = v as { from: unknown; to: unknown };
      return `changed ${FIELD[k] ?? k} from ${show(k, from)} to ${show(k, to)}`;
    }).join('; ');
  }
  return a.action;
}
