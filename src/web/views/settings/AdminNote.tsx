import { useSession } from '../../app/session.tsx';

/** Said once at the top of a tab whose changes need the admin role. */
export function AdminNote({ what }: { what: string }) {
  const session = useSession();
  if (session.can('admin')) return null;
  return <p className="admin-note" role="note">Only admins can change {what}. You are <strong>{session.workspace.role}</strong> in this workspace; ask an admin.</p>;
}
