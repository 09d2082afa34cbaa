import { sql } from '../storage/sql.ts';
import type { Store } from '../storage/store.ts';
import { hashSecret, newSecretKey, newWorkspaceId, newWriteKey } from './keys.ts';

export interface Workspace {
  id: string;
  name: string;
  writeKey: string;
}

export interface CreatedWorkspace extends Workspace {
  /** Shown once, at creation; only its hash is stored. */
  secretKey: string;
}

/** Workspaces and their keys, with key lookups cached (every ingest request checks one). */
export class Workspaces {
  private byWrite = new Map<string, Workspace>();
  private bySecretHash = new Map<string, Workspace>();

  constructor(private readonly store: Store) {}

  async create(name: string, keys: { writeKey?: string; secretKey?: string } = {}): Promise<CreatedWorkspace> {
    const ws: CreatedWorkspace = {
      id: newWorkspaceId(), name,
      writeKey: keys.writeKey ?? newWriteKey(), secretKey: keys.secretKey ?? newSecretKey(),
    };
    if (await this.findByWriteKey(ws.writeKey)) throw new Error('write key already in use by another workspace');
    await this.store.exec(sql`INSERT INTO workspaces VALUES (${ws.id}, ${name}, ${ws.writeKey}, ${hashSecret(ws.secretKey)}, ${new Date()})`);
    return ws;
  }

  async list(): Promise<Workspace[]> {
    const rows = await this.store.query<{ id: string; name: string; write_key: string }>(
      sql`SELECT id, name, write_key FROM workspaces ORDER BY created_at`);
    return rows.map((r) => ({ id: r.id, name: r.name, writeKey: r.write_key }));
  }

  async get(id: string): Promise<Workspace | null> {
    const rows = await this.store.query<{ id: string; name: string; write_key: string }>(
      sql`SELECT id, name, write_key FROM workspaces WHERE id = ${id}`);
    return rows[0] ? { id: rows[0].id, name: rows[0].name, writeKey: rows[0].write_key } : null;
  }

  async findByWriteKey(writeKey: string): Promise<Workspace | null> {
    const hit = this.byWrite.get(writeKey);
    if (hit) return hit;
    const rows = await this.store.query<{ id: string; name: string }>(sql`SELECT id, name FROM workspaces WHERE write_key = ${writeKey}`);
    if (!rows[0]) return null;
    const ws = { id: rows[0].id, name: rows[0].name, writeKey };
    this.byWrite.set(writeKey, ws);
    return ws;
  }

  async findBySecretKey(secretKey: string): Promise<Workspace | null> {
    const h = hashSecret(secretKey);
    const hit = this.bySecretHash.get(h);
    if (hit) return hit;
    const rows = await this.store.query<{ id: string; name: string; write_key: string }>(
      sql`SELECT id, name, write_key FROM workspaces WHERE secret_hash = ${h}`);
    if (!rows[0]) return null;
    const ws = { id: rows[0].id, name: rows[0].name, writeKey: rows[0].write_key };
    this.bySecretHash.set(h, ws);
    return ws;
  }

  async rename(id: string, name: string): Promise<void> {
    await this.store.exec(sql`UPDATE workspaces SET name = ${name} WHERE id = ${id}`);
    this.byWrite.clear();
    this.bySecretHash.clear();
  }

  /** Makes `secretKey` the workspace's secret (used when TOUCHPOINT_SECRET_KEY is set). */
  async setKeys(id: string, keys: { writeKey?: string; secretKey?: string }): Promise<void> {
    if (keys.writeKey) await this.store.exec(sql`UPDATE workspaces SET write_key = ${keys.writeKey} WHERE id = ${id}`);
    if (keys.secretKey) await this.store.exec(sql`UPDATE workspaces SET secret_hash = ${hashSecret(keys.secretKey)} WHERE id = ${id}`);
    this.byWrite.clear();
    this.bySecretHash.clear();
  }
}
