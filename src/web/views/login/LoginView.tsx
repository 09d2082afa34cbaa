import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../app/api.ts';

export function LoginView({ onLogin }: { onLogin: () => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api('/api/v1/auth/login', { body: { email, password } });
      onLogin();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Could not reach the server.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="login-page">
      <form className="login-card" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">Touchpoint</h1>
        <p className="muted">Log in to see where your customers' journey works, and where it doesn't.</p>
        <label>E-mail<input type="email" name="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} /></label>
        <label>Password<input type="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} /></label>
        {error && <div className="error-box" role="alert">{error}</div>}
        <button className="btn primary" type="submit" disabled={busy}>{busy ? 'Logging in…' : 'Log in'}</button>
        <p className="muted small">First start? The admin e-mail and a one-time password were printed in the terminal where
          you ran <code>npm start</code> (or set <code>TOUCHPOINT_ADMIN_EMAIL</code> and <code>TOUCHPOINT_ADMIN_PASSWORD</code>).</p>
      </form>
    </div>
  );
}
