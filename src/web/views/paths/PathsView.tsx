import { useCallback, useEffect, useState } from 'react';
import { usePhone } from '../analytics-common/use-phone.ts';
import { useFilters } from '../../app/filters.tsx';
import { useApi } from '../../app/use-api.ts';
import { FilterBar } from '../../components/FilterBar.tsx';
import { Card, ErrorBox, fmt, Loaded, Loading, PageHeader } from '../../components/ui.tsx';
import { NoEvents, NothingInRange } from '../analytics-common/NoEvents.tsx';
import { useCatalog } from '../analytics-common/use-catalog.ts';
import '../analytics-common/analysis.css';
import './paths.css';
import { PathsSankey } from './PathsSankey.tsx';
import { TopPaths } from './TopPaths.tsx';
import type { PathsResult } from './types.ts';

/** Technical events that would crowd every path (a page load follows each page view). */
const NOISE = ['Page Load', 'Error'];

export default function PathsView() {
  const { from, to } = useFilters();
  const catalog = useCatalog();
  const phone = usePhone();
  const [direction, setDirection] = useState<'start' | 'end'>('start');
  const [kind, setKind] = useState<'event' | 'touchpoint'>('event');
  const [anchor, setAnchor] = useState('');
  const [depth, setDepth] = useState(4);
  const [hideNoise, setHideNoise] = useState(true);
  // First visit: start from a product view when the workspace has them, else from its most common event.
  useEffect(() => {
    if (anchor || catalog.events.length === 0) return;
    setAnchor(catalog.events.find((e) => e.name === 'Product Viewed')?.name ?? catalog.events[0].name);
  }, [catalog.events, anchor]);
  const exclude = hideNoise ? NOISE : [];
  // Touchpoint paths name their nodes by touchpoint id; show the journey's names.
  const stages = catalog.stages;
  const touchpointName = useCallback((id: string) => stages.flatMap((s) => s.touchpoints).find((t) => t.id === id)?.name ?? id, [stages]);
  const body = anchor ? { [direction]: { [kind]: anchor }, depth, from, to, exclude, limit: phone ? 30 : 60 } : null;
  const paths = useApi<PathsResult>(body ? '/api/v1/query/paths' : null, { method: 'POST', body });

  return (
    <div className="paths-view">
      <PageHeader title="Paths" description="What customers do before or after a moment you pick, step by step — and the most common routes to buying or leaving." />
      <FilterBar />
      {catalog.error ? <ErrorBox error={catalog.error} retry={catalog.reload} />
        : catalog.loading && catalog.events.length === 0 ? <Loading label="Loading event names…" />
          : catalog.events.length === 0 ? <NoEvents /> : (
            <>
              <Card title="Flow">
                <form className="analysis-form" onSubmit={(e) => e.preventDefault()} aria-label="Path settings">
                  <label className="field"><span>Show paths</span>
                    <select value={direction} onChange={(e) => setDirection(e.target.value as 'start' | 'end')}>
                      <option value="start">starting at</option><option value="end">leading to</option>
                    </select>
                  </label>
                  <label className="field"><span>Anchor type</span>
                    <select value={kind} onChange={(e) => { setKind(e.target.value as 'event' | 'touchpoint'); setAnchor(''); }}>
                      <option value="event">Event</option>
                      <option value="touchpoint" disabled={catalog.stages.length === 0}>Touchpoint</option>
                    </select>
                  </label>
                  <label className="field"><span>Anchor {kind}</span>
                    <select value={anchor} onChange={(e) => setAnchor(e.target.value)}>
                      <option value="">Choose…</option>
                      {kind === 'event' ? catalog.events.map((e) => <option key={e.name} value={e.name}>{e.name}</option>)
                        : catalog.stages.map((s) => (
                          <optgroup key={s.id} label={s.name}>{s.touchpoints.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}</optgroup>
                        ))}
                    </select>
                  </label>
                  <label className="field"><span>Steps</span>
                    <select value={depth} onChange={(e) => setDepth(Number(e.target.value))}>
                      {[2, 3, 4, 5, 6, 7, 8].map((n) => <option key={n} value={n}>{n}</option>)}
                    </select>
                  </label>
                  <label className="check"><input type="checkbox" checked={hideNoise} onChange={(e) => setHideNoise(e.target.checked)} /> Leave out page loads and errors</label>
                </form>
                <div aria-live="polite" aria-busy={paths.loading}>
                  {!body ? <p className="muted">Choose where the paths start or end.</p> : (
                    <Loaded state={paths} empty={(d) => (d.customers === 0 ? <NothingInRange what={`paths through “${anchor}”`} /> : null)}>
                      {(d) => (
                        <>
                          <p className="muted small">{fmt.int(d.customers)} customers; repeated events in a row count once. Hover a band for its number.</p>
                          <PathsSankey result={d} phone={phone} names={kind === 'touchpoint' ? touchpointName : undefined} />
                        </>
                      )}
                    </Loaded>
                  )}
                </div>
              </Card>
              <div className="grid cols-2">
                <TopPaths outcome="purchase" exclude={exclude} />
                <TopPaths outcome="abandonment" exclude={exclude} />
              </div>
            </>
          )}
    </div>
  );
}
