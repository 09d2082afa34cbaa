import { useCallback, useRef, useState } from 'react';
import { useLocation, useParams } from 'wouter';
import { useFilters } from '../../app/filters.tsx';
import { useSession } from '../../app/session.tsx';
import { useApi } from '../../app/use-api.ts';
import { FilterBar } from '../../components/FilterBar.tsx';
import { ErrorBox, Loading, PageHeader } from '../../components/ui.tsx';
import { JourneyEditor } from './editor/JourneyEditor.tsx';
import { MapBody } from './MapBody.tsx';
import { TemplatePicker } from './TemplatePicker.tsx';
import type { JourneySummary, StoredJourney } from './types.ts';
import './journey-map.css';

/** The living journey map: stages × channels with live numbers, emotion curve, drill-in, editor and export. */
export default function JourneyMapView() {
  const params = useParams<{ journeyId?: string }>();
  const [, navigate] = useLocation();
  const session = useSession();
  const f = useFilters();
  const list = useApi<{ journeys: JourneySummary[] }>('/api/v1/journeys');
  const journeyId = params.journeyId ?? list.data?.journeys[0]?.id ?? null;
  const stored = useApi<StoredJourney>(journeyId ? `/api/v1/journeys/${encodeURIComponent(journeyId)}` : null);
  const [editing, setEditing] = useState(false);
  // Bumped after a save so the map re-measures against the new latest version.
  const [saves, setSaves] = useState(0);
  const exportRef = useRef<HTMLDivElement>(null);
  const [exporting, setExporting] = useState<string | null>(null);
  const [exportError, setExportError] = useState<Error | null>(null);

  const personas = stored.data?.journey.personas ?? [];
  // A persona chosen on another journey is not one of this journey's: show everyone instead of an error.
  const persona = personas.some((p) => p.id === f.persona) ? f.persona : '';

  const doExport = useCallback(async (kind: 'png' | 'pdf') => {
    if (!stored.data) return;
    if (!exportRef.current) { setExportError(new Error('Nothing to export yet: the map has no data in this period.')); return; }
    setExporting(kind);
    setExportError(null);
    try {
      const m = await import('./export-map.ts');
      const name = `journey-map-${stored.data.id}-v${stored.data.version}`;
      if (kind === 'png') await m.exportPng(exportRef.current, name);
      else await m.exportPdf(exportRef.current, name, `${stored.data.journey.name} (version ${stored.data.version})`);
    } catch (e) { setExportError(e as Error); } finally { setExporting(null); }
  }, [stored.data]);

  if (list.error) return <ErrorBox error={list.error} retry={list.reload} />;
  if (!list.data) return <Loading />;
  if (list.data.journeys.length === 0) {
    return (<><PageHeader title="Journey map" description="Where customers come from, where they leave, and how they feel." />
      <TemplatePicker onApplied={list.reload} /></>);
  }

  const journeys = list.data.journeys;
  const actions = (
    <>
      {journeys.length > 1 && (
        <label className="jm-journey-select"><span className="sr-only">Journey</span>
          <select value={journeyId ?? ''} onChange={(e) => { setEditing(false); navigate(`/map/${encodeURIComponent(e.target.value)}`); }}>
            {journeys.map((j) => <option key={j.id} value={j.id}>{j.name}</option>)}
          </select>
        </label>
      )}
      {!editing && <button type="button" className="btn" disabled={exporting !== null || !stored.data} onClick={() => void doExport('png')}>{exporting === 'png' ? 'Exporting…' : 'Export PNG'}</button>}
      {!editing && <button type="button" className="btn" disabled={exporting !== null || !stored.data} onClick={() => void doExport('pdf')}>{exporting === 'pdf' ? 'Exporting…' : 'Export PDF'}</button>}
      {session.can('analyst') && (
        <button type="button" className={`btn ${editing ? '' : 'primary'}`} onClick={() => setEditing(!editing)} aria-pressed={editing}>
          {editing ? 'Back to the map' : 'Edit journey'}
        </button>
      )}
    </>
  );

  return (
    <div className="jm">
      <PageHeader
        title={stored.data ? stored.data.journey.name : 'Journey map'}
        description={stored.data ? <>Version {stored.data.version} · where customers come from, where they leave, and how they feel.</> : undefined}
        actions={actions} />
      {exportError && <ErrorBox error={exportError} />}
      {stored.error && <ErrorBox error={stored.error} retry={stored.reload} />}
      {editing && stored.data ? (
        <JourneyEditor stored={stored.data} onSaved={() => { stored.reload(); list.reload(); setSaves((n) => n + 1); }} />
      ) : (
        <>
          <FilterBar>
            {personas.length > 0 && (
              <label>
                <span>Persona</span>
                <select value={persona} onChange={(e) => f.set({ persona: e.target.value })}>
                  <option value="">All personas</option>
                  {personas.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
                </select>
              </label>
            )}
          </FilterBar>
          {journeyId && <MapBody key={`${journeyId}:${saves}`} journeyId={journeyId} persona={persona}
            personaName={personas.find((p) => p.id === persona)?.name} exportRef={exportRef} />}
        </>
      )}
    </div>
  );
}
