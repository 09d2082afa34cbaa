import { useEffect } from 'react';
import { useApi } from '../../../app/use-api.ts';
import { Badge, fmt, Loaded } from '../../../components/ui.tsx';

/** Every saved version, newest first; the latest is the one the map and analytics use. */
export function VersionHistory({ journeyId, tick }: { journeyId: string; tick: number }) {
  const versions = useApi<{ versions: { version: number; createdAt: string }[] }>(`/api/v1/journeys/${encodeURIComponent(journeyId)}/versions`);
  const { reload } = versions;
  useEffect(() => { if (tick > 0) reload(); }, [tick, reload]);
  return (
    <section className="card" aria-label="Version history">
      <h2>Version history</h2>
      <Loaded state={versions}>{(d) => {
        const list = [...d.versions].sort((a, b) => b.version - a.version);
        return (
          <ol className="jm-versions">
            {list.map((v, i) => (
              <li key={v.version}>
                <strong>Version {v.version}</strong> <span className="muted small">{fmt.dateTime(v.createdAt)}</span>{' '}
                {i === 0 && <Badge tone="good">● Live</Badge>}
              </li>
            ))}
          </ol>
        );
      }}</Loaded>
    </section>
  );
}
