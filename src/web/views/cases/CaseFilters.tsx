import { PRIORITIES, STATUS_LABEL, STATUSES, type CaseItem, type Member } from './case-model.ts';

export interface Filters { status: string; owner: string; priority: string; overdue: boolean }
export const NO_FILTERS: Filters = { status: '', owner: '', priority: '', overdue: false };

// Owner filter values besides an e-mail: the logged-in user, and nobody.
const MINE = '\u0000mine', NOBODY = '\u0000nobody';

export function applyFilters(cases: CaseItem[], f: Filters, me: string, withStatus: boolean): CaseItem[] {
  return cases.filter((c) => (!withStatus || !f.status || c.status === f.status)
    && (!f.owner || (f.owner === MINE ? c.owner === me : f.owner === NOBODY ? !c.owner : c.owner === f.owner))
    && (!f.priority || c.priority === f.priority)
    && (!f.overdue || c.overdue));
}

export function CaseFilters({ value, onChange, members, withStatus }: { value: Filters; onChange(f: Filters): void; members: Member[]; withStatus: boolean }) {
  const set = (patch: Partial<Filters>) => onChange({ ...value, ...patch });
  return (
    <div className="filter-bar">
      {withStatus && (
        <label>Status
          <select value={value.status} onChange={(e) => set({ status: e.target.value })}>
            <option value="">Any</option>
            {STATUSES.map((s) => <option key={s} value={s}>{STATUS_LABEL[s]}</option>)}
          </select>
        </label>
      )}
      <label>Owner
        <select value={value.owner} onChange={(e) => set({ owner: e.target.value })}>
          <option value="">Anyone</option>
          <option value={MINE}>Me</option>
          <option value={NOBODY}>Unassigned</option>
          {members.map((m) => <option key={m.id} value={m.email}>{m.name ? `${m.name} (${m.email})` : m.email}</option>)}
        </select>
      </label>
      <label>Priority
        <select value={value.priority} onChange={(e) => set({ priority: e.target.value })}>
          <option value="">Any</option>
          {PRIORITIES.map((p) => <option key={p} value={p}>{p}</option>)}
        </select>
      </label>
      <label className="check"><input type="checkbox" checked={value.overdue} onChange={(e) => set({ overdue: e.target.checked })} /> Overdue only</label>
    </div>
  );
}
