import { useApi } from '../../app/use-api.ts';
import { useSession } from '../../app/session.tsx';
import { EmptyState, ErrorBox, Loading } from '../../components/ui.tsx';
import { AdminNote } from './AdminNote.tsx';
import { RuleEditor, type Rule } from './RuleEditor.tsx';

/** The rules that open cases as data arrives: enable, disable, tune thresholds (admin). */
export function RulesTab() {
  const session = useSession();
  const state = useApi<{ rules: Rule[] }>('/api/v1/rules');
  return (
    <>
      <AdminNote what="rules" />
      <p className="muted">Rules run on every new survey answer and event, after it is stored. When one matches, it opens a case with this priority and SLA, at most once per customer per cool-down.</p>
      {state.error && <ErrorBox error={state.error} retry={state.reload} />}
      {!state.data && !state.error && <Loading />}
      {state.data?.rules.length === 0 && <EmptyState title="No rules">Rules are created with the workspace; an admin can add them through the API (PUT /api/v1/rules/&#123;id&#125;).</EmptyState>}
      {state.data?.rules.map((r) => <RuleEditor key={r.id} rule={r} editable={session.can('admin')} onSaved={state.reload} />)}
    </>
  );
}
