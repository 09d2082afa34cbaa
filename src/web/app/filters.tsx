import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';

/** The date range and persona every analytics view shares (kept while moving between views). */
export interface Filters {
  preset: string;
  from: string;
  to: string;
  persona: string;
  set(next: Partial<Pick<Filters, 'preset' | 'from' | 'to' | 'persona'>>): void;
}

export const PRESETS: { id: string; label: string; days: number | null }[] = [
  { id: '7d', label: 'Last 7 days', days: 7 },
  { id: '30d', label: 'Last 30 days', days: 30 },
  { id: '90d', label: 'Last 90 days', days: 90 },
  { id: '180d', label: 'Last 180 days', days: 180 },
  { id: 'all', label: 'All time', days: null },
];

export function rangeOf(preset: string, now = new Date()): { from: string; to: string } {
  const p = PRESETS.find((x) => x.id === preset);
  const to = new Date(now.getTime() + 60_000);
  if (!p || p.days === null) return { from: '2000-01-01T00:00:00.000Z', to: to.toISOString() };
  return { from: new Date(now.getTime() - p.days * 86_400_000).toISOString(), to: to.toISOString() };
}

const FiltersContext = createContext<Filters | null>(null);

export function FiltersProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState(() => ({ preset: '180d', persona: '', ...rangeOf('180d') }));
  const value = useMemo<Filters>(() => ({
    ...state,
    set(next) {
      setState((s) => {
        const merged = { ...s, ...next };
        if (next.preset && next.preset !== 'custom') Object.assign(merged, rangeOf(next.preset));
        return merged;
      });
    },
  }), [state]);
  return <FiltersContext.Provider value={value}>{children}</FiltersContext.Provider>;
}

export function useFilters(): Filters {
  const f = useContext(FiltersContext);
  if (!f) throw new Error('useFilters outside FiltersProvider');
  return f;
}
