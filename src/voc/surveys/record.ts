import { randomUUID } from 'node:crypto';
import { ApiError } from '../../api/errors.ts';
import type { Services } from '../../api/services.ts';
import { lookupKeys } from '../../identity/keys.ts';
import { dialectFn, join, raw, sql } from '../../storage/sql.ts';
import { checkAnswers } from './answers.ts';
import type { Survey } from './definition.ts';
import type { Analyzer, ResponseInput } from './responses.ts';

export interface RecordItem { input: ResponseInput; /** When it was answered (default: now). */ at?: Date }
export interface Recorded { responseId: string; complete: boolean; customerId: string | null }

/**
 * Stores answers already allowed in (status, scales and rate checked by the caller), many at a time:
 * one `Survey Responded` event each through the normal ingest path (which stitches the responder),
 * then the rows, in one transaction. A batch costs about as much as one response, which is what lets
 * loaders with their own clock (the demo, imports) store thousands in seconds.
 */
export async function recordResponses(services: Services, workspaceId: string, survey: Survey, items: readonly RecordItem[], analyze: Analyzer | null,
  options: { /** Run the workspace's rules on each response (default); imports of past answers turn this off. */ rules?: boolean } = {}): Promise<Recorded[]> {
  if (items.length === 0) return [];
  const ids = items.map((i) => i.input.responseId ?? randomUUID());
  // Only ids the client chose can exist already (a partial response being completed, or a replay).
  const given = items.flatMap((i) => (i.input.responseId ? [i.input.responseId] : []));
  const existing = new Map(given.length === 0 ? [] : (await services.store.query<{ response_id: string; answers: string; complete: boolean; submitted_at: Date }>(sql`
    SELECT response_id, answers, complete, submitted_at FROM survey_responses
    WHERE workspace_id = ${workspaceId} AND response_id IN (SELECT unnest(${given}))`)).map((r) => [r.response_id, r]));
  const now = new Date();
  const prepared = items.map(({ input, at }, i) => {
    const before = existing.get(ids[i]);
    if (before?.complete) throw new ApiError('conflict', `Response ${ids[i]} was already submitted.`);
    const answers = { ...(before ? JSON.parse(before.answers) : {}), ...input.answers } as Record<string, unknown>;
    const check = checkAnswers(survey, answers);
    return { input, id: ids[i], when: at ?? now, answers, complete: check.ok && check.complete, firstAt: before?.submitted_at, s: scores(survey, answers) };
  });

  await services.ingest.ingest({ workspaceId, source: 'survey', messages: prepared.map((p) => ({
    type: 'track', event: 'Survey Responded', messageId: `survey-${p.id}-${Object.keys(p.answers).length}`,
    userId: p.input.userId, anonymousId: p.input.anonymousId, timestamp: p.when.toISOString(),
    properties: { survey_id: survey.id, response_id: p.id, complete: p.complete, ...p.s },
    context: { channel: p.input.channel ?? 'web' },
  })) });
  // Independent reads, run side by side on the store's reader connections.
  const [{ customers, personas }, journey] = await Promise.all([
    customerIds(services, workspaceId, prepared.map((p) => p.input.userId ?? p.input.anonymousId!)).then(async (customers) => ({
      customers, personas: await latestPersonas(services, workspaceId, [...new Set(customers.filter((c): c is string => c !== null))]),
    })),
    survey.journey ? services.journeys.get(workspaceId, survey.journey) : services.journeys.primary(workspaceId),
  ]);
  const stageOf = (tp: string | null) => (tp ? journey?.journey.stages.find((st) => st.touchpoints.some((t) => t.id === tp))?.id ?? null : null);

  const rows = prepared.map((p, i) => {
    const customerId = customers[i];
    const touchpoint = p.input.touchpoint ?? survey.trigger?.touchpoint ?? null;
    const comment = textOf(survey, p.answers);
    const analysis = comment && analyze ? analyze(comment) : null;
    const values: (string | null)[] = [workspaceId, p.id, survey.id, customerId, p.input.anonymousId ?? null,
      p.input.userId ?? null, JSON.stringify(p.answers), p.input.language ?? survey.defaultLanguage, String(p.complete), touchpoint, stageOf(touchpoint),
      p.input.channel ?? 'web', customerId ? personas.get(customerId) ?? null : null, num(p.s.nps), num(p.s.csat), num(p.s.ces), num(p.s.emotion), comment,
      analysis ? JSON.stringify(analysis) : null, utc(p.firstAt ?? p.when), utc(p.when)];
    return { p, customerId, comment, analysis, values };
  });
  // One list per column, zipped back into rows by unnest: the statement and its 21 parameters are the
  // same whatever the batch size (a VALUES list of N rows would be N × 21 parameters to prepare).
  const columns = RESPONSE_COLUMNS.map((c, k) => sql`CAST(unnest(${rows.map((r) => r.values[k])}) AS ${raw(c.type)}) AS ${raw(c.name)}`);
  await services.store.transaction(async (tx) => {
    if (existing.size > 0) await tx.exec(sql`DELETE FROM survey_responses WHERE workspace_id = ${workspaceId} AND response_id IN (SELECT unnest(${[...existing.keys()]}))`);
    await tx.exec(sql`INSERT INTO survey_responses SELECT ${join(columns)}`);
  });
  for (const { p, customerId, comment, analysis } of options.rules === false ? [] : rows) {
    void services.rules.onResponse(workspaceId, {
      customerId, surveyId: survey.id, responseId: p.id, nps: p.s.nps ?? null, csat: p.s.csat ?? null, ces: p.s.ces ?? null,
      sentiment: analysis?.sentiment.label ?? null, comment,
    });
  }
  return rows.map((r) => ({ responseId: r.p.id, complete: r.p.complete, customerId: r.customerId }));
}

/** The customer behind each raw identity (user id, anonymous id, e-mail, phone or customer id), in one query. */
async function customerIds(services: Services, workspaceId: string, who: readonly string[]): Promise<(string | null)[]> {
  const keys = who.map((w) => lookupKeys(w));
  const rows = await services.store.query<{ identity: string; customer_id: string }>(sql`
    SELECT identity, customer_id FROM identities
    WHERE workspace_id = ${workspaceId} AND (identity IN (SELECT unnest(${keys.flat()})) OR customer_id IN (SELECT unnest(${[...who]})))`);
  const byKey = new Map(rows.map((r) => [r.identity, r.customer_id]));
  const known = new Set(rows.map((r) => r.customer_id));
  return who.map((w, i) => keys[i].map((k) => byKey.get(k)).find(Boolean) ?? (known.has(w) ? w : null));
}

/** survey_responses' columns in table order, each bound as text and cast back. */
const RESPONSE_COLUMNS: { name: string; type: string }[] = [
  ['workspace_id', 'VARCHAR'], ['response_id', 'VARCHAR'], ['survey_id', 'VARCHAR'], ['customer_id', 'VARCHAR'], ['anonymous_id', 'VARCHAR'],
  ['user_id', 'VARCHAR'], ['answers', 'JSON'], ['language', 'VARCHAR'], ['complete', 'BOOLEAN'], ['touchpoint_id', 'VARCHAR'], ['stage_id', 'VARCHAR'],
  ['channel', 'VARCHAR'], ['persona', 'VARCHAR'], ['nps', 'INTEGER'], ['csat', 'INTEGER'], ['ces', 'INTEGER'], ['emotion', 'INTEGER'], ['comment', 'VARCHAR'],
  ['text_analysis', 'JSON'], ['submitted_at', 'TIMESTAMP'], ['updated_at', 'TIMESTAMP'],
].map(([name, type]) => ({ name, type }));
const num = (x: number | undefined) => (x === undefined ? null : String(x));
/** A UTC timestamp literal DuckDB casts to TIMESTAMP without a time zone ("2026-10-01 10:00:00.000"). */
const utc = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');

/** Each customer's persona trait as last identified. */
async function latestPersonas(services: Services, workspaceId: string, customers: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (customers.length === 0) return out;
  const persona = dialectFn((d) => d.jsonText(raw('traits'), ['persona']));
  const rows = await services.store.query<{ customer_id: string; persona: string }>(sql`
    SELECT customer_id, ${persona} AS persona FROM events
    WHERE workspace_id = ${workspaceId} AND customer_id IN (SELECT unnest(${[...customers]})) AND ${persona} IS NOT NULL
    ORDER BY ts`);
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

function textOf(survey: Survey, answers: Record<string, unknown>): string | null {
  const texts = survey.questions.filter((q) => q.type === 'text' && typeof answers[q.id] === 'string' && (answers[q.id] as string).trim()).map((q) => answers[q.id] as string);
  return texts.length ? texts.join('\n') : null;
}
