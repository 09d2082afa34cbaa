import { createHmac, randomBytes } from 'node:crypto';
import nodemailer from 'nodemailer';
import { sql } from '../storage/sql.ts';
import type { Store } from '../storage/store.ts';
import { AlertChannels, type AlertChannel } from './alert-channels.ts';
import type { CaseView } from './cases.ts';

export const MAX_ATTEMPTS = 10;

/** HMAC-SHA256 of `timestamp.body`, as `sha256=<hex>`: receivers recompute it with the channel's secret. */
export function signature(secret: string, timestamp: string, body: string): string {
  return 'sha256=' + createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/**
 * Alerts about opened cases, through a delivery queue kept in the database: a receiver that is down,
 * slow or answers 5xx is retried with exponential backoff (base · 2^attempt, capped at an hour, at most
 * MAX_ATTEMPTS), and pending deliveries survive a restart. Delivery runs on a timer, never in the
 * ingest or request path.
 */
export class Alerts {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  /** Where alerts go (the routes add, list and remove them there). */
  readonly channels: AlertChannels;

  constructor(private readonly store: Store, private readonly options: { intervalMs?: number; backoffBaseMs?: number; timeoutMs?: number } = {}) {
    this.channels = new AlertChannels(store);
  }

  async deliveries(workspaceId: string) {
    const rows = await this.store.query<{ id: string; channel_id: string; status: string; attempts: number; last_error: string | null; created_at: Date; delivered_at: Date | null }>(sql`
      SELECT id, channel_id, status, attempts, last_error, created_at, delivered_at FROM alert_deliveries WHERE workspace_id = ${workspaceId} ORDER BY created_at DESC LIMIT 500`);
    return rows.map((r) => ({ id: r.id, channelId: r.channel_id, status: r.status, attempts: r.attempts, lastError: r.last_error, createdAt: r.created_at.toISOString(), deliveredAt: r.delivered_at?.toISOString() ?? null }));
  }

  /** Queues one delivery per enabled channel of the workspace. */
  async caseOpened(workspaceId: string, c: CaseView): Promise<void> {
    const channels = await this.channels.enabledIds(workspaceId);
    if (channels.length === 0) return;
    const payload = JSON.stringify({ type: 'case.opened', workspaceId, case: c });
    const now = new Date();
    for (const id of channels) {
      await this.store.exec(sql`INSERT INTO alert_deliveries VALUES (${workspaceId}, ${`dl_${randomBytes(9).toString('base64url')}`}, ${id}, ${payload}, 'pending', 0, ${now}, ${null}, ${now}, ${null})`);
    }
    this.kick();
  }

  /**
   * A digest of the workspace's cases: new in the last day, open, overdue — one message per channel,
   * through the same durable queue. Sent daily by the timer, or on demand.
   */
  async digest(workspaceId: string, now = Date.now()): Promise<{ opened: number; open: number; overdue: number }> {
    const [c] = await this.store.query<{ opened: number; open: number; overdue: number }>(sql`
      SELECT count(*) FILTER (WHERE created_at >= ${new Date(now - 86_400_000)}) AS opened,
             count(*) FILTER (WHERE status IN ('open', 'in_progress')) AS open,
             count(*) FILTER (WHERE status IN ('open', 'in_progress') AND sla_due_at < ${new Date(now)}) AS overdue
      FROM cases WHERE workspace_id = ${workspaceId}`);
    const summary = { opened: c?.opened ?? 0, open: c?.open ?? 0, overdue: c?.overdue ?? 0 };
    const payload = JSON.stringify({ type: 'digest', workspaceId, digest: summary });
    for (const id of await this.channels.enabledIds(workspaceId)) {
      await this.store.exec(sql`INSERT INTO alert_deliveries VALUES (${workspaceId}, ${`dl_${randomBytes(9).toString('base64url')}`}, ${id}, ${payload}, 'pending', 0, ${new Date(now)}, ${null}, ${new Date(now)}, ${null})`);
    }
    this.kick();
    return summary;
  }

  private digestTimer: NodeJS.Timeout | null = null;

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.kick(), this.options.intervalMs ?? 1000);
    this.timer.unref();
    this.digestTimer = setInterval(() => void this.digestAll().catch(() => undefined), 86_400_000);
    this.digestTimer.unref();
  }

  private async digestAll(): Promise<void> {
    for (const workspaceId of await this.channels.workspacesWithEnabled()) await this.digest(workspaceId);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.digestTimer) clearInterval(this.digestTimer);
    this.timer = null;
    this.digestTimer = null;
    await this.running;
  }

  /** Delivers what is due now; resolves when this round is done (tests wait on it). */
  kick(): Promise<void> {
    this.running ??= this.deliverDue().finally(() => { this.running = null; });
    return this.running;
  }

  private async deliverDue(): Promise<void> {
    const due = await this.store.query<{ workspace_id: string; id: string; channel_id: string; payload: string; attempts: number; config: string | null }>(sql`
      SELECT d.workspace_id, d.id, d.channel_id, d.payload, d.attempts, c.config FROM alert_deliveries d
      LEFT JOIN alert_channels c ON c.workspace_id = d.workspace_id AND c.id = d.channel_id
      WHERE d.status = 'pending' AND d.next_attempt_at <= ${new Date()} ORDER BY d.next_attempt_at LIMIT 50`);
    await Promise.all(due.map(async (d) => {
      try {
        if (!d.config) throw new Error('the channel was removed');
        await this.send(JSON.parse(d.config) as AlertChannel, d.payload);
        await this.store.exec(sql`UPDATE alert_deliveries SET status = 'delivered', attempts = ${d.attempts + 1}, delivered_at = ${new Date()}, last_error = ${null} WHERE id = ${d.id}`);
      } catch (err) {
        const attempts = d.attempts + 1;
        const wait = Math.min(3_600_000, (this.options.backoffBaseMs ?? 5000) * 2 ** d.attempts);
        await this.store.exec(sql`UPDATE alert_deliveries SET attempts = ${attempts}, status = ${attempts >= MAX_ATTEMPTS || !d.config ? 'failed' : 'pending'},
          next_attempt_at = ${new Date(Date.now() + wait)}, last_error = ${String((err as Error).message).slice(0, 500)} WHERE id = ${d.id}`);
      }
    }));
  }

  private async send(channel: AlertChannel, payload: string): Promise<void> {
    const signal = AbortSignal.timeout(this.options.timeoutMs ?? 10_000);
    const parsed = JSON.parse(payload) as { type: string; case?: CaseView; digest?: { opened: number; open: number; overdue: number } };
    const c = parsed.case;
    const summary = c
      ? `[${c.priority}] ${c.reason} — case ${c.id}${c.customerId ? ` for customer ${c.customerId}` : ''}, due ${c.slaDueAt}`
      : `Daily digest: ${parsed.digest!.opened} new cases, ${parsed.digest!.open} open, ${parsed.digest!.overdue} overdue`;
    const subject = c ? `Touchpoint case: ${c.reason}` : 'Touchpoint daily digest';
    switch (channel.kind) {
      case 'webhook': {
        const ts = String(Math.floor(Date.now() / 1000));
        const res = await fetch(channel.url, { method: 'POST', signal, body: payload, headers: {
          'content-type': 'application/json', 'x-touchpoint-timestamp': ts, 'x-touchpoint-signature': signature(channel.secret, ts, payload) } });
        if (!res.ok) throw new Error(`webhook answered ${res.status}`);
        return;
      }
      case 'slack': {
        const res = await fetch(channel.url, { method: 'POST', signal, headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ text: `:rotating_light: ${summary}` }) });
        if (!res.ok) throw new Error(`slack webhook answered ${res.status}`);
        return;
      }
      case 'email': {
        const t = nodemailer.createTransport({ host: channel.smtp.host, port: channel.smtp.port, secure: channel.smtp.secure, ignoreTLS: !channel.smtp.secure && !channel.smtp.user,
          auth: channel.smtp.user ? { user: channel.smtp.user, pass: channel.smtp.pass ?? '' } : undefined, connectionTimeout: this.options.timeoutMs ?? 10_000 });
        await t.sendMail({ from: channel.smtp.from, to: channel.to, subject, text: c ? `${summary}\n\n${JSON.stringify(c.evidence ?? {}, null, 2)}` : summary });
        return;
      }
    }
  }
}
