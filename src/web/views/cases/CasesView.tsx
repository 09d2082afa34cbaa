import { useMemo, useState } from 'react';
import { Link, useParams } from 'wouter';
import { useSession } from '../../app/session.tsx';
import { useApi } from '../../app/use-api.ts';
import { EmptyState, ErrorBox, Loading, PageHeader, Stat } from '../../components/ui.tsx';
import { CaseBoard } from './CaseBoard.tsx';
import { CaseDetail } from './CaseDetail.tsx';
import { CaseFilters, applyFilters, NO_FILTERS, type Filters } from './CaseFilters.tsx';
import { CaseList } from './CaseList.tsx';
import { isActive, type CaseItem, type Member } from './case-model.ts';
import './cases.css';

const LAYOUT_KEY = 'touchpoint.cases.layout';

/** Cases: a board by status and a list by SLA; `/cases/:id` works one case. */
export default function CasesView() {
  const { id } = useParams<{ id?: string }>();
  return id ? <CaseDetail id={id} /> : <CasesOverview />;
}

function CasesOverview() {
  const session = useSession();
  const cases = useApi<{ cases: CaseItem[] }>('/api/v1/cases');
  const members = useApi<{ members: Member[] }>('/api/v1/members');
  const [layout, setLayout] = useState<'board' | 'list'>(() => (sessionStorage.getItem(LAYOUT_KEY) === 'list' ? 'list' : 'board'));
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  // Moves update the card in place at once, without waiting for a reload of every case.
  const [moved, setMoved] = useState<Record<string, CaseItem>>({});
  const all = useMemo(() => (cases.data?.cases ?? []).map((c) => moved[c.id] ?? c), [cases.data, moved]);
  const shown = applyFilters(all, filters, session.user.email, layout === 'list');
  const pick = (l: 'board' | 'list') => { setLayout(l); sessionStorage.setItem(LAYOUT_KEY, l); };
  const active = all.filter(isActive);

  return (
    <>
      <PageHeader title="Cases" description="Closed-loop follow-up: rules open a case when a customer has a bad moment; work it to resolved within its SLA." />
      {cases.error && <ErrorBox error={cases.error} retry={cases.reload} />}
      {!cases.data && !cases.error && <Loading />}
      {cases.data && all.length === 0 && (
        <EmptyState title="No cases yet">
          Cases open by themselves when a rule fires — a detractor answer (NPS 0–6) or a late delivery, by default.
          {' '}{session.can('admin') ? <Link href="/settings/rules">Review the rules</Link> : 'An admin can change the rules in Settings.'}, or open
          {' '}a case for a customer from <Link href="/at-risk">At-risk customers</Link>.
        </EmptyState>
      )}
      {cases.data && all.length > 0 && (
        <>
          <div className="stats">
            <Stat label="Open" value={all.filter((c) => c.status === 'open').length} />
            <Stat label="In progress" value={all.filter((c) => c.status === 'in_progress').length} />
            <Stat label="Overdue" value={active.filter((c) => c.overdue).length} tone={active.some((c) => c.overdue) ? 'bad' : 'good'} />
            <Stat label="Unassigned (active)" value={active.filter((c) => !c.owner).length} tone={active.some((c) => !c.owner) ? 'warn' : undefined} />
          </div>
          <div className="tabs" role="tablist" aria-label="Layout">
            {(['board', 'list'] as const).map((l) => (
              <button key={l} type="button" role="tab" className="tab" aria-selected={layout === l} onClick={() => pick(l)}>
                {l === 'board' ? 'Board' : 'List'}
              </button>
            ))}
          </div>
          <CaseFilters value={filters} onChange={setFilters} members={members.data?.members ?? []} withStatus={layout === 'list'} />
          {shown.length === 0 ? <EmptyState title="No case matches these filters"><button type="button" className="btn small" onClick={() => setFilters(NO_FILTERS)}>Clear filters</button></EmptyState>
            : layout === 'board' ? <CaseBoard cases={shown} onMoved={(u) => setMoved((m) => ({ ...m, [u.id]: u }))} /> : <CaseList cases={shown} />}
        </>
      )}
    </>
  );
}
