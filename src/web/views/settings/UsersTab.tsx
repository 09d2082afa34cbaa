import { useState } from 'react';
import { api } from '../../app/api.ts';
import { useSession } from '../../app/session.tsx';
import { useApi } from '../../app/use-api.ts';
import { Card, ErrorBox, Loading, fmt } from '../../components/ui.tsx';
import { AdminNote } from './AdminNote.tsx';
import { CopyButton } from './CopyButton.tsx';

type Role = 'agent' | 'analyst' | 'admin';
const ROLES: Role[] = ['agent', 'analyst', 'admin'];
const ROLE_HELP: Record<Role, string> = { agent: 'works cases, reads everything', analyst: 'also edits journeys and surveys', admin: 'also rules, alerts, users and keys' };
interface User { id: string; email: string; name: string | null; role: Role; createdAt: string; lastLoginAt: string | null }

/** Who may log in to this workspace, and as what. Admins only; others see the member list. */
export function UsersTab() {
  const session = useSession();
  if (!session.can('admin')) return <><AdminNote what="users and roles" /><Members /></>;
  return <UsersAdmin />;
}

function Members() {
  const state = useApi<{ members: Omit<User, 'createdAt' | 'lastLoginAt'>[] }>('/api/v1/members');
  return (
    <Card title="Members of this workspace">
      {state.error && <ErrorBox error={state.error} />}
      {!state.data && !state.error && <Loading />}
      <ul className="plain-list">{state.data?.members.map((m) => <li key={m.id}><span>{m.name ? `${m.name} · ` : ''}{m.email}</span><span className="muted">{m.role}</span></li>)}</ul>
    </Card>
  );
}

function UsersAdmin() {
  const session = useSession();
  const users = useApi<{ users: User[] }>('/api/v1/users');
  const [invite, setInvite] = useState({ email: '', name: '', role: 'agent' as Role });
  const [created, setCreated] = useState<{ email: string; password?: string } | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  // Escape or Cancel on "Remove …?" returns focus to that user's Remove… button.
  const [cancelled, setCancelled] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);

  const run = async (f: () => Promise<unknown>) => {
    setError(null);
    try { await f(); users.reload(); } catch (e) { setError(e as Error); }
  };
  const send = () => run(async () => {
    const u = await api<{ email: string; password?: string }>('/api/v1/users', { method: 'POST', body: { email: invite.email, role: invite.role, ...(invite.name.trim() ? { name: invite.name.trim() } : {}) } });
    setCreated(u);
    setInvite({ email: '', name: '', role: invite.role });
  });

  return (
    <>
      {error && <ErrorBox error={error} />}
      <Card title="Invite a user">
        <form className="form-row" onSubmit={(e) => { e.preventDefault(); void send(); }}>
          <label className="field">E-mail<input type="email" required value={invite.email} onChange={(e) => setInvite({ ...invite, email: e.target.value })} /></label>
          <label className="field">Name (optional)<input value={invite.name} onChange={(e) => setInvite({ ...invite, name: e.target.value })} maxLength={120} /></label>
          <label className="field">Role
            <select value={invite.role} onChange={(e) => setInvite({ ...invite, role: e.target.value as Role })}>
              {ROLES.map((r) => <option key={r} value={r}>{r} — {ROLE_HELP[r]}</option>)}
            </select>
          </label>
          <button type="submit" className="btn primary">Invite</button>
        </form>
        {created && (
          <div className="secret-once" role="status">
            {created.password ? <>
              <strong>{created.email} can log in with this one-time password — hand it over now, it will not be shown again:</strong>
              <div className="key-row"><code className="key" aria-label="One-time password">{created.password}</code><CopyButton text={created.password} label="Copy password" /></div>
              <span className="muted small">They can change it under Settings → My password.</span>
            </> : <strong>{created.email} already had a login and was added to this workspace.</strong>}
          </div>
        )}
      </Card>
      <Card title="Users">
        {users.error && <ErrorBox error={users.error} retry={users.reload} />}
        {!users.data && !users.error && <Loading />}
        {users.data && (
          <div className="table-wrap">
            <table>
              <thead><tr><th>User</th><th>Role</th><th>Last login</th><th><span className="sr-only">Actions</span></th></tr></thead>
              <tbody>
                {users.data.users.map((u) => (
                  <tr key={u.id}>
                    <td>{u.email}{u.name && <div className="muted small">{u.name}</div>}</td>
                    <td>
                      <label><span className="sr-only">Role of {u.email}</span>
                        <select value={u.role} onChange={(e) => void run(() => api(`/api/v1/users/${u.id}`, { method: 'PATCH', body: { role: e.target.value } }))}>
                          {ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
                        </select>
                      </label>
                    </td>
                    <td className="small">{u.lastLoginAt ? fmt.dateTime(u.lastLoginAt) : <span className="muted">never</span>}</td>
                    <td>
                      {removing === u.id ? (
                        <span className="move-buttons" onKeyDown={(e) => { if (e.key === 'Escape') { setRemoving(null); setCancelled(u.id); } }}>
                          <button type="button" className="btn small danger" onClick={() => void run(() => api(`/api/v1/users/${u.id}`, { method: 'DELETE' })).then(() => setRemoving(null))}>Remove {u.email}</button>
                          <button type="button" className="btn small" autoFocus onClick={() => { setRemoving(null); setCancelled(u.id); }}>Cancel</button>
                        </span>
                      ) : (
                        <button type="button" className="btn small" disabled={u.id === session.user.id} title={u.id === session.user.id ? 'You cannot remove yourself' : undefined}
                          autoFocus={cancelled === u.id} onClick={() => setRemoving(u.id)}>Remove…</button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </>
  );
}
