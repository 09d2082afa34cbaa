import { Link, useParams } from 'wouter';
import { useSession } from '../../app/session.tsx';
import { PageHeader } from '../../components/ui.tsx';
import { AlertsTab } from './AlertsTab.tsx';
import { KeysTab } from './KeysTab.tsx';
import { PasswordTab } from './PasswordTab.tsx';
import { RulesTab } from './RulesTab.tsx';
import { SdkTab } from './SdkTab.tsx';
import { UsersTab } from './UsersTab.tsx';
import { WorkspaceTab } from './WorkspaceTab.tsx';
import './settings.css';

const TABS = [
  { id: 'workspace', label: 'Workspace', component: WorkspaceTab },
  { id: 'keys', label: 'Keys', component: KeysTab },
  { id: 'sdk', label: 'SDK snippet', component: SdkTab },
  { id: 'users', label: 'Users', component: UsersTab },
  { id: 'rules', label: 'Rules', component: RulesTab },
  { id: 'alerts', label: 'Alert channels', component: AlertsTab },
  { id: 'password', label: 'My password', component: PasswordTab },
] as const;

/** Workspace, keys, SDK snippet, users, rules, alert channels and the user's own password, one tab each. */
export default function SettingsView() {
  const { tab } = useParams<{ tab?: string }>();
  const session = useSession();
  const current = TABS.find((t) => t.id === tab) ?? TABS[0];
  const Tab = current.component;
  return (
    <>
      <PageHeader title="Settings" description={<>Workspace <strong>{session.workspace.workspaceName}</strong> · your role: <strong>{session.workspace.role}</strong></>} />
      <nav className="tabs" aria-label="Settings sections">
        {TABS.map((t) => (
          <Link key={t.id} href={`/settings/${t.id}`} className={`tab ${t.id === current.id ? 'active' : ''}`} aria-current={t.id === current.id ? 'page' : undefined}>{t.label}</Link>
        ))}
      </nav>
      <Tab />
    </>
  );
}
