import { Link, useParams } from 'wouter';
import { PageHeader } from '../../components/ui.tsx';
import { InboxTab } from './InboxTab.tsx';
import { ScoresTab } from './ScoresTab.tsx';
import { SurveyBuilder } from './SurveyBuilder.tsx';
import { SurveysTab } from './SurveysTab.tsx';
import './voc.css';

const TABS = [
  { id: 'scores', label: 'Scores' },
  { id: 'inbox', label: 'Feedback inbox' },
  { id: 'surveys', label: 'Surveys' },
] as const;

/** Voice of the customer: scores with their uncertainty, what customers wrote, and the surveys that ask. */
export default function VocView() {
  const params = useParams<{ tab?: string; id?: string }>();
  const tab = TABS.some((t) => t.id === params.tab) ? params.tab! : 'scores';
  return (
    <div className="voc">
      <PageHeader title="Voice of the customer" description="How customers feel along the journey: NPS, CSAT and effort with confidence intervals, their comments, and the surveys that ask." />
      <nav className="tabs" aria-label="Voice of the customer">
        {TABS.map((t) => (
          <Link key={t.id} href={`/voc/${t.id}`} className={`tab ${tab === t.id ? "active" : ""}`} aria-current={tab === t.id ? "true" : undefined}>{t.label}</Link>
        ))}
      </nav>
      {tab === 'scores' && <ScoresTab />}
      {tab === 'inbox' && <InboxTab />}
      {tab === 'surveys' && (params.id ? <SurveyBuilder id={params.id} /> : <SurveysTab />)}
    </div>
  );
}
