import { useState } from 'react';
import { api } from '../../app/api.ts';
import { ErrorBox } from '../../components/ui.tsx';

type Kind = 'webhook' | 'slack' | 'email';

// Receivers verify webhooks with this secret (HMAC-SHA256), so it should be long and random.
const randomSecret = () => Array.from(crypto.getRandomValues(new Uint8Array(24)), (b) => b.toString(16).padStart(2, '0')).join('');

/** Adds a webhook (signed), a Slack-compatible incoming hook, or an e-mail channel over SMTP. */
export function AlertChannelForm({ onAdded }: { onAdded(): void }) {
  const [kind, setKind] = useState<Kind>('slack');
  const [f, setF] = useState({ name: '', url: '', secret: randomSecret(), to: '', host: '', port: '587', from: '', user: '', pass: '' });
  const [error, setError] = useState<Error | null>(null);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });

  const body = () => {
    if (kind === 'webhook') return { kind, name: f.name, url: f.url, secret: f.secret };
    if (kind === 'slack') return { kind, name: f.name, url: f.url };
    return { kind, name: f.name, to: f.to.split(/[,\s]+/).filter(Boolean),
      smtp: { host: f.host, port: Number(f.port), from: f.from, ...(f.user ? { user: f.user, pass: f.pass } : {}) } };
  };
  const submit = async () => {
    setError(null);
    try {
      await api('/api/v1/alert-channels', { method: 'POST', body: body() });
      setF({ ...f, name: '', url: '', to: '', secret: randomSecret() });
      onAdded();
    } catch (e) { setError(e as Error); }
  };

  return (
    <form onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <div className="form-row">
        <label className="field">Kind
          <select value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            <option value="slack">Slack-style incoming hook</option>
            <option value="webhook">Webhook (signed JSON)</option>
            <option value="email">E-mail (SMTP)</option>
          </select>
        </label>
        <label className="field">Name<input required maxLength={100} value={f.name} onChange={set('name')} placeholder="e.g. #cx-alerts" /></label>
      </div>
      {kind !== 'email' && (
        <div className="form-row">
          <label className="field wide">URL<input type="url" required value={f.url} onChange={set('url')} placeholder="https://hooks.example.com/…" /></label>
          {kind === 'webhook' && <label className="field wide">Signing secret (16+ characters)<input required minLength={16} value={f.secret} onChange={set('secret')} /></label>}
        </div>
      )}
      {kind === 'email' && <>
        <div className="form-row">
          <label className="field wide">To (comma-separated)<input required value={f.to} onChange={set('to')} placeholder="cx-team@example.com" /></label>
          <label className="field">From<input required value={f.from} onChange={set('from')} placeholder="touchpoint@example.com" /></label>
        </div>
        <div className="form-row">
          <label className="field">SMTP host<input required value={f.host} onChange={set('host')} /></label>
          <label className="field">Port<input type="number" required min={1} max={65535} value={f.port} onChange={set('port')} /></label>
          <label className="field">User (optional)<input value={f.user} onChange={set('user')} autoComplete="off" /></label>
          <label className="field">Password<input type="password" value={f.pass} onChange={set('pass')} autoComplete="new-password" /></label>
        </div>
      </>}
      {error && <ErrorBox error={error} />}
      <button type="submit" className="btn primary">Add channel</button>
    </form>
  );
}
