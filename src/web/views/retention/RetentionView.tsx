import { useState } from 'react';
import { useFilters } from '../../app/filters.tsx';
import { useApi } from '../../app/use-api.ts';
import { FilterBar } from '../../components/FilterBar.tsx';
import { Card, ErrorBox, fmt, Loaded, Loading, PageHeader, Stat } from '../../components/ui.tsx';
import { NoEvents, NothingInRange } from '../analytics-common/NoEvents.tsx';
import { useCatalog } from '../analytics-common/use-catalog.ts';
import '../analytics-common/analysis.css';
import { CohortHeatmap } from './CohortHeatmap.tsx';
import { TimeBetween } from './TimeBetween.tsx';
import type { RetentionResult } from './types.ts';

export default function RetentionView() {
  const { from, to } = useFilters();
  const catalog = useCatalog();
  const [cohort, setCohort] = useState<'week' | 'month'>('week');
  const [event, setEvent] = useState('Order Completed');
  const [returnEvent, setReturnEvent] = useState('');
  const body = { cohort, event, ...(returnEvent ? { returnEvent } : {}), from, to };
  const state = useApi<RetentionResult>('/api/v1/query/retention', { method: 'POST', body });
  const names = catalog.events.map((e) => e.name);
  const options = names.includes(event) ? names : [event, ...names];

  return (
    <div className="retention-view">
      <PageHeader title="Retention" description="Do customers come back? Each row is the customers whose first purchase fell in one week or month; each cell the share who bought again that many periods later." />
      <FilterBar>
        <label><span>Cohorts by</span>
          <select value={cohort} onChange={(e) => setCohort(e.target.value as 'week' | 'month')}>
            <option value="week">Week</option><option value="month">Month</option>
          </select>
        </label>
        <label><span>First event</span>
          <select value={event} onChange={(e) => setEvent(e.target.value)}>{options.map((n) => <option key={n} value={n}>{n}</option>)}</select>
        </label>
        <label><span>Coming back means</span>
          <select value={returnEvent} onChange={(e) => setReturnEvent(e.target.value)}>
            <option value="">the same event</option>
            {names.map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </label>
      </FilterBar>
      {catalog.error ? <ErrorBox error={catalog.error} retry={catalog.reload} />
        : catalog.loading && names.length === 0 ? <Loading />
          : names.length === 0 ? <NoEvents /> : (
            <Loaded state={state} empty={(d) => (d.cohorts.length === 0
              ? <NothingInRange what={`customers with “${d.event}”`} hint="Retention starts from each customer's first purchase. Pick a longer period, or another first event." /> : null)}>
              {(d) => (
                <div aria-busy={state.loading}>
                  <div className="stats">
                    <Stat label="Customers in cohorts" value={fmt.int(d.repeat.customers)} />
                    <Stat label="Came back at least once" value={fmt.int(d.repeat.repeaters)} hint={`did “${d.event}” twice or more`} />
                    <Stat label="Repeat rate" value={fmt.pct(d.repeat.rate)} tone={d.repeat.rate >= 0.3 ? 'good' : d.repeat.rate >= 0.15 ? 'warn' : 'bad'} />
                    <Stat label="Median time between" value={d.timeBetween.medianDays === null ? '–' : `${fmt.num(d.timeBetween.medianDays)} d`} />
                  </div>
                  <Card title={`Cohorts by ${d.cohort}: % who came back`}>
                    <p className="muted small">Rows: first “{d.event}” in that {d.cohort} · cohort size. Columns: {d.cohort}s later. Cells: % who did “{d.returnEvent}” again.
                      {d.asOf && <> Measured as of {fmt.date(d.asOf)}; later periods are not shown yet.</>}</p>
                    <CohortHeatmap result={d} />
                  </Card>
                  <Card title="Time between purchases"><TimeBetween t={d.timeBetween} event={d.event} /></Card>
                </div>
              )}
            </Loaded>
          )}
    </div>
  );
}
