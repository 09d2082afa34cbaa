import type { Config } from '../config/config.ts';
import { IngestService } from '../ingest/ingest-service.ts';
import { identitiesOf } from '../customers/identities-of.ts';
import { IngestWriter } from '../ingest/writer.ts';
import { JourneyRepository } from '../journeys/repository.ts';
import { SurveyRepository } from '../voc/surveys/repository.ts';
import { loadAnalyzer } from '../voc/surveys/analyze.ts';
import { Cases } from '../act/cases.ts';
import { RuleEngine } from '../act/rule-engine.ts';
import { Alerts } from '../act/alerts.ts';
import { ChurnService } from '../act/churn/churn-service.ts';
import type { Store } from '../storage/store.ts';
import { Workspaces } from '../workspaces/workspaces.ts';
import { Users } from '../auth/users.ts';
import { Sessions } from '../auth/sessions.ts';

/** Everything the routes need, built once per server (and per test). */
export interface Services {
  config: Config;
  store: Store;
  workspaces: Workspaces;
  writer: IngestWriter;
  ingest: IngestService;
  journeys: JourneyRepository;
  surveys: SurveyRepository;
  cases: Cases;
  rules: RuleEngine;
  alerts: Alerts;
  churn: ChurnService;
  users: Users;
  sessions: Sessions;
  /** Waits for work that runs after acknowledgements (rules, alerts, follow-up events). */
  settle(): Promise<void>;
  /** Drains ingestion and background work, stops timers, closes the store. */
  close(): Promise<void>;
}

export async function createServices(config: Config, store: Store, options: { alertBackoffMs?: number } = {}): Promise<Services> {
  await store.init();
  const writer = new IngestWriter(store);
  await writer.init();
  await loadAnalyzer();
  const cases = new Cases(store, writer);
  const rules = new RuleEngine(store, cases);
  const background = new Set<Promise<unknown>>();
  const settle = async () => {
    // Rules open cases, cases queue alerts and events, events reach rules again: settle until quiet.
    for (let round = 0; round < 10 && (background.size > 0 || round === 0); round++) {
      await rules.idle();
      await Promise.allSettled([...background]);
    }
  };
  const track = (p: Promise<unknown>) => {
    const q = p.catch(() => undefined).finally(() => background.delete(q));
    background.add(q);
  };
  writer.onCommitted((events) => track(rules.onEvents(events)));
  const alerts = new Alerts(store, { backoffBaseMs: options.alertBackoffMs });
  cases.onOpened((ws, c) => track(alerts.caseOpened(ws, c)));
  // A resolved case becomes a `Case Resolved` event on the customer's timeline; a survey triggered by
  // that event is the follow-up that measures recovery.
  const ingest = new IngestService(writer);
  const journeys = new JourneyRepository(store);

  cases.onResolved((ws, c) => {
    if (!c.customerId) return;
    track((async () => {
      // Ingest takes identities, not customer ids: the customer's user id, else an anonymous id.
      const known = (await identitiesOf(store, ws, [c.customerId!])).get(c.customerId!) ?? [];
      const id = known.find((i) => i.type === 'user') ?? known.find((i) => i.type === 'anon');
      if (!id) return;
      const who = id.type === 'user' ? { userId: id.value } : { anonymousId: id.value };
      await ingest.ingest({ workspaceId: ws, source: 'cases', messages: [{ type: 'track', event: 'Case Resolved', ...who,
        messageId: `case-resolved-${c.id}-${c.updatedAt}`, properties: { case_id: c.id, rule_id: c.ruleId, resolution_code: c.resolutionCode }, context: { channel: 'other' } }] });
    })());
  });
  return { config, store, workspaces: new Workspaces(store), writer, ingest, journeys, surveys: new SurveyRepository(store), cases, rules, alerts, churn: new ChurnService(store, async (ws) => (await journeys.primary(ws))?.journey ?? null),
    users: new Users(store), sessions: new Sessions(store),
    settle, close: async () => { await writer.close(); await settle(); await alerts.stop(); await store.close(); } };
}
