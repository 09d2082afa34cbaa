import { randomUUID } from 'node:crypto';
import { sql } from '../storage/sql.ts';
import type { Store } from '../storage/store.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import type { Role } from './roles.ts';

export interface User { id: string; email: string; name: string | null; createdAt: string; lastLoginAt: string | null }
export interface Membership { workspaceId: string; workspaceName: string; role: Role }
export interface Member extends User { role: Role }

interface UserRow { id: string; email: string; name: string | null; created_at: Date; last_login_at: Date | null }
const toUser = (r: UserRow): User => ({
  id: r.id, email: r.email, name: r.name, createdAt: new Date(r.created_at).toISOString(),
  lastLoginAt: r.last_login_at ? new Date(r.last_login_at).toISOString() : null,
});

export class DuplicateUserError extends Error {}

/** Dashboard users and their role in each workspace. E-mails are compared lower-cased. */
export class Users {
  constructor(private readonly store: Store) {}

  async count(): Promise<number> {
    const rows = await this.store.query<{ n: number | bigint }>(sql`SELECT count(*) AS n FROM users`);
    return Number(rows[0]?.n ?? 0);
  }

  async create(input: { email: string; name?: string; password: string }): Promise<User> {
    const email = input.email.trim().toLowerCase();
    if (await this.findByEmail(email)) throw new DuplicateUserError(`A user with e-mail ${email} already exists.`);
    const id = `usr_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const hash = await hashPassword(input.password);
    await this.store.exec(sql`INSERT INTO users (id, email, name, password_hash, created_at) VALUES (${id}, ${email}, ${input.name ?? null}, ${hash}, ${new Date()})`);
    return (await this.get(id))!;
  }

  async get(id: string): Promise<User | null> {
    const rows = await this.store.query<UserRow>(sql`SELECT id, email, name, created_at, last_login_at FROM users WHERE id = ${id}`);
    return rows[0] ? toUser(rows[0]) : null;
  }

  async findByEmail(email: string): Promise<User | null> {
    const rows = await this.store.query<UserRow>(
      sql`SELECT id, email, name, created_at, last_login_at FROM users WHERE email = ${email.trim().toLowerCase()}`);
    return rows[0] ? toUser(rows[0]) : null;
  }

  /** The user when the password matches; null otherwise (same answer for an unknown e-mail). */
  async authenticate(email: string, password: string): Promise<User | null> {
    const rows = await this.store.query<{ id: string; password_hash: string }>(
      sql`SELECT id, password_hash FROM users WHERE email = ${email.trim().toLowerCase()}`);
    if (!rows[0]) return null;
    if (!(await verifyPassword(password, rows[0].password_hash))) return null;
    await this.store.exec(sql`UPDATE users SET last_login_at = ${new Date()} WHERE id = ${rows[0].id}`);
    return this.get(rows[0].id);
  }

  async setPassword(id: string, password: string): Promise<void> {
    await this.store.exec(sql`UPDATE users SET password_hash = ${await hashPassword(password)} WHERE id = ${id}`);
  }

  /** The user and their workspaces in one read (every dashboard API call resolves its login with it). */
  async withMemberships(userId: string): Promise<{ user: User; memberships: Membership[] } | null> {
    const rows = await this.store.query<UserRow & { workspace_id: string | null; ws_name: string | null; role: Role | null }>(sql`
      SELECT u.id, u.email, u.name, u.created_at, u.last_login_at, m.workspace_id, w.name AS ws_name, m.role
      FROM users u LEFT JOIN memberships m ON m.user_id = u.id LEFT JOIN workspaces w ON w.id = m.workspace_id
      WHERE u.id = ${userId} ORDER BY m.created_at`);
    if (!rows[0]) return null;
    const memberships = rows.filter((r) => r.workspace_id && r.ws_name && r.role)
      .map((r) => ({ workspaceId: r.workspace_id!, workspaceName: r.ws_name!, role: r.role! }));
    return { user: toUser(rows[0]), memberships };
  }



  async members(workspaceId: string): Promise<Member[]> {
    const rows = await this.store.query<UserRow & { role: Role }>(sql`
      SELECT u.id, u.email, u.name, u.created_at, u.last_login_at, m.role FROM memberships m JOIN users u ON u.id = m.user_id
      WHERE m.workspace_id = ${workspaceId} ORDER BY u.email`);
    return rows.map((r) => ({ ...toUser(r), role: r.role }));
  }

  /** Adds the user to the workspace, or changes their role there. */
  async setRole(userId: string, workspaceId: string, role: Role): Promise<void> {
    await this.store.transaction(async (tx) => {
      await tx.exec(sql`DELETE FROM memberships WHERE user_id = ${userId} AND workspace_id = ${workspaceId}`);
      await tx.exec(sql`INSERT INTO memberships VALUES (${userId}, ${workspaceId}, ${role}, ${new Date()})`);
    });
  }

  async removeFromWorkspace(userId: string, workspaceId: string): Promise<void> {
    await this.store.exec(sql`DELETE FROM memberships WHERE user_id = ${userId} AND workspace_id = ${workspaceId}`);
  }
}
