import type { TouchEvent } from '../ingest/event.ts';
import { groupBy } from '../common/collections.ts';
import { sql } from '../storage/sql.ts';
import type { Store } from '../storage/store.ts';
import type { Cases } from './cases.ts';
import { DEFAULT_RULES, RuleSchema, type Rule } from './rules.ts';

export interface ResponseFacts { customerId: string | null; surveyId: string; responseId: string; nps?: number | null; csat?: number | null; ces?: number | null; sentiment?: string | null; comment?: string | null }

/**
 * Evaluates rules as data arrives: after each ingest commit (events) and each survey response.
 * Work runs one batch at a time after the acknowledgement, so rules never slow ingestion; a rule that
 * throws is disabled with its error recorded (`GET /api/v1/rules` shows it), not the server.
 */
export class RuleEngine {
  private chain: Promise<unknown> = Promise.resolve();
  /** Rules per workspace, read once and refreshed on every change: each ingest commit consults them. */
  private cache = new Map<string, (Rule & { lastError: string | null })[]>();

  constructor(private readonly store: Store, private readonly cases: Cases) {}

  /** The workspace's rules; the defaults are stored the first time a workspace is looked at. */
  async list(workspaceId: string): Promise<(Rule & { lastError: string | null })[]> {
    const cached = this.cache.get(workspaceId);
    if (cached) return cached;
    let rows = await this.read(workspaceId);
    if (rows.length === 0) {
      for (const rule of DEFAULT_RULES) await this.write(workspaceId, rule);
      rows = await this.read(workspaceId);
    }
    this.cache.set(workspaceId, rows);
    return rows;
  }

  private async read(workspaceId: string) {
    const rows = await this.store.query<{ definition: string; enabled: boolean; last_error: string | null }>(sql`
      SELECT definition, enabled, last_error FROM rules WHERE workspace_id = ${workspaceId} ORDER BY id`);
    return rows.map((r) => ({ ...(JSON.parse(r.definition) as Rule), enabled: r.enabled, lastError: r.last_error }));
  }

  async save(workspaceId: string, input: unknown): Promise<Rule> {
    await this.list(workspaceId); // a workspace's first change keeps the defaults beside it
    const rule = RuleSchema.parse(input);
    await this.write(workspaceId, rule);
    this.cache.delete(workspaceId);
    return rule;
  }

  private async write(workspaceId: string, rule: Rule): Promise<void> {
    await this.store.transaction(async (tx) => {
      await tx.exec(sql`DELETE FROM rules WHERE workspace_id = ${workspaceId} AND id = ${rule.id}`);
      await tx.exec(sql`INSERT INTO rules VALUES (${workspaceId}, ${rule.id}, ${JSON.stringify(rule)}, ${rule.enabled}, ${null}, ${new Date()})`);
    });
  }

  onEvents(events: readonly TouchEvent[]): Promise<unknown> {
    return this.enqueue(async () => {
      for (const [ws, list] of groupBy(events, (e) => e.workspaceId)) {
        for (const rule of (await this.list(ws)).filter((r) => r.enabled && r.when.kind === 'event')) {
          await this.guard(ws, rule, async () => {
            for (const e of list) if (await this.eventMatches(rule, e)) await this.open(ws, rule, e.customerId, `${rule.name}`, { event: e.event, messageId: e.messageId, properties: e.properties, at: new Date(e.timestamp).toISOString() });
          });
        }
      }
    });
  }

  onResponse(workspaceId: string, facts: ResponseFacts): Promise<unknown> {
    return this.enqueue(async () => {
      for (const rule of (await this.list(workspaceId)).filter((r) => r.enabled && r.when.kind === 'response')) {
        await this.guard(workspaceId, rule, async () => {
          const w = rule.when as Extract<Rule['when'], { kind: 'response' }>;
          const hit = (w.npsAtMost !== undefined && facts.nps != null && facts.nps <= w.npsAtMost)
            || (w.csatAtMost !== undefined && facts.csat != null && facts.csat <= w.csatAtMost)
            || (w.cesAtLeast !== undefined && facts.ces != null && facts.ces >= w.cesAtLeast)
            || (w.sentiment === 'negative' && facts.sentiment === 'negative');
          if (hit && facts.customerId) await this.open(workspaceId, rule, facts.customerId, rule.name, { ...facts });
        });
      }
    });
  }

  /** Resolves once everything queued so far was evaluated (tests, shutdown). */
  idle(): Promise<unknown> { return this.chain; }

  private enqueue(fn: () => Promise<void>): Promise<unknown> {
    this.chain = this.chain.then(fn, fn).catch(() => undefined);
    return this.chain;
  }

  private async guard(workspaceId: string, rule: Rule, fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
    } catch (err) {
      await this.store.exec(sql`UPDATE rules SET enabled = FALSE, last_error = ${String((err as Error).message).slice(0, 500)}
        WHERE workspace_id = ${workspaceId} AND id = ${rule.id}`).catch(() => undefined);
      this.cache.delete(workspaceId);
    }
  }

  private async eventMatches(rule: Rule, e: TouchEvent): Promise<boolean> {
    const w = rule.when as Extract<Rule['when'], { kind: 'event' }>;
    if (e.event !== w.event) return false;
    if (w.late) {
      const promised = Date.parse(String(e.properties.promised_at ?? ''));
      const delivered = Date.parse(String(e.properties.delivered_at ?? ''));
      if (!(delivered > promised)) return false;
    }
    if (w.slowerThan) {
      const [r] = await this.store.query<{ started: Date | null }>(sql`SELECT max(ts) AS started FROM events WHERE workspace_id = ${e.workspaceId}
        AND customer_id = ${e.customerId} AND event = ${w.slowerThan.since} AND ts <= ${new Date(e.timestamp)}`);
      if (!r?.started || e.timestamp - r.started.getTime() <= w.slowerThan.minutes * 60_000) return false;
    }
    if (w.traits) {
      const rows = await this.store.query<{ traits: string | null }>(sql`SELECT traits FROM events WHERE workspace_id = ${e.workspaceId}
        AND customer_id = ${e.customerId} AND traits IS NOT NULL ORDER BY ts`);
      const traits = Object.assign({}, ...rows.map((r) => JSON.parse(r.traits!)));
      if (!Object.entries(w.traits).every(([k, v]) => traits[k] === v)) return false;
    }
    if (w.count > 1) {
      const [r] = await this.store.query<{ n: number }>(sql`SELECT count(*) AS n FROM events WHERE workspace_id = ${e.workspaceId}
        AND customer_id = ${e.customerId} AND event = ${w.event} AND ts BETWEEN ${new Date(e.timestamp - w.withinMinutes * 60_000)} AND ${new Date(e.timestamp)}`);
      if ((r?.n ?? 0) < w.count) return false;
    }
    return true;
  }

  private async open(workspaceId: string, rule: Rule, customerId: string, reason: string, evidence: Record<string, unknown>): Promise<void> {
    if (await this.cases.recentlyOpened(workspaceId, rule.id, customerId, new Date(Date.now() - rule.cooldownHours * 3_600_000))) return;
    const { assignTo, ...openCase } = rule.openCase;
    const owner = openCase.owner ?? (assignTo ? await this.cases.leastBusy(workspaceId, assignTo) : undefined);
    await this.cases.open(workspaceId, { customerId, reason, evidence, ruleId: rule.id, ...openCase, owner }, `rule:${rule.id}`);
  }
}
