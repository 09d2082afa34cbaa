import { useState } from 'react';
import { api } from '../../app/api.ts';
import { useSession } from '../../app/session.tsx';
import { useApi } from '../../app/use-api.ts';
import { Badge, Card, EmptyState, ErrorBox, Loading, fmt } from '../../components/ui.tsx';
import { AdminNote } from './AdminNote.tsx';
import { AlertChannelForm } from './AlertChannelForm.tsx';

interface Channel { id: string; kind: 'webhook' | 'slack' | 'email'; name: string; enabled: boolean; url?: string; to?: string[] }
interface Delivery { id: string; channelId: string; status: string; attempts: number; lastError: string | null; createdAt: string; deliveredAt: string | null }
const KIND_LABEL = { webhook: 'Webhook (signed)', slack: 'Slack-style hook', email: 'E-mail' };
const STATUS_TONE: Record<string, 'good' | 'warn' | 'bad' | undefined> = { delivered: 'good', pending: 'warn', failed: 'bad' };

/** Where new cases are announced, and what happened to each announcement. */
export function AlertsTab() {
  const session = useSession();
  const admin = session.can('admin');
  const channels = useApi<{ channels: Channel[] }>('/api/v1/alert-channels');
  const deliveries = useApi<{ deliveries: Delivery[] }>('/api/v1/alert-deliveries');
  const [removing, setRemoving] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const names = new Map((channels.data?.channels ?? []).map((c) => [c.id, c.name]));

  const remove = async (id: string) => {
    setError(null);
    try { await api(`/api/v1/alert-channels/${id}`, { method: 'DELETE' }); setRemoving(null); channels.reload(); } catch (e) { setError(e as Error); }
  };

  return (
    <>
      <AdminNote what="alert channels" />
      {error && <ErrorBox error={error} />}
      <Card title="Channels">
        <p className="muted">Every case a rule opens is sent to each channel, retried with backoff when the receiver is down; a daily digest counts new, open and overdue cases.</p>
        {channels.error && <ErrorBox error={channels.error} retry={channels.reload} />}
        {!channels.data && !channels.error && <Loading />}
        {channels.data?.channels.length === 0 && <EmptyState title="No alert channels yet">{admin ? 'Add a webhook, a Slack-style hook or an e-mail address below to hear about new cases.' : 'An admin can add one.'}</EmptyState>}
        {channels.data && channels.data.channels.length > 0 && (
          <ul className="plain-list">
            {channels.data.channels.map((c) => (
              <li key={c.id}>
                <span><strong>{c.name}</strong> <Badge>{KIND_LABEL[c.kind] ?? c.kind}</Badge>{!c.enabled && <Badge tone="warn">disabled</Badge>}
                  <span className="muted small ident"> {c.url ?? c.to?.join(', ')}</span></span>
                {admin && (removing === c.id
                  ? <span className="move-buttons"><button type="button" className="btn small danger" onClick={() => void remove(c.id)}>Delete {c.name}</button>
                      <button type="button" className="btn small" onClick={() => setRemoving(null)}>Cancel</button></span>
                  : <button type="button" className="btn small" onClick={() => setRemoving(c.id)}>Delete…</button>)}
              </li>
            ))}
          </ul>
        )}
      </Card>
      {admin && <Card title="Add a channel"><AlertChannelForm onAdded={channels.reload} /></Card>}
      <Card title="Recent deliveries">
        {deliveries.error && <ErrorBox error={deliveries.error} retry={deliveries.reload} />}
        {deliveries.data?.deliveries.length === 0 && <p className="muted">Nothing sent yet.</p>}
        {deliveries.data && deliveries.data.deliveries.length > 0 && (
          <div className="table-wrap">
            <table>
              <thead><tr><th>Queued</th><th>Channel</th><th>Status</th><th className="num">Attempts</th><th>Last error</th></tr></thead>
              <tbody>{deliveries.data.deliveries.slice(0, 50).map((d) => (
                <tr key={d.id}><td className="small">{fmt.dateTime(d.createdAt)}</td><td>{names.get(d.channelId) ?? d.channelId}</td>
                  <td><Badge tone={STATUS_TONE[d.status]}>{d.status}</Badge></td><td className="num">{d.attempts}</td>
                  <td className="small ident">{d.lastError ?? '–'}</td></tr>
              ))}</tbody>
            </table>
          </div>
        )}
      </Card>
    </>
  );
}
