import { Suspense, useRef, useState } from 'react';
import { Link, Redirect, Route, Switch, useLocation } from 'wouter';
import { ErrorBoundary } from '../components/ErrorBoundary.tsx';
import { Loading } from '../components/ui.tsx';
import { LoginView } from '../views/login/LoginView.tsx';
import { FiltersProvider } from './filters.tsx';
import { SessionGate, useSession } from './session.tsx';
import { VIEWS } from './views.ts';

export function App() {
  return (
    <SessionGate login={(onLogin) => <LoginView onLogin={onLogin} />}>
      <FiltersProvider>
        <Shell />
      </FiltersProvider>
    </SessionGate>
  );
}

function Shell() {
  const session = useSession();
  const [location] = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  // Escape closes the phone menu and gives focus back to its button, as for any disclosure.
  const closeOnEscape = (e: { key: string }) => { if (e.key === 'Escape' && menuOpen) { setMenuOpen(false); menuButton.current?.focus(); } };
  const groups = [...new Set(VIEWS.map((v) => v.group))];
  return (
    <div className="shell">
      <a className="skip-link" href="#main">Skip to content</a>
      <header className="topbar">
        <button ref={menuButton} type="button" className="menu-toggle" aria-expanded={menuOpen} aria-controls="nav" onClick={() => setMenuOpen(!menuOpen)}>☰<span className="sr-only">Menu</span></button>
        <Link href="/map" className="brand">Touchpoint</Link>
        <div className="topbar-right">
          {session.workspaces.length > 1 ? (
            <label className="ws-select"><span className="sr-only">Workspace</span>
              <select value={session.workspace.workspaceId} onChange={(e) => session.switchWorkspace(e.target.value)}>
                {session.workspaces.map((w) => <option key={w.workspaceId} value={w.workspaceId}>{w.workspaceName}</option>)}
              </select>
            </label>
          ) : <span className="ws-name">{session.workspace.workspaceName}</span>}
          <span className="user" title={`${session.user.email} (${session.workspace.role})`}>{session.user.email}</span>
          <button type="button" className="btn ghost small" onClick={() => void session.logout()}>Log out</button>
        </div>
      </header>
      <nav id="nav" className={`sidebar ${menuOpen ? 'open' : ''}`} aria-label="Views" onKeyDown={closeOnEscape}>
        {groups.map((g) => (
          <div key={g} className="nav-group">
            <div className="nav-group-label">{g}</div>
            {VIEWS.filter((v) => v.group === g).map((v) => (
              <Link key={v.path} href={v.path} onClick={() => setMenuOpen(false)}
                className={`nav-link ${location === v.path || location.startsWith(`${v.path}/`) ? 'active' : ''}`}
                aria-current={location === v.path || location.startsWith(`${v.path}/`) ? 'page' : undefined}>
                <span className="nav-icon" aria-hidden="true">{v.icon}</span>{v.label}
              </Link>
            ))}
          </div>
        ))}
      </nav>
      <main id="main" className="content" tabIndex={-1}>
        <ErrorBoundary key={location}>
          <Suspense fallback={<Loading />}>
            <Switch>
              <Route path="/"><Redirect to="/map" /></Route>
              {VIEWS.map((v) => <Route key={v.path} path={v.pattern} component={v.component} />)}
              <Route><p>Nothing here. <Link href="/map">Go to the journey map</Link>.</p></Route>
            </Switch>
          </Suspense>
        </ErrorBoundary>
      </main>
    </div>
  );
}
