import { useState } from 'react';
import { api } from '../../app/api.ts';
import { useSession } from '../../app/session.tsx';
import { Card, ErrorBox, Loading } from '../../components/ui.tsx';
import { CopyButton } from './CopyButton.tsx';
import { useWorkspace } from './workspace-api.ts';

/** The public write key, and rotating the secret key (shown once, the old one stops working at once). */
export function KeysTab() {
  const session = useSession();
  const ws = useWorkspace();
  const [confirming, setConfirming] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const admin = session.can('admin');

  const rotate = async () => {
    setError(null);
    try {
      setSecret((await api<{ secretKey: string }>('/api/v1/workspace/secret-key', { method: 'POST' })).secretKey);
      setConfirming(false);
    } catch (e) { setError(e as Error); }
  };

  return (
    <>
      <Card title="Write key">
        {ws.error && <ErrorBox error={ws.error} retry={ws.reload} />}
        {!ws.data && !ws.error && <Loading />}
        {ws.data && (
          <div className="key-row"><code className="key" aria-label="Write key">{ws.data.writeKey}</code><CopyButton text={ws.data.writeKey} label="Copy write key" /></div>
        )}
        <p className="muted small">Public: it may only send events and survey answers, so it can ship in web pages and apps (see the SDK snippet tab).</p>
      </Card>
      <Card title="Secret key">
        <p className="muted">The secret key reads and administers this workspace through the API (<code>Authorization: Bearer tps_…</code>).
          Only a hash is stored, so it cannot be shown again; rotate it to get a new one.</p>
        {error && <ErrorBox error={error} />}
        {secret && (
          <div className="secret-once" role="status">
            <strong>New secret key — copy it now, it will not be shown again:</strong>
            <div className="key-row"><code className="key" aria-label="New secret key">{secret}</code><CopyButton text={secret} label="Copy secret key" /></div>
          </div>
        )}
        {!admin && <p className="admin-note" role="note">Only admins can rotate the secret key.</p>}
        {admin && !confirming && <button type="button" className="btn danger" onClick={() => setConfirming(true)}>Rotate secret key…</button>}
        {admin && confirming && (
          <div className="confirm" role="group" aria-label="Confirm rotation">
            <p>The current secret key stops working <strong>immediately</strong>: scripts and servers using it will get 401 until updated.</p>
            <button type="button" className="btn danger" onClick={() => void rotate()}>Yes, rotate the secret key</button>{' '}
            <button type="button" className="btn" onClick={() => setConfirming(false)}>Cancel</button>
          </div>
        )}
      </Card>
    </>
  );
}
