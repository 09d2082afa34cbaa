import { Link } from 'wouter';
import { useSession } from '../../app/session.tsx';
import { Badge, Card, EmptyState, ErrorBox, fmt, Loading } from '../../components/ui.tsx';
import { languageName, type Survey } from './types.ts';
import { useJourneyNames } from './use-journey.ts';
import { useSurveys } from './use-surveys.ts';

const STATUS_TONE = { active: 'good', paused: 'warn', closed: undefined } as const;

/** The workspace's surveys: what each asks, in which languages, when, and its link. */
export function SurveysTab() {
  const { surveys, error, loading, reload } = useSurveys();
  const { can } = useSession();
  const names = useJourneyNames();
  const trigger = (s: Survey) => {
    const t = s.trigger;
    if (!t) return 'Link only';
    const where = t.event ? `after “${t.event}”` : `at ${names.name('touchpoint', t.touchpoint ?? null)}`;
    return `${where}${t.delayMinutes ? ` + ${fmt.duration((t.delayMinutes ?? 0) * 60)}` : ''} · ${t.samplePercent ?? 100} % sampled`;
  };
  const responses = (s: Survey) => {
    const c = s.responseCount;
    if (!c) return '–';
    if (c.total === 0) return <span className="muted">none yet</span>;
    const partial = c.total - c.complete;
    return (
      <>
        <Link href={`/voc/inbox?surveyId=${encodeURIComponent(s.id)}`} aria-label={`${fmt.int(c.total)} responses to ${s.name}: read the comments`}>{fmt.int(c.total)}</Link>
        <div className="muted small">{partial > 0 ? `${fmt.int(partial)} partial · ` : ''}last {fmt.date(c.lastAt)}</div>
      </>
    );
  };
  if (error) return <ErrorBox error={error} retry={reload} />;
  if (loading && !surveys.length) return <Loading />;
  const create = can('analyst') && <Link className="btn primary" href="/voc/surveys/new">New survey</Link>;
  if (!surveys.length) {
    return <EmptyState title="No surveys yet" action={create}>A survey asks NPS, CSAT, effort or your own questions in any language, after an event or at a touchpoint, or through a link you share.</EmptyState>;
  }
  return (
    <Card title={`${surveys.length} surveys`} actions={create}>
      <div className="table-wrap">
        <table>
          <thead><tr><th scope="col">Survey</th><th scope="col">Status</th><th scope="col" className="num">Responses</th><th scope="col">Questions</th><th scope="col">Languages</th><th scope="col">Asked</th><th scope="col">Link</th></tr></thead>
          <tbody>
            {surveys.map((s) => (
              <tr key={s.id}>
                <th scope="row"><Link href={`/voc/surveys/${s.id}`}>{s.name}</Link></th>
                <td><Badge tone={STATUS_TONE[s.status]}>{s.status}</Badge></td>
                <td className="num">{responses(s)}</td>
                <td>{s.questions.map((q) => q.type.toUpperCase()).join(' · ')}</td>
                <td title={s.languages.map(languageName).join(', ')}>{s.languages.join(' ')}</td>
                <td>{trigger(s)}</td>
                <td><a href={`/s/${s.id}`} target="_blank" rel="noreferrer">/s/{s.id}</a></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
