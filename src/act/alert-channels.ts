import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { sql } from '../storage/sql.ts';
import type { Store } from '../storage/store.ts';

const Smtp = z.strictObject({
  host: z.string().min(1), port: z.number().int().min(1).max(65535).default(587), secure: z.boolean().default(false),
  user: z.string().optional(), pass: z.string().optional(), from: z.string().min(3),
});
export const AlertChannelSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('webhook'), name: z.string().min(1).max(100), url: z.url(), secret: z.string().min(16).max(200) }),
  z.strictObject({ kind: z.literal('slack'), name: z.string().min(1).max(100), url: z.url() }),
  z.strictObject({ kind: z.literal('email'), name: z.string().min(1).max(100), to: z.array(z.email()).min(1).max(50), smtp: Smtp }),
]);
export type AlertChannel = z.infer<typeof AlertChannelSchema>;

/** The alert channels of each workspace (webhook, Slack, e-mail), as stored in `alert_channels`. */
export class AlertChannels {
  /**
   * Enabled channel ids per workspace: read for every opened case (a quarter of survey submissions open
   * one, ~0.5 ms of CPU a query), changed only by add and remove, which clear it.
   */
  private readonly enabled = new Map<string, Promise<string[]>>();

  constructor(private readonly store: Store) {}

  async add(workspaceId: string, input: unknown) {
    const channel = AlertChannelSchema.parse(input);
    const id = `ch_${randomBytes(9).toString('base64url')}`;
    await this.store.exec(sql`INSERT INTO alert_channels VALUES (${workspaceId}, ${id}, ${channel.kind}, ${channel.name}, ${JSON.stringify(channel)}, TRUE, ${new Date()})`);
    this.changed();
    return { id, ...redact(channel) };
  }

  async list(workspaceId: string) {
    const rows = await this.store.query<{ id: string; config: string; enabled: boolean }>(sql`
      SELECT id, config, enabled FROM alert_channels WHERE workspace_id = ${workspaceId} ORDER BY created_at`);
    return rows.map((r) => ({ id: r.id, enabled: r.enabled, ...redact(JSON.parse(r.config) as AlertChannel) }));
  }

  /** False when the workspace has no such channel. */
  async remove(workspaceId: string, id: string): Promise<boolean> {
    const [r] = await this.store.query<{ n: number }>(sql`SELECT count(*) AS n FROM alert_channels WHERE workspace_id = ${workspaceId} AND id = ${id}`);
    if (!r?.n) return false;
    await this.store.exec(sql`DELETE FROM alert_channels WHERE workspace_id = ${workspaceId} AND id = ${id}`);
    this.changed();
    return true;
  }

  /** The ids of the workspace's enabled channels, from memory until a channel is added or removed. */
  enabledIds(workspaceId: string): Promise<string[]> {
    const hit = this.enabled.get(workspaceId);
    if (hit) return hit;
    const ids = this.store.query<{ id: string }>(sql`SELECT id FROM alert_channels WHERE workspace_id = ${workspaceId} AND enabled`).then((rows) => rows.map((r) => r.id));
    if (this.enabled.size > 10_000) this.enabled.clear();
    this.enabled.set(workspaceId, ids);
    ids.catch(() => { if (this.enabled.get(workspaceId) === ids) this.enabled.delete(workspaceId); });
    return ids;
  }

  /** The workspaces with at least one enabled channel. */
  async workspacesWithEnabled(): Promise<string[]> {
    const rows = await this.store.query<{ workspace_id: string }>(sql`SELECT DISTINCT workspace_id FROM alert_channels WHERE enabled`);
    return rows.map((r) => r.workspace_id);
  }

  /** After a change is committed: a read started before it may have cached the old ids; later reads see the change. */
  private changed(): void {
    this.enabled.clear();
  }
}

/** Secrets and passwords are never returned by the API. */
function redact(c: AlertChannel) {
  if (c.kind === 'webhook') return { ...c, secret: '••••' };
  if (c.kind === 'email') return { ...c, smtp: { ...c.smtp, pass: c.smtp.pass ? '••••' : undefined } };
  return c;
}
