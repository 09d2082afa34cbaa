import { useApi } from '../../app/use-api.ts';
import { Badge, Card, EmptyState, Loaded } from '../../components/ui.tsx';
import { Forest } from './Forest.tsx';
import { fmtScore } from './format.ts';
import type { ThemeImpact } from './types.ts';

/** Which comment themes come with lower (or higher) NPS: the "why" behind the score. */
export function ThemeImpactCard({ query }: { query: Record<string, string | undefined> }) {
  const state = useApi<ThemeImpact>('/api/v1/feedback/themes', { query });
  return (
    <Card title="What drives NPS: themes in comments">
      <p className="muted small">NPS of customers whose comment mentions a theme, against everyone else. Costliest themes first.</p>
      <Loaded state={state} empty={(d) => (d.themes.length ? null : <EmptyState title="No comments with themes yet">Themes appear once customers write comments in an NPS survey.</EmptyState>)}>
        {(d) => (
          <Forest kind="nps" overall={d.overall.score} groupLabel="Theme" extraLabel="vs everyone else"
            rows={d.themes.map((t) => ({
              key: t.theme, label: t.label, n: t.mentioning.n, score: t.mentioning.score, ci: t.mentioning.ci,
              extra: (
                <span className="theme-diff">
                  <Badge tone={t.difference === null ? undefined : t.difference < -10 ? 'bad' : t.difference > 10 ? 'good' : undefined}>
                    {t.difference === null ? '–' : `${t.difference > 0 ? '+' : t.difference < 0 ? '−' : ''}${Math.abs(Math.round(t.difference))} pts`}
                  </Badge>
                  <span className="muted small"> others {fmtScore('nps', t.others.score)} · {Math.round(t.negativeShare * 100)} % negative</span>
                </span>
              ),
            }))} />
        )}
      </Loaded>
    </Card>
  );
}
