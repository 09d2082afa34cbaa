import { useState } from 'react';
import { useLocation } from 'wouter';
import { api } from '../../app/api.ts';
import { useSession } from '../../app/session.tsx';
import { useApi } from '../../app/use-api.ts';
import { EmptyState, ErrorBox, Loaded } from '../../components/ui.tsx';

interface Template { id: string; name: string; description: string; stages: { id: string; name: string }[] }

/** No journey yet: start from a template (saved as version 1 of a journey with the template's id). */
export function TemplatePicker({ onApplied }: { onApplied(): void }) {
  const templates = useApi<{ templates: Template[] }>('/api/v1/journey-templates');
  const session = useSession();
  const [, navigate] = useLocation();
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const apply = async (id: string) => {
    setBusy(id);
    setError(null);
    try {
      const definition = await api<{ id: string }>(`/api/v1/journey-templates/${encodeURIComponent(id)}`);
      await api(`/api/v1/journeys/${encodeURIComponent(definition.id)}`, { method: 'PUT', body: definition });
      onApplied();
      navigate(`/map/${encodeURIComponent(definition.id)}`);
    } catch (e) { setError(e as Error); } finally { setBusy(null); }
  };
  return (
    <div className="jm-templates">
      <EmptyState title="No journey yet">
        A journey names your stages and the touchpoints (events) in each.{' '}
        {session.can('analyst') ? 'Start from a template below, then edit it to fit.' : 'Ask an analyst or admin to start one from a template below.'}
      </EmptyState>
      {error && <ErrorBox error={error} />}
      <Loaded state={templates}>{(d) => (
        <div className="grid cols-2">
          {d.templates.map((t) => (
            <section key={t.id} className="card">
              <h2>{t.name}</h2>
              <p className="muted small">{t.description}</p>
              <p className="small">{t.stages.map((s) => s.name).join(' → ')}</p>
              {session.can('analyst') && (
                <button type="button" className="btn primary" disabled={busy !== null} onClick={() => void apply(t.id)}>
                  {busy === t.id ? 'Applying…' : 'Use this template'}<span className="sr-only"> {t.name}</span>
                </button>
              )}
            </section>
          ))}
        </div>
      )}</Loaded>
    </div>
  );
}
