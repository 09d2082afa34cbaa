import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ApiError } from '../api/errors.ts';
import { dialectFn, ident, raw, sql, type Sql } from '../storage/sql.ts';
import type { Store, TableRows } from '../storage/store.ts';
import { PRIORITIES } from './rules.ts';

export const CASE_STATUSES = ['open', 'in_progress', 'resolved', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Allowed moves: forward through the loop, and reopening a resolved or closed case. */
const TRANSITIONS: Record<CaseStatus, CaseStatus[]> = {
  open: ['in_progress', 'resolved'],
  in_progress: ['open', 'resolved'],
  resolved: ['closed', 'open'],
  closed: ['open'],
};

export const CaseInputSchema = z.strictObject({
  customerId: z.string().max(255).optional(),
  reason: z.string().min(1).max(500),
  evidence: z.record(z.string(), z.unknown()).optional(),
  priority: z.enum(PRIORITIES).default('normal'),
  team: z.string().max(100).optional(),
  owner: z.string().max(200).optional(),
  slaHours: z.number().min(0.1).max(24 * 90).default(24),
});

export const CasePatchSchema = z.strictObject({
  status: z.enum(CASE_STATUSES).optional(),
  owner: z.string().max(200).nullable().optional(),
  team: z.string().max(100).nullable().optional(),
  priority: z.enum(PRIORITIES).optional(),
  resolutionCode: z.string().max(100).optional(),
  note: z.string().min(1).max(5000).optional(),
});

interface Row {
  id: string; customer_id: string | null; rule_id: string | null; reason: string; evidence: string | null; owner: string | null;
  team: string | null; priority: string; status: CaseStatus; resolution_code: string | null; sla_due_at: Date | null; created_at: Date; updated_at: Date;
}

function view(r: Row, now = Date.now()) {
  return {
    id: r.id, customerId: r.customer_id, ruleId: r.rule_id, reason: r.reason, evidence: r.evidence ? JSON.parse(r.evidence) : null,
    owner: r.owner, team: r.team, priority: r.priority, status: r.status, resolutionCode: r.resolution_code,
    slaDueAt: r.sla_due_at?.toISOString() ?? null, createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(),
    overdue: (r.status === 'open' || r.status === 'in_progress') && r.sla_due_at !== null && r.sla_due_at.getTime() < now,
  };
}
export type CaseView = ReturnType<typeof view>;

/** Commits rows durably: the ingest writer's group commit (IngestWriter.commitRows), or a store commit of their own. */
export interface RowWriter { commitRows(rows: readonly (Sql | TableRows)[]): Promise<void> }
const NO_IDENTITY_CHANGES = { added: [], merged: [] };

/** Customers with a case in the workspace: a persona filter over them reads only their events. */
export const customersWithCasesSql = (workspaceId: string): Sql => sql`SELECT customer_id FROM cases WHERE workspace_id = ${workspaceId}`;

/** Closed-loop cases with an audit trail of every change (who, when, what). */
export class Cases {
  private readonly listeners: ((workspaceId: string, c: CaseView) => void)[] = [];
  private readonly resolvedListeners: ((workspaceId: string, c: CaseView) => void)[] = [];

  /** Called after a case was resolved: a follow-up survey can then measure recovery. */
  onResolved(listener: (workspaceId: string, c: CaseView) => void): void {
    this.resolvedListeners.push(listener);
  }

  /**
   * `rows`: how new cases are written. The server passes the ingest writer, so cases opened by rules
   * ride in the next group commit (IngestWriter.commitRows) instead of holding the single writer in a
   * transaction of their own; without one, they are committed on their own.
   */
  constructor(private readonly store: Store, private readonly rows: RowWriter = { commitRows: (r) => store.commitIngest([], NO_IDENTITY_CHANGES, r) }) {}

  /** Called after a case was opened (alerts). */
  onOpened(listener: (workspaceId: string, c: CaseView) => void): void {
    this.listeners.push(listener);
  }

  async open(workspaceId: string, input: z.input<typeof CaseInputSchema> & { ruleId?: string }, actor: string): Promise<CaseView> {
    return (await this.openMany(workspaceId, [input], actor))[0];
  }

  /**
   * Several cases in one commit (a rule hit by a batch of responses), not one per case: every commit
   * waits for DuckDB's single writer and syncs its log.
   */
  async openMany(workspaceId: string, inputs: readonly (z.input<typeof CaseInputSchema> & { ruleId?: string })[], actor: string): Promise<CaseView[]> {
    if (inputs.length === 0) return [];
    const now = new Date();
    const made = inputs.map(({ ruleId, ...fields }) => ({ id: `case_${randomBytes(9).toString('base64url')}`, ruleId: ruleId ?? null, c: CaseInputSchema.parse(fields) }));
    // Through the appender, in the order of the tables' columns (storage/duckdb/schema.ts).
    const rows: Row[] = made.map((m) => ({
      id: m.id, customer_id: m.c.customerId ?? null, rule_id: m.ruleId, reason: m.c.reason, evidence: m.c.evidence ? JSON.stringify(m.c.evidence) : null,
      owner: m.c.owner ?? null, team: m.c.team ?? null, priority: m.c.priority, status: 'open', resolution_code: null,
      sla_due_at: new Date(now.getTime() + Math.round(m.c.slaHours * 3_600_000)), created_at: now, updated_at: now,
    }));
    await this.rows.commitRows([
      { table: 'cases', rows: rows.map((r) => [workspaceId, r.id, r.customer_id, r.rule_id, r.reason, r.evidence, r.owner, r.team, r.priority,
        r.status, r.resolution_code, r.sla_due_at, r.created_at, r.updated_at]) },
      { table: 'case_audit', rows: made.map((m) => [workspaceId, m.id, now, actor, 'opened', JSON.stringify({ reason: m.c.reason, ruleId: m.ruleId })]) },
    ]);
    // The stored rows are exactly these: no read back.
    const opened = rows.map((r) => view(r));
    for (const c of opened) for (const l of this.listeners) l(workspaceId, c);
    return opened;
  }

  async get(workspaceId: string, id: string): Promise<CaseView | null> {
    const rows = await this.store.query<Row>(sql`SELECT * FROM cases WHERE workspace_id = ${workspaceId} AND id = ${id}`);
    return rows[0] ? view(rows[0]) : null;
  }

  async audit(workspaceId: string, id: string) {
    const rows = await this.store.query<{ at: Date; actor: string; action: string; changes: string | null }>(sql`
      SELECT happened_at AS at, actor, action, changes FROM case_audit WHERE workspace_id = ${workspaceId} AND case_id = ${id} ORDER BY happened_at, action`);
    return rows.map((r) => ({ at: r.at.toISOString(), actor: r.actor, action: r.action, changes: r.changes ? JSON.parse(r.changes) : null }));
  }

  /**
   * `touchpoint`: cases opened by something that happened there — a survey response tied to the
   * touchpoint (evidence `responseId`) or an event the touchpoint matches (evidence `messageId`);
   * `eventIsAt` is the journey's predicate for "this events row is that touchpoint".
   * `customers`: only cases of these customers (a `SELECT customer_id …`, e.g. a persona's).
   */
  async list(workspaceId: string, f: { status?: CaseStatus; owner?: string; overdue?: boolean; customerId?: string; touchpoint?: { id: string; eventIsAt: Sql };
    customers?: Sql } = {}): Promise<CaseView[]> {
    const evidence = (key: string) => dialectFn((d) => d.jsonText(raw('evidence'), [key]));
    const atTouchpoint = f.touchpoint ? sql`AND (${evidence('responseId')} IN (SELECT response_id FROM survey_responses
        WHERE workspace_id = ${workspaceId} AND touchpoint_id = ${f.touchpoint.id})
      OR ${evidence('messageId')} IN (SELECT message_id FROM events WHERE workspace_id = ${workspaceId} AND ${f.touchpoint.eventIsAt}
        AND customer_id IN (SELECT customer_id FROM cases WHERE workspace_id = ${workspaceId})))` : sql``;
    const rows = await this.store.query<Row>(sql`SELECT * FROM cases WHERE workspace_id = ${workspaceId}
      ${f.status ? sql`AND status = ${f.status}` : sql``} ${f.owner ? sql`AND owner = ${f.owner}` : sql``}
      ${f.customerId ? sql`AND customer_id = ${f.customerId}` : sql``} ${atTouchpoint}
      ${f.customers ? sql`AND customer_id IN (${f.customers})` : sql``}
      ${f.overdue ? sql`AND status IN ('open', 'in_progress') AND sla_due_at < ${new Date()}` : sql``}
      ORDER BY created_at DESC LIMIT 1000`);
    return rows.map((r) => view(r));
  }

  /** Owners for `n` new cases in turn (ties: first in the list): each the candidate with the fewest open or in-progress cases, counting the ones before it. */
  async assignees(workspaceId: string, candidates: string[], n: number): Promise<(string | undefined)[]> {
    if (candidates.length === 0) return Array.from({ length: n }, () => undefined);
    const rows = await this.store.query<{ owner: string; n: number }>(sql`SELECT owner, count(*) AS n FROM cases WHERE workspace_id = ${workspaceId}
      AND status IN ('open', 'in_progress') AND owner IN (SELECT unnest(${candidates})) GROUP BY owner`);
    const load = new Map(rows.map((r) => [r.owner, Number(r.n)]));
    return Array.from({ length: n }, () => {
      const pick = [...candidates].sort((a, b) => (load.get(a) ?? 0) - (load.get(b) ?? 0))[0];
      load.set(pick, (load.get(pick) ?? 0) + 1);
      return pick;
    });
  }

  /** Which of these customers this rule already opened a case for since `since` (de-duplication, cool-down), in one query. */
  async recentlyOpenedFor(workspaceId: string, ruleId: string, customerIds: readonly string[], since: Date): Promise<Set<string>> {
    if (customerIds.length === 0) return new Set();
    const rows = await this.store.query<{ customer_id: string }>(sql`SELECT DISTINCT customer_id FROM cases WHERE workspace_id = ${workspaceId}
      AND rule_id = ${ruleId} AND customer_id IN (SELECT unnest(${[...customerIds]})) AND created_at >= ${since}`);
    return new Set(rows.map((r) => r.customer_id));
  }

  async update(workspaceId: string, id: string, patch: z.infer<typeof CasePatchSchema>, actor: string): Promise<CaseView> {
    const current = await this.get(workspaceId, id);
    if (!current) throw new ApiError('not_found', 'No such case.');
    if (patch.status && patch.status !== current.status && !TRANSITIONS[current.status as CaseStatus].includes(patch.status)) {
      throw new ApiError('conflict', `A case cannot go from ${current.status} to ${patch.status}.`, [{ path: 'status', message: `allowed: ${TRANSITIONS[current.status as CaseStatus].join(', ')}` }]);
    }
    if (patch.status === 'resolved' && !patch.resolutionCode && !current.resolutionCode) {
      throw new ApiError('validation_failed', 'Resolving a case needs a resolution code.', [{ path: 'resolutionCode', message: 'required when status is resolved' }]);
    }
    const now = new Date();
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    const fields = { status: 'status', owner: 'owner', team: 'team', priority: 'priority', resolutionCode: 'resolution_code' } as const;
    await this.store.transaction(async (tx) => {
      for (const [key, column] of Object.entries(fields) as [keyof typeof fields, string][]) {
        const value = patch[key];
        if (value === undefined || value === current[key]) continue;
        changes[key] = { from: current[key], to: value };
        await tx.exec(sql`UPDATE cases SET ${ident(column)} = ${value}, updated_at = ${now} WHERE workspace_id = ${workspaceId} AND id = ${id}`);
      }
      if (Object.keys(changes).length) await tx.exec(sql`INSERT INTO case_audit VALUES (${workspaceId}, ${id}, ${now}, ${actor}, 'updated', ${JSON.stringify(changes)})`);
      if (patch.note) await tx.exec(sql`INSERT INTO case_audit VALUES (${workspaceId}, ${id}, ${now}, ${actor}, 'note', ${JSON.stringify({ note: patch.note })})`);
    });
    const updated = (await this.get(workspaceId, id))!;
    if (changes.status && updated.status === 'resolved') for (const l of this.resolvedListeners) l(workspaceId, updated);
    return updated;
  }
}

