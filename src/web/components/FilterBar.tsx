import type { ReactNode } from 'react';
import { PRESETS, useFilters } from '../app/filters.tsx';

/** Date range (and persona, where the view supports it) shared by the analytics views. */
export function FilterBar({ personas, children }: { personas?: string[]; children?: ReactNode }) {
  const f = useFilters();
  return (
    <div className="filter-bar" role="group" aria-label="Filters">
      <label>
        <span>Period</span>
        <select value={f.preset} onChange={(e) => f.set({ preset: e.target.value })}>
          {PRESETS.map((p) => <option key={p.id} value={p.id}>{p.label}</option>)}
        </select>
      </label>
      {personas && personas.length > 0 && (
        <label>
          <span>Persona</span>
          <select value={f.persona} onChange={(e) => f.set({ persona: e.target.value })}>
            <option value="">All personas</option>
            {personas.map((p) => <option key={p} value={p}>{p}</option>)}
          </select>
        </label>
      )}
      {children}
    </div>
  );
}
