import { useState, type RefObject } from 'react';
import { Link } from 'wouter';
import { useFilters } from '../../app/filters.tsx';
import { useApi } from '../../app/use-api.ts';
import { Card, EmptyState, ErrorBox, Loading } from '../../components/ui.tsx';
import { DrillPanel } from './DrillPanel.tsx';
import { EmotionCurve } from './EmotionCurve.tsx';
import { MapGrid } from './MapGrid.tsx';
import { MapSummary } from './MapSummary.tsx';
import type { JourneyMap } from './types.ts';

interface Props { journeyId: string; persona: string; personaName?: string; exportRef: RefObject<HTMLDivElement | null> }

/** The map for the shared date range and persona: summary, stages × channels, emotion curve, drill-in. */
export function MapBody({ journeyId, persona, personaName, exportRef }: Props) {
  const f = useFilters();
  const [selected, setSelected] = useState<string | null>(null);
  const range = { from: f.from, to: f.to };
  // Closing the details returns focus to the card that opened them (keyboard users keep their place).
  const close = (id: string) => {
    setSelected(null);
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-touchpoint="${CSS.escape(id)}"]`)?.focus());
  };
  const map = useApi<JourneyMap>(`/api/v1/journeys/${encodeURIComponent(journeyId)}/map`, { query: { ...range, persona } });

  if (map.error) return <ErrorBox error={map.error} retry={map.reload} />;
  if (!map.data) return <Loading label="Measuring the journey…" />;
  const m = map.data;
  if (m.totals.events === 0) {
    return (
      <EmptyState title="No data in this period"
        action={<div className="page-actions">
          {f.preset !== 'all' && <button type="button" className="btn primary" onClick={() => f.set({ preset: 'all' })}>Show all time</button>}
          <Link href="/settings/sdk" className="btn">Get the SDK snippet</Link>
        </div>}>
        {persona ? 'No customers of this persona had events in this period. ' : 'No events arrived in this period. '}
        Widen the range, or send events from your site or app with the SDK snippet in Settings.
      </EmptyState>
    );
  }
  return (
    // data-ready marks the moment the map shows numbers (bench/dashboard measures it).
    <div className={`jm-body ${selected ? 'with-drill' : ''}`} aria-busy={map.loading} data-ready={map.loading ? undefined : 'journey-map'}>
      <div className="jm-main">
        <div ref={exportRef} className="jm-export">
          <MapSummary map={m} onSelect={setSelected} />
          <div className="jm-scroll"><MapGrid map={m} selected={selected} onSelect={setSelected} /></div>
          <Card title="Expected vs measured emotion"><EmotionCurve map={m} /></Card>
        </div>
      </div>
      {selected && <DrillPanel key={selected} map={m} touchpointId={selected} range={range}
        persona={persona ? { id: persona, name: personaName ?? persona } : null} onClose={() => close(selected)} />}
    </div>
  );
}
