import { useState } from 'react';
import { api } from '../../app/api.ts';
import { MOVE_LABEL, RESOLUTION_CODES, TRANSITIONS, type CaseItem, type CaseStatus } from './case-model.ts';

/**
 * The moves a case may make from its status, as buttons. Resolving asks for a resolution code first
 * (the server requires one). `resolveOpen` lets a drop on the Resolved column open that form.
 */
export function MoveControl({ c, onMoved, resolveOpen = false, onCancelResolve, compact = false }: {
  c: CaseItem; onMoved(updated: CaseItem): void; resolveOpen?: boolean; onCancelResolve?(): void; compact?: boolean;
}) {
  const [resolving, setResolving] = useState(false);
  // After Cancel or Escape, focus goes back to the Resolve button the form replaced (not to the page).
  const [refocus, setRefocus] = useState(false);
  const cancel = () => { setResolving(false); setRefocus(true); onCancelResolve?.(); };
  const startResolve = () => { setRefocus(false); setResolving(true); };
  const [code, setCode] = useState(c.resolutionCode ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const showResolve = resolving || resolveOpen;

  const move = async (status: CaseStatus, resolutionCode?: string) => {
    setBusy(true); setError(null);
    try {
      onMoved(await api<CaseItem>(`/api/v1/cases/${c.id}`, { method: 'PATCH', body: { status, ...(resolutionCode ? { resolutionCode } : {}) } }));
      setResolving(false);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  if (showResolve) {
    const listId = `codes-${c.id}`;
    return (
      <form className="move-resolve" onSubmit={(e) => { e.preventDefault(); if (code.trim()) void move('resolved', code.trim()); }}
        onKeyDown={(e) => { if (e.key === 'Escape') { e.preventDefault(); cancel(); } }}>
        <label className="field">Resolution code
          <input list={listId} value={code} onChange={(e) => setCode(e.target.value)} required maxLength={100} autoFocus placeholder="e.g. refund" />
        </label>
        <datalist id={listId}>{RESOLUTION_CODES.map((r) => <option key={r} value={r} />)}</datalist>
        <div className="move-buttons">
          <button type="submit" className="btn primary small" disabled={busy || !code.trim()}>Resolve case</button>
          <button type="button" className="btn small" onClick={cancel}>Cancel</button>
        </div>
        {error && <p className="move-error" role="alert">{error}</p>}
      </form>
    );
  }
  return (
    <div className="move-buttons" role="group" aria-label={`Move case “${c.reason}”`}>
      {TRANSITIONS[c.status].map((to) => (
        <button key={to} type="button" className={`btn small ${to === 'resolved' && !compact ? 'primary' : ''}`} disabled={busy}
          autoFocus={refocus && to === 'resolved'}
          onClick={() => (to === 'resolved' && !c.resolutionCode ? startResolve() : void move(to))}>
          {MOVE_LABEL[to]}
        </button>
      ))}
      {error && <p className="move-error" role="alert">{error}</p>}
    </div>
  );
}
