import { useApi } from '../../app/use-api.ts';
import { fmt, Loaded } from '../../components/ui.tsx';

interface Paths { customers: number; nodes: { id: string; name: string; step: number; value: number; exits?: number }[]; links: { source: string; target: string; value: number }[] }

interface Props {
  journey: string; touchpointId: string; range: { from: string; to: string }; names: Map<string, string>;
  /** The map's persona filter (its id): the paths follow only its customers; null: everyone. */
  persona: string | null;
}

/** The most common next touchpoints after this one (first and second step), from the paths query. */
export function TouchpointPaths({ journey, touchpointId, range, names, persona }: Props) {
  const paths = useApi<Paths>('/api/v1/query/paths', { method: 'POST',
    body: { journey, start: { touchpoint: touchpointId }, depth: 3, ...range, ...(persona ? { persona } : {}) } });
  const label = (n: string) => names.get(n) ?? n;
  return (
    <Loaded state={paths} empty={(p) => (p.links.length === 0 ? <p className="muted small">No paths from here in this range.</p> : null)}>
      {(p) => {
        const byId = new Map(p.nodes.map((n) => [n.id, n]));
        const start = p.nodes.find((n) => n.step === 0);
        const firstLinks = p.links.filter((l) => byId.get(l.source)?.step === 0).sort((a, b) => b.value - a.value).slice(0, 5);
        return (
          <ol className="jm-paths small">
            {firstLinks.map((l) => {
              const then = p.links.filter((x) => x.source === l.target).sort((a, b) => b.value - a.value)[0];
              return (
                <li key={l.target}>
                  <strong>{fmt.pct(l.value / Math.max(1, start?.value ?? p.customers), 0)}</strong> → {label(byId.get(l.target)?.name ?? l.target)}
                  {then && <span className="muted"> → {label(byId.get(then.target)?.name ?? then.target)} ({fmt.int(then.value)})</span>}
                </li>
              );
            })}
            {start?.exits ? <li><strong>{fmt.pct(start.exits / Math.max(1, start.value), 0)}</strong> → <span className="muted">no further touchpoint</span></li> : null}
          </ol>
        );
      }}
    </Loaded>
  );
}
