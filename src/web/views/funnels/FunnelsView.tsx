import { useMemo } from 'react';
import { useSearchParams } from 'wouter';
import { useFilters } from '../../app/filters.tsx';
import { useApi } from '../../app/use-api.ts';
import { FilterBar } from '../../components/FilterBar.tsx';
import { Card, ErrorBox, Loading, PageHeader } from '../../components/ui.tsx';
import { NoEvents } from '../analytics-common/NoEvents.tsx';
import { useCatalog, type Catalog } from '../analytics-common/use-catalog.ts';
import '../analytics-common/analysis.css';
import './funnels.css';
import { decodeFunnel, DEFAULT_STEPS, emptyStep, encodeFunnel, funnelRequest, isComplete, type FunnelDef, type Step } from './definition.ts';
import { FunnelBuilder } from './FunnelBuilder.tsx';
import { FunnelResults } from './FunnelResults.tsx';
import type { FunnelResult } from './types.ts';

/** A first funnel for a new visitor: the e-commerce steps when the workspace has them, else its two most common events. */
function defaultFunnel(catalog: Catalog): FunnelDef {
  const names = catalog.events.map((e) => e.name);
  const known = DEFAULT_STEPS.filter((n) => names.includes(n));
  const steps = (known.length >= 2 ? known : names.slice(0, 2)).map((n) => emptyStep(n));
  while (steps.length < 2) steps.push(emptyStep());
  return { steps, window: '14d', order: 'ordered', breakdown: '', exclusions: [] };
}

function labelOf(catalog: Catalog) {
  return (s: Step) => s.kind === 'stage'
    ? catalog.stages.find((x) => x.id === s.value)?.name
    : catalog.stages.flatMap((x) => x.touchpoints).find((t) => t.id === s.value)?.name;
}

export default function FunnelsView() {
  const filters = useFilters();
  const catalog = useCatalog();
  const [params, setParams] = useSearchParams();
  const encoded = params.get('funnel');
  const fromUrl = useMemo(() => decodeFunnel(encoded), [encoded]);
  const ready = !catalog.loading || catalog.events.length > 0;
  const fallback = useMemo(() => (ready ? defaultFunnel(catalog) : null),
    // Only the event list decides the default funnel.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [ready, catalog.events]);
  const def = fromUrl ?? fallback;
  const body = def && isComplete(def) && (catalog.stages.length > 0 || def.steps.every((s) => s.kind === 'event'))
    ? funnelRequest(def, filters, labelOf(catalog)) : null;
  const result = useApi<FunnelResult>(body ? '/api/v1/query/funnel' : null, { method: 'POST', body });

  const run = (next: FunnelDef) => setParams((p) => { const q = new URLSearchParams(p); q.set('funnel', encodeFunnel(next)); return q; });

  return (
    <div className="funnels-view">
      <PageHeader title="Funnels" description="Where customers drop out between steps you choose, how long each step takes, and how groups compare. The funnel is kept in the address, so you can bookmark or share it." />
      <FilterBar />
      {catalog.error ? <ErrorBox error={catalog.error} retry={catalog.reload} />
        : !def ? <Loading label="Loading event names…" />
          : catalog.events.length === 0 ? <NoEvents />
            : (
              <div className="funnels-layout">
                <Card title="Steps" className="funnel-builder-card">
                  <FunnelBuilder value={def} catalog={catalog} onRun={run} />
                </Card>
                <div className="funnel-results" aria-live="polite" aria-busy={result.loading}>
                  {result.error ? <ErrorBox error={result.error} retry={result.reload} />
                    : !result.data ? (body ? <Loading label="Counting customers…" /> : null)
                      : <FunnelResults result={result.data} breakdown={def.breakdown} stale={result.loading} />}
                </div>
              </div>
            )}
    </div>
  );
}
