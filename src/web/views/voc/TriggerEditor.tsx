import { useApi } from '../../app/use-api.ts';
import type { Trigger } from './types.ts';
import { useJourneyNames } from './use-journey.ts';

type Kind = 'none' | 'event' | 'touchpoint';

/** When the survey is asked: after an event or at a journey touchpoint, after a delay, to a sample, not too often. */
export function TriggerEditor({ trigger, onChange }: { trigger: Trigger | undefined; onChange(t: Trigger | undefined): void }) {
  const kind: Kind = trigger?.event !== undefined ? 'event' : trigger?.touchpoint !== undefined ? 'touchpoint' : 'none';
  const events = useApi<{ events: { name: string; customers: number }[] }>(kind === 'event' ? '/api/v1/events/names' : null);
  const journey = useJourneyNames();
  const setKind = (k: Kind) => {
    const rest = { delayMinutes: trigger?.delayMinutes ?? 60, samplePercent: trigger?.samplePercent ?? 100, recontactDays: trigger?.recontactDays ?? 30 };
    onChange(k === 'none' ? undefined : k === 'event' ? { ...rest, event: '' } : { ...rest, touchpoint: journey.touchpoints[0]?.id ?? '' });
  };
  const num = (k: 'delayMinutes' | 'samplePercent' | 'recontactDays') => (e: { target: { value: string } }) => onChange({ ...trigger, [k]: e.target.value === '' ? undefined : Number(e.target.value) });
  return (
    <div className="trigger-editor">
      <div className="form-row">
        <label className="field"><span>Ask</span>
          <select value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            <option value="none">Only through its link</option>
            <option value="event">After an event</option>
            <option value="touchpoint">At a journey touchpoint</option>
          </select>
        </label>
        {kind === 'event' && (
          <label className="field"><span>Event</span>
            <input list="voc-event-names" value={trigger?.event ?? ''} placeholder="e.g. Order Delivered" onChange={(e) => onChange({ ...trigger, event: e.target.value })} />
            <datalist id="voc-event-names">{(events.data?.events ?? []).map((e) => <option key={e.name} value={e.name} />)}</datalist>
          </label>
        )}
        {kind === 'touchpoint' && (
          <label className="field"><span>Touchpoint</span>
            <select value={trigger?.touchpoint ?? ''} onChange={(e) => onChange({ ...trigger, touchpoint: e.target.value })}>
              {journey.touchpoints.map((t) => <option key={t.id} value={t.id}>{t.stage} · {t.name}</option>)}
            </select>
          </label>
        )}
      </div>
      {kind !== 'none' && (
        <div className="form-row">
          <label className="field"><span>Delay (minutes)</span><input type="number" min={0} value={trigger?.delayMinutes ?? ''} onChange={num('delayMinutes')} /></label>
          <label className="field"><span>Sample (% of customers)</span><input type="number" min={0} max={100} value={trigger?.samplePercent ?? ''} onChange={num('samplePercent')} /></label>
          <label className="field"><span>Don’t ask again for (days)</span><input type="number" min={0} value={trigger?.recontactDays ?? ''} onChange={num('recontactDays')} /></label>
        </div>
      )}
    </div>
  );
}
