import type { TouchEvent } from '../ingest/event.ts';
import { groupBy } from '../common/collections.ts';
import { sql } from '../storage/sql.ts';
import type { Store } from '../storage/store.ts';
import type { Cases } from './cases.ts';
import { DEFAULT_RULES, RuleSchema, type Rule } from './rules.ts';

/** Response rules run at most this often while responses keep coming (onResponses). */
const RESPONSE_TURN_GAP_MS = 250;

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
  /** Responses waiting for their turn on the chain, per workspace (onResponses). */
  private readonly responses = new Map<string, { facts: ResponseFacts[]; turn: Promise<unknown> }>();
  private lastResponseTurn = 0;

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

  /**
   * A batch of responses: each rule opens its cases in one transaction. Batches that arrive while
   * earlier work runs are evaluated together in one turn (group commit again), so under a steady
   * stream of submissions the cases cost a transaction per turn, not one per batch.
   */
  onResponses(workspaceId: string, batch: readonly ResponseFacts[]): Promise<unknown> {
    const waiting = this.responses.get(workspaceId);
    if (waiting) { waiting.facts.push(...batch); return waiting.turn; }
    const entry = { facts: [...batch], turn: Promise.resolve() as Promise<unknown> };
    this.responses.set(workspaceId, entry);
    entry.turn = this.enqueue(async () => {
      // Under a steady stream, gather for a moment first: case transactions then take the single
      // writer a few times a second instead of between every two submission commits (a case's SLA
      // is hours; a submission's answer waits on that writer). A lone response goes at once.
      if (Date.now() - this.lastResponseTurn < RESPONSE_TURN_GAP_MS) await new Promise((r) => setTimeout(r, RESPONSE_TURN_GAP_MS));
      this.responses.delete(workspaceId);
      try {
        await this.evaluateResponses(workspaceId, entry.facts);
      } finally {
        this.lastResponseTurn = Date.now();
      }
    });
    return entry.turn;
  }

  private async evaluateResponses(workspaceId: string, batch: readonly ResponseFacts[]): Promise<void> {
    for (const rule of (await this.list(workspaceId)).filter((r) => r.enabled && r.when.kind === 'response')) {
      await this.guard(workspaceId, rule, async () => {
        const w = rule.when as Extract<Rule['when'], { kind: 'response' }>;
        const hits = batch.filter((facts) => facts.customerId && ((w.npsAtMost !== undefined && facts.nps != null && facts.nps <= w.npsAtMost)
          || (w.csatAtMost !== undefined && facts.csat != null && facts.csat <= w.csatAtMost)
          || (w.cesAtLeast !== undefined && facts.ces != null && facts.ces >= w.cesAtLeast)
          || (w.sentiment === 'negative' && facts.sentiment === 'negative')));
        await this.openMany(workspaceId, rule, hits.map((facts) => ({ customerId: facts.customerId!, reason: rule.name, evidence: { ...facts } })));
      });
    }
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
        AND customer_id = ${e.customerId} AND traits IS NOT NULL ORDER BY ts, message_id`);
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
    await this.openMany(workspaceId, rule, [{ customerId, reason, evidence }]);
  }

  /** Opens the rule's cases for these hits, minus customers within its cool-down, in one transaction. */
  private async openMany(workspaceId: string, rule: Rule, hits: readonly { customerId: string; reason: string; evidence: Record<string, unknown> }[]): Promise<void> {
    if (hits.length === 0) return;
    const since = new Date(Date.now() - rule.cooldownHours * 3_600_000);
    const cooling = await this.cases.recentlyOpenedFor(workspaceId, rule.id, [...new Set(hits.map((h) => h.customerId))], since);
    const fresh = hits.filter((h) => {
      if (cooling.has(h.customerId)) return false;
      // A second hit of the same customer in this batch falls in the cool-down of the first (as it would one after the other).
      if (rule.cooldownHours > 0) cooling.add(h.customerId);
      return true;
    });
    if (fresh.length === 0) return;
    const { assignTo, ...openCase } = rule.openCase;
    const owners = openCase.owner ? fresh.map(() => openCase.owner) : await this.cases.assignees(workspaceId, assignTo ?? [], fresh.length);
    await this.cases.openMany(workspaceId, fresh.map((h, i) => ({ customerId: h.customerId, reason: h.reason, evidence: h.evidence, ruleId: rule.id, ...openCase, owner: owners[i] })), `rule:${rule.id}`);
  }
}
