import { useState } from 'react';
import { Link } from 'wouter';
import { api } from '../../app/api.ts';
import { useSession } from '../../app/session.tsx';
import { useApi } from '../../app/use-api.ts';
import { Badge, Card, ErrorBox, Loading, PageHeader } from '../../components/ui.tsx';
import { AuditTrail } from './AuditTrail.tsx';
import { customerName, PRIORITIES, PRIORITY_TONE, STATUS_LABEL, type AuditEntry, type CaseItem, type Member } from './case-model.ts';
import { Evidence } from './Evidence.tsx';
import { MoveControl } from './MoveControl.tsx';
import { NoteForm } from './NoteForm.tsx';
import { SlaTimer } from './SlaTimer.tsx';
import './cases.css';

type Detail = CaseItem & { audit: AuditEntry[] };

/** One case: who and why, the evidence, and the work on it (owner, priority, status, notes) with its audit trail. */
export function CaseDetail({ id }: { id: string }) {
  const session = useSession();
  const state = useApi<Detail>(`/api/v1/cases/${encodeURIComponent(id)}`);
  const members = useApi<{ members: Member[] }>('/api/v1/members');
  const [error, setError] = useState<string | null>(null);

  const patch = async (body: Record<string, unknown>) => {
    setError(null);
    try { await api(`/api/v1/cases/${encodeURIComponent(id)}`, { method: 'PATCH', body }); state.reload(); } catch (e) { setError((e as Error).message); }
  };

  if (state.error) return <><BackLink /><ErrorBox error={state.error} retry={state.reload} /></>;
  if (!state.data) return <Loading />;
  const c = state.data;
  const owners = [...(members.data?.members ?? [])];
  const ownerKnown = !c.owner || owners.some((m) => m.email === c.owner);

  return (
    <>
      <BackLink />
      <PageHeader title={c.reason} description={<>
        <Badge tone={c.status === 'resolved' || c.status === 'closed' ? 'good' : 'info'}>{STATUS_LABEL[c.status]}</Badge>{' '}
        <Badge tone={PRIORITY_TONE[c.priority]}>{c.priority} priority</Badge>{' '}
        <SlaTimer c={c} />{c.team && <> · team {c.team}</>}{c.ruleId && <> · opened by rule <code>{c.ruleId}</code></>}
      </>} />
      {error && <ErrorBox error={new Error(error)} />}
      <div className="case-detail">
        <div>
          <Card title="Customer">
            {c.customerId
              ? <p><Link href={`/customers/${encodeURIComponent(c.customerId)}`}>{customerName(c)} — open Customer 360</Link></p>
              : <p className="muted">This case is not tied to a customer.</p>}
            <p className="muted small">Opened {new Date(c.createdAt).toLocaleString('en-GB')}{c.slaDueAt && <>, SLA due {new Date(c.slaDueAt).toLocaleString('en-GB')}</>}</p>
          </Card>
          <Card title="Evidence"><Evidence evidence={c.evidence} /></Card>
          <Card title="Audit trail"><AuditTrail entries={c.audit} /></Card>
        </div>
        <div>
          <Card title="Work the case">
            <div className="form-row">
              <label className="field">Owner
                <select value={c.owner ?? ''} onChange={(e) => void patch({ owner: e.target.value || null })}>
                  <option value="">Unassigned</option>
                  {!ownerKnown && <option value={c.owner!}>{c.owner}</option>}
                  {owners.map((m) => <option key={m.id} value={m.email}>{m.name ? `${m.name} (${m.email})` : m.email} · {m.role}</option>)}
                </select>
              </label>
              {c.owner !== session.user.email && <button type="button" className="btn small" onClick={() => void patch({ owner: session.user.email })}>Assign to me</button>}
            </div>
            <div className="form-row">
              <label className="field">Priority
                <select value={c.priority} onChange={(e) => void patch({ priority: e.target.value })}>
                  {PRIORITIES.map((p) => <option key={p} value={p}>{p}</option>)}
                </select>
              </label>
            </div>
            <h3>Status: {STATUS_LABEL[c.status]}{c.resolutionCode && <span className="muted"> · resolution {c.resolutionCode}</span>}</h3>
            <MoveControl c={c} onMoved={() => state.reload()} />
          </Card>
          <Card title="Add a note"><NoteForm onSave={(note) => patch({ note })} /></Card>
        </div>
      </div>
    </>
  );
}

function BackLink() {
  return <p className="back"><Link href="/cases">← All cases</Link></p>;
}
