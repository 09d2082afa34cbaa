/**
 * Survey responses as CSV, one file per survey: export for spreadsheets and BI, import for answers
 * collected elsewhere (another survey tool, a call centre, paper). The export's columns are the
 * import's, so a file exported from one workspace imports into another.
 *
 * Columns: response_id, customer_id, user_id, anonymous_id, submitted_at, language, touchpoint, stage,
 * channel, complete, one per question (named by question id; `q.<id>` if the id is one of these column
 * names; several choices joined with ";"), sentiment, sentiment_score. On import stage, complete and
 * sentiment are recomputed, so those columns are ignored; any other unknown column is refused.
 */
import { parse } from 'csv-parse/sync';
import { ApiError, type ErrorDetail } from '../../api/errors.ts';
import type { Services } from '../../api/services.ts';
import { sql } from '../../storage/sql.ts';
import { checkAnswers } from './answers.ts';
import type { Question, Survey } from './definition.ts';
import { recordResponses } from './record.ts';
import { ResponseInputSchema, type Analyzer, type ResponseInput } from './responses.ts';

const FIXED = ['response_id', 'customer_id', 'user_id', 'anonymous_id', 'submitted_at', 'language', 'touchpoint', 'stage', 'channel', 'complete'] as const;
const TRAILING = ['sentiment', 'sentiment_score'] as const;
/** Recomputed on import. */
const DERIVED = new Set(['customer_id', 'stage', 'complete', 'sentiment', 'sentiment_score']);
const RESERVED = new Set<string>([...FIXED, ...TRAILING]);
export const MAX_REPORTED_ROWS = 200;
/** Rows stored per batch (one ingest round and one transaction each, record.ts). */
const IMPORT_BATCH = 500;

export const questionColumn = (q: Question) => (RESERVED.has(q.id) ? `q.${q.id}` : q.id);

function cell(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  // Quote when needed; a leading = + - @ would run as a formula in spreadsheets (OWASP "CSV injection").
  const safe = /^[=+\-@\t\r]/.test(s) && !/^-?\d/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

interface ExportRow {
  response_id: string; customer_id: string | null; user_id: string | null; anonymous_id: string | null; submitted_at: Date;
  language: string | null; touchpoint_id: string | null; stage_id: string | null; channel: string | null; complete: boolean;
  answers: string; text_analysis: string | null;
}

/** All responses to one survey, oldest first, as CSV text. */
export async function exportResponsesCsv(services: Services, workspaceId: string, survey: Survey, range: { from?: Date; to?: Date } = {}): Promise<string> {
  const rows = await services.store.query<ExportRow>(sql`
    SELECT response_id, customer_id, user_id, anonymous_id, submitted_at, language, touchpoint_id, stage_id, channel, complete, answers, text_analysis
    FROM survey_responses WHERE workspace_id = ${workspaceId} AND survey_id = ${survey.id}
      ${range.from ? sql`AND submitted_at >= ${range.from}` : sql``} ${range.to ? sql`AND submitted_at < ${range.to}` : sql``}
    ORDER BY submitted_at, response_id`);
  const header = [...FIXED, ...survey.questions.map(questionColumn), ...TRAILING];
  const lines = [header.join(',')];
  for (const r of rows) {
    const answers = JSON.parse(r.answers) as Record<string, unknown>;
    const analysis = r.text_analysis ? JSON.parse(r.text_analysis) as { sentiment?: { label: string; score: number } } : null;
    lines.push([
      r.response_id, r.customer_id, r.user_id, r.anonymous_id, r.submitted_at.toISOString(), r.language, r.touchpoint_id, r.stage_id, r.channel, r.complete,
      ...survey.questions.map((q) => { const v = answers[q.id]; return Array.isArray(v) ? v.join(';') : v; }),
      analysis?.sentiment?.label, analysis?.sentiment?.score,
    ].map(cell).join(','));
  }
  return `${lines.join('\n')}\n`;
}

export interface ImportResult { read: number; stored: number; duplicates: number; rejectedCount: number; rejected: (ErrorDetail & { row: number; responseId: string | null })[] }

/**
 * Imports responses to one survey from CSV. Each row is checked on its own (identity, time, channel,
 * answers on the survey's scales, known choices, text length); good rows are stored, bad ones listed
 * with their line number. Idempotent on `response_id`: a row whose id is already stored is counted as
 * a duplicate and left alone, so importing a file twice stores it once. Historical answers, so a
 * closed or expired survey still takes them, the submission rate limit does not apply, and the
 * workspace's rules do not run on them (last year's detractors open no cases today).
 */
export async function importResponsesCsv(services: Services, workspaceId: string, survey: Survey, text: string, analyze: Analyzer | null): Promise<ImportResult> {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true }) as string[][];
  } catch (err) {
    throw new ApiError('invalid_body', `Not valid CSV: ${(err as Error).message}`);
  }
  if (records.length === 0) throw new ApiError('invalid_body', 'The CSV is empty; the first line must name the columns.');
  const header = records[0].map((h) => h.trim());
  const byColumn = new Map<string, Question>();
  for (const q of survey.questions) { byColumn.set(questionColumn(q), q); byColumn.set(`q.${q.id}`, q); }
  const unknown = header.filter((h) => !RESERVED.has(h) && !byColumn.has(h));
  if (unknown.length) {
    throw new ApiError('validation_failed', `Unknown columns: ${unknown.join(', ')}.`, unknown.map((h) => ({ path: h, message: `neither a response column nor a question of survey "${survey.id}" (questions: ${survey.questions.map((q) => q.id).join(', ')})` })));
  }
  if (!header.includes('response_id')) throw new ApiError('validation_failed', 'A response_id column is required (it makes the import idempotent).', [{ path: 'response_id', message: 'missing column' }]);
  if (!header.some((h) => byColumn.has(h))) throw new ApiError('validation_failed', 'No question columns.', [{ path: 'header', message: `expected some of: ${survey.questions.map(questionColumn).join(', ')}` }]);

  const result: ImportResult = { read: records.length - 1, stored: 0, duplicates: 0, rejectedCount: 0, rejected: [] };
  const reject = (row: number, responseId: string | null, details: ErrorDetail[]) => {
    result.rejectedCount++;
    for (const d of details) if (result.rejected.length < MAX_REPORTED_ROWS) result.rejected.push({ row, responseId, ...d });
  };
  const parsed: { row: number; input: ResponseInput; at: Date }[] = [];
  const seen = new Set<string>();
  for (let i = 1; i < records.length; i++) {
    const row = i + 1; // line number in the file, header is line 1
    const get = (col: string) => { const k = header.indexOf(col); const v = k >= 0 ? records[i][k]?.trim() : undefined; return v ? v : undefined; };
    const responseId = get('response_id') ?? null;
    const details: ErrorDetail[] = [];
    if (!responseId) details.push({ path: 'response_id', message: 'required' });
    else if (responseId.length > 64) details.push({ path: 'response_id', message: 'at most 64 characters' });
    else if (seen.has(responseId)) details.push({ path: 'response_id', message: 'appears twice in this file' });
    const answers: Record<string, unknown> = {};
    header.forEach((h, k) => {
      const q = byColumn.get(h);
      const raw = records[i][k]?.trim();
      if (!q || !raw) return;
      answers[q.id] = answerValue(q, raw);
    });
    const at = get('submitted_at') ? new Date(get('submitted_at')!) : new Date();
    if (Number.isNaN(at.getTime())) details.push({ path: 'submitted_at', message: `"${get('submitted_at')}" is not an ISO time` });
    else if (at.getTime() > Date.now() + 5 * 60_000) details.push({ path: 'submitted_at', message: 'is in the future' });
    const candidate = {
      surveyId: survey.id, responseId: responseId ?? undefined, answers,
      userId: get('user_id') ?? (get('anonymous_id') ? undefined : get('customer_id')), anonymousId: get('anonymous_id'),
      language: get('language'), touchpoint: get('touchpoint'), channel: get('channel'),
    };
    const shape = ResponseInputSchema.safeParse({ ...candidate, responseId: undefined });
    if (!shape.success) for (const e of shape.error.issues) details.push({ path: e.path.join('.') === 'userId' ? 'user_id' : e.path.join('.'), message: e.message });
    if (Object.keys(answers).length === 0) details.push({ path: 'answers', message: 'no answer in this row' });
    const check = checkAnswers(survey, answers);
    if (!check.ok) details.push(...check.details.map((d) => ({ ...d, path: (d.path ?? '').replace(/^answers\./, '') })));
    if (details.length) { reject(row, responseId, details); continue; }
    seen.add(responseId!);
    parsed.push({ row, input: candidate as ResponseInput, at });
  }

  const ids = parsed.map((p) => p.input.responseId!);
  const existing = new Set<string>();
  for (let k = 0; k < ids.length; k += 1000) {
    const rows = await services.store.query<{ response_id: string }>(sql`
      SELECT response_id FROM survey_responses WHERE workspace_id = ${workspaceId} AND response_id IN (SELECT unnest(${ids.slice(k, k + 1000)}))`);
    for (const r of rows) existing.add(r.response_id);
  }
  const fresh = parsed.filter((p) => !existing.has(p.input.responseId!));
  result.duplicates = parsed.length - fresh.length;
  for (let k = 0; k < fresh.length; k += IMPORT_BATCH) {
    const chunk = fresh.slice(k, k + IMPORT_BATCH);
    await recordResponses(services, workspaceId, survey, chunk.map((p) => ({ input: p.input, at: p.at })), analyze, { rules: false });
    result.stored += chunk.length;
  }
  return result;
}

/** A CSV cell as an answer: numbers for scales, a list for multiple choice (";"-separated), text as is. */
function answerValue(q: Question, raw: string): unknown {
  switch (q.type) {
    case 'nps': case 'csat': case 'ces': case 'emotion': return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
    case 'choice': return q.multiple ? raw.split(';').map((s) => s.trim()).filter(Boolean) : raw;
    case 'text': return raw;
  }
}
