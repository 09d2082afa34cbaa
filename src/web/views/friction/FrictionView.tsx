import { useState } from 'react';
import { useFilters } from '../../app/filters.tsx';
import { useApi } from '../../app/use-api.ts';
import { FilterBar } from '../../components/FilterBar.tsx';
import { Card, ErrorBox, fmt, Loaded, Loading, PageHeader, Stat } from '../../components/ui.tsx';
import { NoEvents } from '../analytics-common/NoEvents.tsx';
import { useCatalog } from '../analytics-common/use-catalog.ts';
import '../analytics-common/analysis.css';
import './friction.css';
import { DropoffRanking } from './DropoffRanking.tsx';
import { FrictionTrend } from './FrictionTrend.tsx';
import { SignalDetails } from './SignalDetails.tsx';
import { SignalTable } from './SignalTable.tsx';
import type { FrictionResult, Signal } from './types.ts';

export default function FrictionView() {
  const { from, to } = useFilters();
  const catalog = useCatalog();
  const [by, setBy] = useState<'day' | 'week'>('week');
  const [selected, setSelected] = useState('');
  const state = useApi<FrictionResult>('/api/v1/query/friction', { method: 'POST', body: { from, to } });

  return (
    <div className="friction-view">
      <PageHeader title="Friction" description="The bad moments — slow pages, errors, failed payments, slow checkouts, abandoned carts, late deliveries, returns — how many customers meet them, and whether those customers buy less." />
      <FilterBar>
        <label><span>Trend by</span>
          <select value={by} onChange={(e) => setBy(e.target.value as 'day' | 'week')}><option value="day">Day</option><option value="week">Week</option></select>
        </label>
      </FilterBar>
      {catalog.error ? <ErrorBox error={catalog.error} retry={catalog.reload} />
        : catalog.loading && catalog.events.length === 0 ? <Loading />
          : catalog.events.length === 0 ? <NoEvents /> : (
            <>
              <Loaded state={state}>
                {(d) => {
                  const present = d.signals.filter((s) => s.occurrences > 0);
                  const current = d.signals.find((s) => s.signal === selected) ?? present[0];
                  const worst = present.filter((s) => s.conversion?.lift !== null && s.conversion?.lift !== undefined)
                    .sort((a, b) => a.conversion!.lift! - b.conversion!.lift!)[0];
                  return (
                    <div aria-busy={state.loading}>
                      <div className="stats">
                        <Stat label="Active customers" value={fmt.int(d.activeCustomers)} />
                        <Stat label="Signals seen" value={`${present.length} of ${d.signals.length}`} />
                        {worst && <Stat label="Costs the most" value={worst.label} tone="bad"
                          hint={costHint(worst.conversion!)} />}
                      </div>
                      <Card title="Friction signals">
                        {present.length === 0 ? <p className="muted">No friction in this period — or no events that show it yet (Page Load with duration_ms, Error, Payment Failed, Order Delivered with promised_at…).</p>
                          : <SignalTable signals={d.signals} active={d.activeCustomers} selected={current?.signal ?? ''} onSelect={setSelected} />}
                        <p className="hint">Converted: bought within {d.signals.find((s) => s.conversion?.outcome === 'purchase')?.conversion?.window ?? '14d'} of the friction (after-purchase signals: bought again within {d.signals.find((s) => s.conversion?.outcome === 'repeat_purchase')?.conversion?.window ?? '30d'}); “without it” are customers who could have met it and did not. Differences show association, not cause: a plus usually means busier customers meet the friction more often.</p>
                      </Card>
                      <Card title={`Trend per ${by}`}><FrictionTrend signals={present} by={by} /></Card>
                      {current && <Card title={`${current.label}: details`}><SignalDetails signal={current} /></Card>}
                    </div>
                  );
                }}
              </Loaded>
              <DropoffRanking />
            </>
          )}
    </div>
  );
}

/** "−42 pts purchase rate: 32 of 55 bought within 14d, against 100 % without it". */
function costHint(c: NonNullable<Signal['conversion']>): string {
  const what = c.outcome === 'purchase' ? 'purchase' : 'repeat purchase';
  const verb = c.outcome === 'purchase' ? 'bought' : 'bought again';
  return `${(c.lift! * 100).toFixed(0)} pts ${what} rate: ${fmt.int(c.withFriction.converted)} of ${fmt.int(c.withFriction.n)} ${verb} within ${c.window}, against ${fmt.pct(c.withoutFriction.rate, 0)} without it`;
}
