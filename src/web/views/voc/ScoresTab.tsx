import { useState } from 'react';
import { Link } from 'wouter';
import { useFilters } from '../../app/filters.tsx';
import { useApi } from '../../app/use-api.ts';
import { FilterBar } from '../../components/FilterBar.tsx';
import { Card, EmptyState, ErrorBox, Loaded, Loading } from '../../components/ui.tsx';
import { Forest } from './Forest.tsx';
import { METRIC_LABEL } from './format.ts';
import { NpsSplit } from './NpsSplit.tsx';
import { ScoreCard } from './ScoreCard.tsx';
import { ThemeImpactCard } from './ThemeImpactCard.tsx';
import { TrendChart } from './TrendChart.tsx';
import type { Metric, MetricKind } from './types.ts';
import { useJourneyNames } from './use-journey.ts';
import { useSurveys } from './use-surveys.ts';

const KINDS: MetricKind[] = ['nps', 'csat', 'ces'];
const BREAKDOWNS = [
  { id: 'touchpoint', label: 'Touchpoint' }, { id: 'stage', label: 'Stage' }, { id: 'persona', label: 'Persona' },
  { id: 'channel', label: 'Channel' }, { id: 'language', label: 'Language' },
] as const;
type Breakdown = (typeof BREAKDOWNS)[number]['id'];

/** NPS, CSAT and effort for the period: each with its interval and change, then the chosen one in detail. */
export function ScoresTab() {
  const f = useFilters();
  const { surveys, error: surveysError, loading: surveysLoading } = useSurveys();
  const [surveyId, setSurveyId] = useState('');
  const [compare, setCompare] = useState(30);
  const [kind, setKind] = useState<MetricKind>('nps');
  const [unit, setUnit] = useState<'week' | 'day'>('week');
  const [by, setBy] = useState<Breakdown>('touchpoint');
  const base = { surveyId: surveyId || undefined, from: f.from, to: f.to };
  const totals = {
    nps: useApi<Metric>('/api/v1/metrics/nps', { query: { ...base, compare: `${compare}d` } }),
    csat: useApi<Metric>('/api/v1/metrics/csat', { query: { ...base, compare: `${compare}d` } }),
    ces: useApi<Metric>('/api/v1/metrics/ces', { query: { ...base, compare: `${compare}d` } }),
  };
  const trend = useApi<Metric>(`/api/v1/metrics/${kind}`, { query: { ...base, by: unit } });
  const breakdown = useApi<Metric>(`/api/v1/metrics/${kind}`, { query: { ...base, by } });
  const names = useJourneyNames();

  if (surveysError) return <ErrorBox error={surveysError} />;
  if (surveysLoading && !surveys.length) return <Loading />;
  if (!surveys.length) {
    return (
      <EmptyState title="No surveys yet" action={<Link className="btn primary" href="/voc/surveys/new">Create a survey</Link>}>
        Scores appear here once customers answer a survey. Create one (NPS after delivery, CSAT after a support chat…) and share its link or let the SDK show it.
      </EmptyState>
    );
  }
  const selected = totals[kind].data;
  const groupLabel = BREAKDOWNS.find((b) => b.id === by)!.label;
  const label = (v: string | null) => (v === null ? <span className="muted">not recorded</span> : by === 'touchpoint' || by === 'stage' ? names.name(by, v) : v);

  return (
    <>
      <FilterBar>
        <label>
          <span>Survey</span>
          <select value={surveyId} onChange={(e) => setSurveyId(e.target.value)}>
            <option value="">All surveys</option>
            {surveys.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        </label>
        <label>
          <span>Compare</span>
          <select value={compare} onChange={(e) => setCompare(Number(e.target.value))}>
            {[7, 30, 90].map((d) => <option key={d} value={d}>Last {d} days vs the {d} before</option>)}
          </select>
        </label>
      </FilterBar>
      <div className="score-cards" role="group" aria-label="Scores">
        {KINDS.map((k) => (
          totals[k].error ? <ErrorBox key={k} error={totals[k].error!} retry={totals[k].reload} />
            : <ScoreCard key={k} kind={k} metric={totals[k].data} compareDays={compare} selected={kind === k} onSelect={() => setKind(k)} />
        ))}
      </div>
      {selected && selected.n === 0 ? (
        <EmptyState title={`No ${METRIC_LABEL[kind]} answers in this period`}>Pick a longer period, another survey, or another score above.</EmptyState>
      ) : (
        <>
          <div className="grid cols-2 voc-detail">
            <Card title={`${METRIC_LABEL[kind]} over time`} actions={
              <div className="seg" role="group" aria-label="Trend by">
                {(['week', 'day'] as const).map((u) => <button key={u} type="button" className="btn small" aria-pressed={unit === u} onClick={() => setUnit(u)}>{u === 'week' ? 'Weekly' : 'Daily'}</button>)}
              </div>}>
              <Loaded state={trend}>{(d) => <TrendChart kind={kind} groups={d.groups ?? []} unit={unit} />}</Loaded>
            </Card>
            {kind === 'nps' && selected ? <NpsSplit metric={selected} /> : (
              <Card title="How to read this">
                <p className="muted">Each score comes with its 95 % confidence interval: with few answers the true score could be anywhere in it.
                  Groups whose interval lies wholly above or below the overall score are marked — those differences are unlikely to be chance.</p>
              </Card>
            )}
          </div>
          <Card title={`${METRIC_LABEL[kind]} by ${groupLabel.toLowerCase()}`} actions={
            <label className="inline-field">
              <span>Break down by</span>
              <select value={by} onChange={(e) => setBy(e.target.value as Breakdown)}>
                {BREAKDOWNS.map((b) => <option key={b.id} value={b.id}>{b.label}</option>)}
              </select>
            </label>}>
            <Loaded state={breakdown} empty={(d) => (d.groups?.length ? null : <EmptyState title="No groups">No answers in this period carry a {groupLabel.toLowerCase()}.</EmptyState>)}>
              {(d) => (
                <Forest kind={kind} overall={d.score} groupLabel={groupLabel}
                  rows={[...(d.groups ?? [])].sort((a, b) => b.n - a.n).map((g) => ({ key: String(g.value), label: label(g.value), n: g.n, score: g.score, ci: g.ci }))} />
              )}
            </Loaded>
          </Card>
          {kind === 'nps' && <ThemeImpactCard query={base} />}
        </>
      )}
    </>
  );
}
