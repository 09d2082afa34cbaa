import { useState } from 'react';
import { api } from '../../app/api.ts';
import { useSession } from '../../app/session.tsx';
import { Badge, Card, ErrorBox } from '../../components/ui.tsx';
import { useWorkspace } from './workspace-api.ts';

/** Rename this workspace (admin), switch to another, or create a new one (you become its admin). */
export function WorkspaceTab() {
  const session = useSession();
  const ws = useWorkspace();
  const [name, setName] = useState<string | null>(null);
  const [newName, setNewName] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const admin = session.can('admin');

  const rename = async () => {
    setError(null); setMessage(null);
    try {
      await api('/api/v1/workspace', { method: 'PATCH', body: { name: name ?? '' } });
      setMessage('Renamed.');
      await session.refresh();
    } catch (e) { setError(e as Error); }
  };
  const create = async () => {
    setError(null); setMessage(null);
    try {
      const created = await api<{ id: string; name: string; secretKey?: string }>('/api/v1/workspaces', { method: 'POST', body: { name: newName } });
      await session.refresh();
      session.switchWorkspace(created.id);
    } catch (e) { setError(e as Error); }
  };

  return (
    <>
      {error && <ErrorBox error={error} />}
      {message && <p className="ok-note" role="status">{message}</p>}
      <Card title="This workspace">
        <form className="form-row" onSubmit={(e) => { e.preventDefault(); void rename(); }}>
          <label className="field">Name
            <input value={name ?? ws.data?.name ?? session.workspace.workspaceName} onChange={(e) => setName(e.target.value)} disabled={!admin} maxLength={120} required />
          </label>
          <button type="submit" className="btn primary" disabled={!admin || !name?.trim()}>Rename</button>
        </form>
        {!admin && <p className="muted small">Only admins can rename the workspace.</p>}
        <p className="muted small">Id <code>{session.workspace.workspaceId}</code>. A workspace is one brand or company: its keys, users, journeys and data are its own.</p>
      </Card>
      <Card title="Your workspaces">
        <ul className="plain-list">
          {session.workspaces.map((w) => (
            <li key={w.workspaceId}>
              <span><strong>{w.workspaceName}</strong> <Badge>{w.role}</Badge></span>
              {w.workspaceId === session.workspace.workspaceId
                ? <Badge tone="info">current</Badge>
                : <button type="button" className="btn small" onClick={() => session.switchWorkspace(w.workspaceId)}>Switch to {w.workspaceName}</button>}
            </li>
          ))}
        </ul>
      </Card>
      <Card title="Create a workspace">
        <form className="form-row" onSubmit={(e) => { e.preventDefault(); if (newName.trim()) void create(); }}>
          <label className="field">New workspace name
            <input value={newName} onChange={(e) => setNewName(e.target.value)} maxLength={120} placeholder="e.g. Riffs & Co — Germany" />
          </label>
          <button type="submit" className="btn" disabled={!newName.trim()}>Create and switch</button>
        </form>
        <p className="muted small">You become its admin. It starts empty with the default rules; send data with its own write key (Keys tab).</p>
      </Card>
    </>
  );
}
