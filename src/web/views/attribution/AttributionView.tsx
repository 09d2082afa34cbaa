import { useCallback, useState } from 'react';
import { useFilters } from '../../app/filters.tsx';
import { useApi } from '../../app/use-api.ts';
import { FilterBar } from '../../components/FilterBar.tsx';
import { Card, ErrorBox, fmt, Loaded, Loading, PageHeader, Stat } from '../../components/ui.tsx';
import { NoEvents, NothingInRange } from '../analytics-common/NoEvents.tsx';
import { useCatalog } from '../analytics-common/use-catalog.ts';
import '../analytics-common/analysis.css';
import { AttributionChart } from './AttributionChart.tsx';
import { AttributionTable } from './AttributionTable.tsx';
import type { AttributionResult } from './types.ts';

const DIMENSIONS = [{ id: 'channel', label: 'Channel' }, { id: 'touchpoint', label: 'Touchpoint' }, { id: 'campaign', label: 'Campaign' }];

export default function AttributionView() {
  const { from, to } = useFilters();
  const catalog = useCatalog();
  const [dimension, setDimension] = useState('channel');
  const [lookbackDays, setLookback] = useState(30);
  const [metric, setMetric] = useState<'conversions' | 'revenue'>('conversions');
  const state = useApi<AttributionResult>('/api/v1/query/attribution', { method: 'POST', body: { dimension, lookbackDays, from, to } });
  const tpNames = new Map(catalog.stages.flatMap((s) => s.touchpoints.map((t) => [t.id, t.name] as const)));
  const names = useCallback((k: string) => tpNames.get(k) ?? k,
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [catalog.stages]);

  return (
    <div className="attribution-view">
      <PageHeader title="Attribution" description="Which channels and touchpoints lead to purchases? Each model shares the credit for an order differently; where they agree, the answer is solid." />
      <FilterBar>
        <label><span>Credit to</span>
          <select value={dimension} onChange={(e) => setDimension(e.target.value)}>
            {DIMENSIONS.map((d) => <option key={d.id} value={d.id} disabled={d.id === 'touchpoint' && catalog.stages.length === 0}>{d.label}</option>)}
          </select>
        </label>
        <label><span>Look back</span>
          <select value={lookbackDays} onChange={(e) => setLookback(Number(e.target.value))}>
            {[7, 14, 30, 60, 90].map((d) => <option key={d} value={d}>{d} days before the order</option>)}
          </select>
        </label>
        <label><span>Measure</span>
          <select value={metric} onChange={(e) => setMetric(e.target.value as 'conversions' | 'revenue')}>
            <option value="conversions">Conversions</option><option value="revenue">Revenue</option>
          </select>
        </label>
      </FilterBar>
      {catalog.error ? <ErrorBox error={catalog.error} retry={catalog.reload} />
        : catalog.loading && catalog.events.length === 0 ? <Loading />
          : catalog.events.length === 0 ? <NoEvents /> : (
            <Loaded state={state} empty={(d) => (d.conversions === 0
              ? <NothingInRange what="purchases" hint="Attribution credits each “Order Completed” to the touches before it. Pick a longer period, or send Order Completed events." /> : null)}>
              {(d) => {
                // Every key any model credits, ordered by the average share across models.
                const score = new Map<string, number>();
                for (const m of d.models) for (const c of m.channels) score.set(c.channel, (score.get(c.channel) ?? 0) + c.share);
                const keys = [...score].sort((a, b) => b[1] - a[1]).map(([k]) => k).slice(0, 15);
                const markov = d.models.find((m) => m.markov)?.markov;
                return (
                  <div aria-busy={state.loading}>
                    <div className="stats">
                      <Stat label="Purchases" value={fmt.int(d.conversions)} />
                      <Stat label="Revenue" value={fmt.int(d.revenue)} />
                      <Stat label={`Top ${dimension} (last touch)`} value={names(d.models.find((m) => m.model === 'last_touch')?.channels[0]?.channel ?? '–')} />
                      <Stat label={`Top ${dimension} (first touch)`} value={names(d.models.find((m) => m.model === 'first_touch')?.channels[0]?.channel ?? '–')} />
                    </div>
                    <Card title={`Credited ${metric} by ${dimension}`}>
                      <AttributionChart result={d} keys={keys} metric={metric} names={names} />
                    </Card>
                    <Card title="Share of purchases by model">
                      <AttributionTable result={d} keys={keys} names={names} />
                      {markov && <p className="hint">Data-driven: a Markov chain fitted on journeys that did and did not convert; each {dimension} gets credit in proportion to its removal effect — how much the chance of a purchase falls without it. P(purchase) in the chain: {fmt.pct(markov.conversionProbability)}.</p>}
                    </Card>
                  </div>
                );
              }}
            </Loaded>
          )}
    </div>
  );
}
