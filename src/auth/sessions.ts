import { createHash, randomBytes } from 'node:crypto';
import { sql } from '../storage/sql.ts';
import type { Store } from '../storage/store.ts';

export const SESSION_COOKIE = 'tp_session';
/** Sessions last 14 days, like most analytics dashboards (PostHog, Umami keep users logged in for weeks). */
export const SESSION_TTL_MS = 14 * 24 * 3600 * 1000;

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Login sessions: the cookie holds a random token, the database only its hash. */
export class Sessions {
  private cache = new Map<string, { userId: string; expiresAt: number }>();

  constructor(private readonly store: Store) {}

  async create(userId: string): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
    await this.store.exec(sql`INSERT INTO sessions VALUES (${hash(token)}, ${userId}, ${now}, ${expiresAt})`);
    return { token, expiresAt };
  }

  /** The session's user id, or null when the token is unknown or expired. */
  async resolve(token: string): Promise<string | null> {
    const h = hash(token);
    const hit = this.cache.get(h);
    if (hit) return hit.expiresAt > Date.now() ? hit.userId : null;
    const rows = await this.store.query<{ user_id: string; expires_at: Date }>(
      sql`SELECT user_id, expires_at FROM sessions WHERE token_hash = ${h}`);
    if (!rows[0]) return null;
    const expiresAt = new Date(rows[0].expires_at).getTime();
    this.cache.set(h, { userId: rows[0].user_id, expiresAt });
    return expiresAt > Date.now() ? rows[0].user_id : null;
  }

  async destroy(token: string): Promise<void> {
    const h = hash(token);
    this.cache.delete(h);
    await this.store.exec(sql`DELETE FROM sessions WHERE token_hash = ${h}`);
  }
}
