import { useState } from 'react';
import { api } from '../../app/api.ts';
import { CaseCard } from './CaseCard.tsx';
import { STATUS_LABEL, STATUSES, TRANSITIONS, type CaseItem, type CaseStatus } from './case-model.ts';

// A column shows the most urgent few; the rest are one click (or the list view) away.
const SHOWN = 8;
const dueOf = (c: CaseItem) => (c.slaDueAt ? new Date(c.slaDueAt).getTime() : Number.POSITIVE_INFINITY);

/**
 * Columns by status. Cards move with their buttons (keyboard) or by drag and drop onto a column the
 * case may move to; a drop on Resolved opens the resolution-code form on the card.
 */
export function CaseBoard({ cases, onMoved }: { cases: CaseItem[]; onMoved(updated: CaseItem): void }) {
  const [resolving, setResolving] = useState<string | null>(null);
  const [dropError, setDropError] = useState<string | null>(null);
  const [over, setOver] = useState<CaseStatus | null>(null);
  const [expanded, setExpanded] = useState<Record<string, boolean>>({});

  const drop = async (id: string, to: CaseStatus) => {
    setOver(null); setDropError(null);
    const c = cases.find((x) => x.id === id);
    if (!c || c.status === to) return;
    if (!TRANSITIONS[c.status].includes(to)) { setDropError(`A case cannot go from ${STATUS_LABEL[c.status]} to ${STATUS_LABEL[to]}.`); return; }
    if (to === 'resolved' && !c.resolutionCode) { setResolving(id); return; }
    try { onMoved(await api<CaseItem>(`/api/v1/cases/${id}`, { method: 'PATCH', body: { status: to } })); } catch (e) { setDropError((e as Error).message); }
  };

  return (
    <>
      {dropError && <p className="error-box" role="alert">{dropError}</p>}
      <div className="case-board">
        {STATUSES.map((status) => {
          // Active work: soonest SLA first. Finished work: most recently changed first.
          const all = cases.filter((c) => c.status === status)
            .sort((a, b) => (status === 'open' || status === 'in_progress' ? dueOf(a) - dueOf(b) : b.updatedAt.localeCompare(a.updatedAt)));
          const shown = expanded[status] ? all : all.slice(0, SHOWN);
          return (
            <section key={status} className={`case-column ${over === status ? 'drop-target' : ''}`} aria-labelledby={`col-${status}`}
              onDragOver={(e) => { e.preventDefault(); setOver(status); }} onDragLeave={() => setOver(null)}
              onDrop={(e) => { e.preventDefault(); void drop(e.dataTransfer.getData('text/case-id'), status); }}>
              <h2 id={`col-${status}`} className="case-column-head">
                {STATUS_LABEL[status]} <span className="count">{all.length}</span>
              </h2>
              {shown.length === 0 && <p className="muted small column-empty">No {STATUS_LABEL[status].toLowerCase()} cases.</p>}
              {shown.map((c) => (
                <CaseCard key={c.id} c={c} onMoved={(u) => { setResolving(null); onMoved(u); }}
                  resolveOpen={resolving === c.id} onCancelResolve={() => setResolving(null)} />
              ))}
              {all.length > SHOWN && (
                <button type="button" className="btn small ghost" aria-expanded={!!expanded[status]} onClick={() => setExpanded({ ...expanded, [status]: !expanded[status] })}>
                  {expanded[status] ? 'Show fewer' : `Show ${all.length - shown.length} more`}
                </button>
              )}
            </section>
          );
        })}
      </div>
    </>
  );
}
