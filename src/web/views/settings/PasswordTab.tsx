import { useState } from 'react';
import { api } from '../../app/api.ts';
import { useSession } from '../../app/session.tsx';
import { Card, ErrorBox } from '../../components/ui.tsx';

export function PasswordTab() {
  const session = useSession();
  const [form, setForm] = useState({ current: '', next: '', again: '' });
  const [error, setError] = useState<Error | null>(null);
  const [done, setDone] = useState(false);
  const mismatch = form.again.length > 0 && form.next !== form.again;

  const submit = async () => {
    setError(null); setDone(false);
    try {
      await api('/api/v1/auth/password', { method: 'POST', body: { currentPassword: form.current, newPassword: form.next } });
      setDone(true);
      setForm({ current: '', next: '', again: '' });
    } catch (e) { setError(e as Error); }
  };

  return (
    <Card title={`Change the password of ${session.user.email}`}>
      <form className="password-form" onSubmit={(e) => { e.preventDefault(); if (!mismatch) void submit(); }}>
        <label className="field">Current password<input type="password" autoComplete="current-password" required value={form.current} onChange={(e) => setForm({ ...form, current: e.target.value })} /></label>
        <label className="field">New password (at least 8 characters)<input type="password" autoComplete="new-password" required minLength={8} value={form.next} onChange={(e) => setForm({ ...form, next: e.target.value })} /></label>
        <label className="field">New password again<input type="password" autoComplete="new-password" required value={form.again} onChange={(e) => setForm({ ...form, again: e.target.value })} aria-invalid={mismatch} /></label>
        {mismatch && <p className="move-error" role="alert">The two new passwords differ.</p>}
        {error && <ErrorBox error={error} />}
        {done && <p className="ok-note" role="status">Password changed.</p>}
        <p><button type="submit" className="btn primary" disabled={mismatch}>Change password</button></p>
      </form>
    </Card>
  );
}
