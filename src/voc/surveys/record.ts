import { randomUUID } from 'node:crypto';
import { ApiError } from '../../api/errors.ts';
import type { Services } from '../../api/services.ts';
import { lookupKeys } from '../../identity/keys.ts';
import type { TouchEvent } from '../../ingest/event.ts';
import { dialectFn, join, raw, sql, type Sql } from '../../storage/sql.ts';
import type { TableRows } from '../../storage/store.ts';
import { checkAnswers } from './answers.ts';
import type { Survey } from './definition.ts';
import { responseIds } from './response-ids.ts';
import type { Analyzer, ResponseInput, TextAnalysis } from './responses.ts';

export interface RecordItem {
  input: ResponseInput;
  /** When it was answered (default: now). */
  at?: Date;
  /** The comment of `input` analysed on arrival (responses.ts), used when it is still the row's comment. */
  analysed?: Analysed;
}
export interface Analysed { comment: string | null; analysis: TextAnalysis | null }
export interface Recorded { responseId: string; complete: boolean; customerId: string | null }

/**
 * Stores answers already allowed in (status, scales and rate checked by the caller), many at a time:
 * one `Survey Responded` event each through the normal ingest path (which stitches the responder),
 * and the rows in the same transaction as those events. A batch costs about as much as one response, which is what lets
 * loaders with their own clock (the demo, imports) store thousands in seconds.
 */
export async function recordResponses(services: Services, workspaceId: string, survey: Survey, items: readonly RecordItem[], analyze: Analyzer | null,
  options: { /** Run the workspace's rules on each response (default); imports of past answers turn this off. */ rules?: boolean } = {}): Promise<Recorded[]> {
  if (items.length === 0) return [];
  const ids = items.map((i) => i.input.responseId ?? randomUUID());
  // Only ids the client chose can exist already (a partial response being completed, or a replay).
  const given = items.flatMap((i) => (i.input.responseId ? [i.input.responseId] : []));
  // Every read happens before the write, so the response is committed together with its event in the
  // ingest writer's group commit (one transaction, one WAL sync) and acknowledged right after it. Each
  // statement costs ~0.5–2 ms of CPU whatever it reads, a fixed cost per batch, so the reads are one
  // query (lookUp), the persona query runs only for known customers, and the journey comes from memory.
  const [{ existingRows, customers, personas }, journey] = await Promise.all([
    lookUp(services, workspaceId, given, items.map((i) => i.input.userId ?? i.input.anonymousId!)).then(async (found) => ({
      ...found, personas: await latestPersonas(services, workspaceId, [...new Set(found.customers.filter((c): c is string => c !== null))]),
    })),
    // The survey's journey (its own, else the workspace's primary one) for the stage of each touchpoint.
    services.journeys.current(workspaceId, survey.journey),
  ]);
  const existing = new Map(existingRows.map((r) => [r.response_id, r]));
  const now = new Date();
  const prepared = items.map(({ input, at }, i) => {
    const before = existing.get(ids[i]);
    if (before?.complete) throw new ApiError('conflict', `Response ${ids[i]} was already submitted.`);
    const answers = { ...(before ? JSON.parse(before.answers) : {}), ...input.answers } as Record<string, unknown>;
    const check = checkAnswers(survey, answers);
    return { input, id: ids[i], when: at ?? now, answers, complete: check.ok && check.complete, firstAt: before?.submitted_at, s: scores(survey, answers) };
  });
  const stageOf = (tp: string | null) => (tp ? journey?.journey.stages.find((st) => st.touchpoints.some((t) => t.id === tp))?.id ?? null : null);

  // Sentiment and themes are cheap (~0.2 ms a text), so they are stored with the row; submissions bring
  // theirs analysed on arrival, so a batch does not stop the event loop for ~0.2 ms a response.
  const rows = prepared.map((p, i) => {
    const touchpoint = p.input.touchpoint ?? survey.trigger?.touchpoint ?? null;
    const comment = commentOf(survey, p.answers);
    const early = items[i].analysed;
    const analysis = early && early.comment === comment ? early.analysis : comment && analyze ? analyze(comment) : null;
    const known = customers[i];
    // survey_responses' columns in table order (schema.ts).
    const values = (customerId: string | null) => [workspaceId, p.id, survey.id, customerId, p.input.anonymousId ?? null,
      p.input.userId ?? null, JSON.stringify(p.answers), p.input.language ?? survey.defaultLanguage, p.complete, touchpoint, stageOf(touchpoint),
      p.input.channel ?? 'web', customerId ? personas.get(customerId) ?? null : null, p.s.nps ?? null, p.s.csat ?? null, p.s.ces ?? null, p.s.emotion ?? null, comment,
      analysis ? JSON.stringify(analysis) : null, p.firstAt ?? p.when, p.when];
    return { p, known, customerId: known, comment, analysis, values };
  });
  /** The rows' statements, once the writer has stitched each responder (a first-time one gets a new customer). */
  const statements = (events: readonly TouchEvent[]): (Sql | TableRows)[] => {
    const stitched = new Map(events.map((e) => [e.properties.response_id, e.customerId]));
    for (const r of rows) r.customerId = stitched.get(r.p.id) || r.known;
    return [
      ...(existing.size > 0 ? [sql`DELETE FROM survey_responses WHERE workspace_id = ${workspaceId} AND response_id IN (SELECT unnest(${[...existing.keys()]}))`] : []),
      { table: 'survey_responses', rows: rows.map((r) => r.values(r.customerId)) },
    ];
  };

  // Before the write: a resend of one of these ids must be looked up, even while this batch commits.
  const storedIds = responseIds(services.store);
  for (const p of prepared) storedIds.add(workspaceId, p.id);
  let stored = false;
  const ingested = await services.ingest.ingest({ workspaceId, source: 'survey', messages: prepared.map((p) => ({
    type: 'track', event: 'Survey Responded', messageId: `survey-${p.id}-${Object.keys(p.answers).length}`,
    userId: p.input.userId, anonymousId: p.input.anonymousId, timestamp: p.when.toISOString(),
    properties: { survey_id: survey.id, response_id: p.id, complete: p.complete, ...p.s },
    context: { channel: p.input.channel ?? 'web' },
  })), also: (events) => { stored = true; return statements(events); } });
  // Only when no event was valid does the writer skip the group (and the rows with it).
  if (!stored) {
    if (ingested.rejected.length === 0) throw new Error('survey responses were not stored');
    await services.store.commitIngest([], { added: [], merged: [] }, statements([]));
  }
  // After the commit: rules (cases for detractors) run in the background and never delay the answer.
  if (options.rules !== false) {
    void services.rules.onResponses(workspaceId, rows.map(({ p, customerId, comment, analysis }) => ({
      customerId, surveyId: survey.id, responseId: p.id, nps: p.s.nps ?? null, csat: p.s.csat ?? null, ces: p.s.ces ?? null,
      sentiment: analysis?.sentiment.label ?? null, comment,
    })));
  }
  return rows.map((r) => ({ responseId: r.p.id, complete: r.p.complete, customerId: r.customerId }));
}

interface Existing { response_id: string; answers: string; complete: boolean; submitted_at: Date }

/** Customer ids are UUIDs (identity/resolver.ts): only such a raw identity can be one. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The stored responses among `given` (a resend completes a partial one, or is refused) and the
 * customer behind each raw identity (user id, anonymous id, e-mail, phone or customer id). From memory
 * when it can tell, the common case (the ingest writer's identity cache; a Bloom filter of response ids),
 * else in one query for what it cannot.
 */
async function lookUp(services: Services, workspaceId: string, given: readonly string[], who: readonly string[]): Promise<{ existingRows: Existing[]; customers: (string | null)[] }> {
  const keys = who.map((w) => lookupKeys(w));
  // undefined: only the table can tell (the cache is partial, or the identity may be a customer id).
  const remembered = who.map((w, i): string | null | undefined => {
    for (const k of keys[i]) {
      const c = services.writer.storedCustomer(workspaceId, k);
      if (c !== null) return c;
    }
    return UUID.test(w) ? undefined : null;
  });
  const ids = responseIds(services.store);
  const askIds = given.filter((id) => ids.mayExist(workspaceId, id));
  const ask = who.flatMap((w, i) => (remembered[i] === undefined ? [i] : []));
  if (askIds.length === 0 && ask.length === 0) return { existingRows: [], customers: remembered as (string | null)[] };

  const parts: Sql[] = [];
  if (ask.length > 0) {
    parts.push(sql`SELECT 'identity' AS kind, identity AS k, customer_id, CAST(NULL AS VARCHAR) AS answers, CAST(NULL AS BOOLEAN) AS complete, CAST(NULL AS TIMESTAMP) AS submitted_at
      FROM identities WHERE workspace_id = ${workspaceId} AND (identity IN (SELECT unnest(${ask.flatMap((i) => keys[i])})) OR customer_id IN (SELECT unnest(${ask.map((i) => who[i])})))`);
  }
  if (askIds.length > 0) {
    parts.push(sql`SELECT 'response' AS kind, response_id AS k, customer_id, CAST(answers AS VARCHAR) AS answers, complete, submitted_at
      FROM survey_responses WHERE workspace_id = ${workspaceId} AND response_id IN (SELECT unnest(${askIds}))`);
  }
  const rows = await services.store.query<{ kind: string; k: string; customer_id: string; answers: string | null; complete: boolean | null; submitted_at: Date | null }>(join(parts, ' UNION ALL '));
  const byKey = new Map<string, string>();
  const known = new Set<string>();
  const existingRows: Existing[] = [];
  for (const r of rows) {
    if (r.kind === 'response') existingRows.push({ response_id: r.k, answers: r.answers!, complete: r.complete!, submitted_at: r.submitted_at! });
    else { byKey.set(r.k, r.customer_id); known.add(r.customer_id); }
  }
  const customers = who.map((w, i) => remembered[i] !== undefined ? remembered[i] : keys[i].map((k) => byKey.get(k)).find(Boolean) ?? (known.has(w) ? w : null));
  return { existingRows, customers };
}

/** Each customer's persona trait as last identified. */
async function latestPersonas(services: Services, workspaceId: string, customers: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (customers.length === 0) return out;
  const persona = dialectFn((d) => d.jsonText(raw('traits'), ['persona']));
  const rows = await services.store.query<{ customer_id: string; persona: string }>(sql`
    SELECT customer_id, ${persona} AS persona FROM events
    WHERE workspace_id = ${workspaceId} AND customer_id IN (SELECT unnest(${[...customers]})) AND ${persona} IS NOT NULL
    ORDER BY ts, message_id`);
  for (const r of rows) out.set(r.customer_id, r.persona);
  return out;
}

/** The first answer of each scored type (a survey asks NPS, CSAT or CES once). */
function scores(survey: Survey, answers: Record<string, unknown>): Partial<Record<'nps' | 'csat' | 'ces' | 'emotion', number>> {
  const out: Partial<Record<'nps' | 'csat' | 'ces' | 'emotion', number>> = {};
  for (const q of survey.questions) {
    if ((q.type === 'nps' || q.type === 'csat' || q.type === 'ces' || q.type === 'emotion') && typeof answers[q.id] === 'number' && out[q.type] === undefined) out[q.type] = answers[q.id] as number;
  }
  return out;
}

/** The text answers of a response, the comment that is analysed and stored. */
export function commentOf(survey: Survey, answers: Record<string, unknown>): string | null {
  const texts = survey.questions.filter((q) => q.type === 'text' && typeof answers[q.id] === 'string' && (answers[q.id] as string).trim()).map((q) => answers[q.id] as string);
  return texts.length ? texts.join('\n') : null;
}

