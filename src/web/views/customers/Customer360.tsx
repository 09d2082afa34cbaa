import { Link } from 'wouter';
import { useApi } from '../../app/use-api.ts';
import { Badge, Card, ErrorBox, Loading, PageHeader, Stat, fmt } from '../../components/ui.tsx';
import { reasonText, riskTone } from '../at-risk/reasons.ts';
import { usePrimaryStages } from '../at-risk/use-primary-stages.ts';
import { ChannelIcon, CHANNEL_LABEL } from './ChannelIcon.tsx';
import { displayName, IDENTITY_LABEL, type Profile } from './customer-model.ts';
import { CustomerCases, CustomerResponses } from './CustomerActivity.tsx';
import { StageHistory } from './StageHistory.tsx';
import { Timeline } from './Timeline.tsx';

/** Everything about one customer on one page: who, where in the journey, how they feel, what we did. */
export function Customer360({ id }: { id: string }) {
  const state = useApi<Profile>(`/api/v1/customers/${encodeURIComponent(id)}`);
  const stages = usePrimaryStages();
  if (state.error) return <><Back /><ErrorBox error={state.error} retry={state.reload} /></>;
  if (!state.data) return <Loading />;
  const p = state.data;
  const traits = Object.entries(p.traits ?? {});
  return (
    <>
      <Back />
      <PageHeader title={displayName(p.identities, p.id)} description={<>Customer <code>{p.id}</code>{p.persona && <> · persona <strong>{p.persona}</strong></>}</>} />
      <div className="stats">
        <Stat label="Current stage" value={p.currentStage?.stageName ?? '–'} hint={p.currentStage ? `since ${fmt.date(p.currentStage.since)}` : 'no journey stage reached'} />
        <Stat label="First seen" value={fmt.date(p.firstSeen)} />
        <Stat label="Last seen" value={fmt.date(p.lastSeen)} />
        <Stat label="Events" value={fmt.int(p.eventCount)} hint={p.channels.map((c) => `${CHANNEL_LABEL[c.channel] ?? c.channel} ${c.events}`).join(' · ')} />
        <Stat label="Churn risk" value={p.churnRisk ? fmt.pct(p.churnRisk.risk, 0) : '–'} tone={p.churnRisk ? riskTone(p.churnRisk.risk) : undefined}
          hint={p.churnRisk ? undefined : 'no model scored yet'} />
      </div>
      <div className="c360">
        <div className="c360-side">
          <Card title="Identities">
            <ul className="plain">{p.identities.map((i) => (
              <li key={`${i.type}:${i.value}`}><span className="muted small">{IDENTITY_LABEL[i.type] ?? i.type}</span><div className="ident">{i.value}</div>
                {i.firstSeen && <div className="muted small">first seen {fmt.dateTime(i.firstSeen)}</div>}</li>))}
            </ul>
          </Card>
          <Card title="Profile (traits)">
            {traits.length === 0 ? <p className="muted">No traits yet: they come from `identify` calls.</p> : (
              <dl className="kv">{traits.map(([k, v]) => <div key={k}><dt>{k}</dt><dd>{typeof v === 'object' ? JSON.stringify(v) : String(v)}</dd></div>)}</dl>
            )}
          </Card>
          {p.churnRisk && (
            <Card title={<>Churn risk <Badge tone={riskTone(p.churnRisk.risk)}>{fmt.pct(p.churnRisk.risk, 0)}</Badge></>}>
              <ul className="reasons">{p.churnRisk.reasons.map((r) => <li key={r.feature}>{reasonText(r, stages)}</li>)}</ul>
              <p className="muted small">The factors pushing this customer's risk up most. <Link href="/at-risk">All at-risk customers</Link></p>
            </Card>
          )}
          <Card title="Stage history"><StageHistory entries={p.stageHistory} channels={p.channels.map((c) => c.channel)} /></Card>
          <Card title="Survey responses"><CustomerResponses id={p.id} /></Card>
          <Card title="Cases"><CustomerCases id={p.id} /></Card>
        </div>
        <Card title="Timeline across channels" className="c360-timeline">
          <div className="channel-legend">{p.channels.map((c) => <span key={c.channel}><ChannelIcon channel={c.channel} /> {CHANNEL_LABEL[c.channel] ?? c.channel} ({c.events})</span>)}</div>
          <Timeline id={p.id} />
        </Card>
      </div>
    </>
  );
}

function Back() {
  return <p className="back"><Link href="/customers">← Find a customer</Link></p>;
}
