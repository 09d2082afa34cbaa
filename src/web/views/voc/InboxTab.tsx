import { useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'wouter';
import { useFilters } from '../../app/filters.tsx';
import { useApi } from '../../app/use-api.ts';
import { FilterBar } from '../../components/FilterBar.tsx';
import { EmptyState, ErrorBox, Loading } from '../../components/ui.tsx';
import { FeedbackCard } from './FeedbackCard.tsx';
import { languageName, THEME_OPTIONS, type FeedbackPage } from './types.ts';
import { useJourneyNames } from './use-journey.ts';
import { useSurveys } from './use-surveys.ts';

const PAGE = 20;
const BANDS = [
  { id: 'detractor', label: 'NPS detractors (0–6)' }, { id: 'passive', label: 'NPS passives (7–8)' }, { id: 'promoter', label: 'NPS promoters (9–10)' },
  { id: 'dissatisfied', label: 'CSAT 1–3' }, { id: 'satisfied', label: 'CSAT 4–5' },
];
interface InboxFilters { surveyId: string; language: string; sentiment: string; theme: string; touchpoint: string; band: string; q: string }
const NONE: InboxFilters = { surveyId: '', language: '', sentiment: '', theme: '', touchpoint: '', band: '', q: '' };
const KEYS = Object.keys(NONE) as (keyof InboxFilters)[];

/** What customers wrote, newest first, with the language, sentiment and themes the text analysis found. */
export function InboxTab() {
  const f = useFilters();
  // Filters and page live in the address, so a filtered inbox can be bookmarked, shared and survives a reload.
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => Object.fromEntries(KEYS.map((k) => [k, params.get(k) ?? ''])) as unknown as InboxFilters, [params]);
  const offset = Math.max(0, (Number(params.get('page')) || 1) - 1) * PAGE;
  const [search, setSearch] = useState(filters.q);
  const update = (patch: Partial<InboxFilters>, page = 1) => setParams((p) => {
    const q = new URLSearchParams(p);
    for (const [k, v] of Object.entries(patch)) { if (v) q.set(k, v); else q.delete(k); }
    if (page > 1) q.set('page', String(page)); else q.delete('page');
    return q;
  }, { replace: true });
  const setFilters = (next: InboxFilters) => update(next);
  const setOffset = (o: number) => update({}, Math.floor(o / PAGE) + 1);
  const { surveys } = useSurveys();
  const names = useJourneyNames();
  // Typing waits a moment before asking the server.
  useEffect(() => {
    const t = setTimeout(() => { if (filters.q !== search.trim()) update({ q: search.trim() }); }, 300);
    return () => clearTimeout(t);
    // Only typing starts the wait; `update` reads the latest address when it runs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search]);
  // Back/forward or "Clear filters" change the address: the search box follows.
  useEffect(() => { setSearch((s) => (s.trim() === filters.q ? s : filters.q)); }, [filters.q]);
  // A new period starts again at the newest comments (but a reload keeps the page from the address).
  const period = useRef(`${f.from}|${f.to}`);
  useEffect(() => {
    if (period.current === `${f.from}|${f.to}`) return;
    period.current = `${f.from}|${f.to}`;
    if (offset > 0) setOffset(0);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [f.from, f.to]);
  const query = { ...filters, from: f.from, to: f.to, limit: PAGE, offset };
  const state = useApi<FeedbackPage>('/api/v1/feedback', { query });
  // The count line speaks for the filters on screen only once their answer is in (not the previous one's).
  const queryKey = JSON.stringify(query);
  // Noted while rendering (React's "information from previous renders"), so no frame shows the old count as the new one.
  const [answered, setAnswered] = useState<{ data?: FeedbackPage; key: string | null }>({ key: null });
  if (state.data !== answered.data) setAnswered({ data: state.data, key: queryKey });
  const fresh = answered.key === queryKey && !state.loading;
  const set = (k: keyof InboxFilters) => (e: { target: { value: string } }) => update({ [k]: e.target.value });
  const facets = state.data?.facets;
  const surveyName = new Map(surveys.map((s) => [s.id, s.name]));
  const active = Object.values(filters).some(Boolean);

  return (
    <>
      <FilterBar>
        <label><span>Survey</span>
          <select value={filters.surveyId} onChange={set('surveyId')}>
            <option value="">All surveys</option>
            {surveys.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        </label>
        <label><span>Sentiment</span>
          <select value={filters.sentiment} onChange={set('sentiment')}>
            <option value="">Any sentiment</option>
            <option value="negative">Negative</option><option value="neutral">Neutral</option><option value="positive">Positive</option>
          </select>
        </label>
        <label><span>Theme</span>
          <select value={filters.theme} onChange={set('theme')}>
            <option value="">Any theme</option>
            {THEME_OPTIONS.map((t) => <option key={t.id} value={t.id}>{t.label}</option>)}
          </select>
        </label>
        <label><span>Score</span>
          <select value={filters.band} onChange={set('band')}>
            <option value="">Any score</option>
            {BANDS.map((b) => <option key={b.id} value={b.id}>{b.label}</option>)}
          </select>
        </label>
        <label><span>Language</span>
          <select value={filters.language} onChange={set('language')}>
            <option value="">Any language</option>
            {(facets?.languages ?? []).map((l) => <option key={l.value} value={l.value}>{languageName(l.value)} ({l.n})</option>)}
          </select>
        </label>
        <label><span>Touchpoint</span>
          <select value={filters.touchpoint} onChange={set('touchpoint')}>
            <option value="">Any touchpoint</option>
            {(facets?.touchpoints ?? []).map((t) => <option key={t.value} value={t.value}>{names.name('touchpoint', t.value)} ({t.n})</option>)}
          </select>
        </label>
        <label className="search-field"><span>Search comments</span>
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="e.g. late, refund, 太慢" />
        </label>
        {active && <button type="button" className="btn small ghost" onClick={() => { setFilters(NONE); setSearch(''); }}>Clear filters</button>}
      </FilterBar>
      {state.error ? <ErrorBox error={state.error} retry={state.reload} /> : !state.data ? <Loading /> : state.data.total === 0 ? (
        active ? <EmptyState title="No comments match these filters">Clear a filter or pick a longer period.</EmptyState>
          : <EmptyState title="No comments yet">Comments appear here when customers answer a survey with a text question. Add a “Why?” question to a survey in the Surveys tab.</EmptyState>
      ) : (
        <section aria-label="Feedback" aria-busy={!fresh} className={fresh ? '' : 'stale'}>
          <p className="muted small" role="status">{fresh
            ? <>{state.data.total.toLocaleString('en-US')} comments{active ? ' match' : ''} · showing {offset + 1}–{Math.min(offset + PAGE, state.data.total)}</>
            : 'Updating…'}</p>
          <ul className="feedback-list">
            {state.data.responses.map((r) => (
              <FeedbackCard key={r.responseId} item={r} surveyName={surveyName.get(r.surveyId)} touchpointName={names.name('touchpoint', r.touchpoint)} />
            ))}
          </ul>
          <nav className="pager" aria-label="Pages">
            <button type="button" className="btn small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>← Newer</button>
            <span className="muted small">Page {Math.floor(offset / PAGE) + 1} of {Math.max(1, Math.ceil(state.data.total / PAGE))}</span>
            <button type="button" className="btn small" disabled={offset + PAGE >= state.data.total} onClick={() => setOffset(offset + PAGE)}>Older →</button>
          </nav>
        </section>
      )}
    </>
  );
}
