import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, setWorkspace, UNAUTHORIZED_EVENT } from './api.ts';

export type Role = 'agent' | 'analyst' | 'admin';
export interface SessionUser { id: string; email: string; name: string | null }
export interface SessionWorkspace { workspaceId: string; workspaceName: string; role: Role }
interface Me { user: SessionUser | null; workspaces: SessionWorkspace[] }
type LoggedIn = { user: SessionUser; workspaces: SessionWorkspace[] };

export interface Session {
  user: SessionUser;
  workspaces: SessionWorkspace[];
  workspace: SessionWorkspace;
  switchWorkspace(id: string): void;
  /** Re-reads the user's workspaces (after creating one). */
  refresh(): Promise<void>;
  logout(): Promise<void>;
  can(role: Role): boolean;
}

const RANK: Record<Role, number> = { agent: 0, analyst: 1, admin: 2 };
const STORAGE_KEY = 'touchpoint.workspace';
const SessionContext = createContext<Session | null>(null);

/** The logged-in user, for components below the login gate. */
export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside the login gate');
  return s;
}

type State = { status: 'loading' } | { status: 'anonymous' } | { status: 'in'; me: LoggedIn; workspaceId: string };

export function SessionGate({ login, children }: { login: (onLogin: () => void) => ReactNode; children: ReactNode }) {
  const [state, setState] = useState<State>({ status: 'loading' });

  const load = useCallback(async () => {
    try {
      const me = await api<Me>('/api/v1/auth/me');
      if (!me.user || me.workspaces.length === 0) { setState({ status: 'anonymous' }); return; }
      const saved = localStorage.getItem(STORAGE_KEY);
      const workspaceId = me.workspaces.some((w) => w.workspaceId === saved) ? saved! : me.workspaces[0].workspaceId;
      setWorkspace(workspaceId);
      setState({ status: 'in', me: { user: me.user, workspaces: me.workspaces }, workspaceId });
    } catch {
      setWorkspace(null);
      setState({ status: 'anonymous' });
    }
  }, []);

  useEffect(() => { void load(); }, [load]);
  useEffect(() => {
    const onUnauthorized = () => setState({ status: 'anonymous' });
    window.addEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
    return () => window.removeEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
  }, []);

  if (state.status === 'loading') return <div className="boot" aria-busy="true">Loading…</div>;
  if (state.status === 'anonymous') return <>{login(() => void load())}</>;

  const workspace = state.me.workspaces.find((w) => w.workspaceId === state.workspaceId)!;
  const session: Session = {
    user: state.me.user, workspaces: state.me.workspaces, workspace,
    switchWorkspace(id) {
      localStorage.setItem(STORAGE_KEY, id);
      setWorkspace(id);
      setState({ ...state, workspaceId: id });
    },
    refresh: load,
    async logout() {
      await api('/api/v1/auth/logout', { method: 'POST' });
      setWorkspace(null);
      setState({ status: 'anonymous' });
    },
    can: (role) => RANK[workspace.role] >= RANK[role],
  };
  // Keyed by workspace so every view reloads its data after a switch.
  return <SessionContext.Provider value={session} key={state.workspaceId}>{children}</SessionContext.Provider>;
}
