import { useState } from 'react';

export function NoteForm({ onSave }: { onSave(note: string): Promise<void> }) {
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <form onSubmit={async (e) => {
      e.preventDefault();
      if (!note.trim()) return;
      setBusy(true);
      await onSave(note.trim());
      setBusy(false);
      setNote('');
    }}>
      <label className="field">Note (kept in the audit trail)
        <textarea value={note} onChange={(e) => setNote(e.target.value)} maxLength={5000} placeholder="Called the customer, offered a refund…" />
      </label>
      <p><button type="submit" className="btn primary" disabled={busy || !note.trim()}>Add note</button></p>
    </form>
  );
}
