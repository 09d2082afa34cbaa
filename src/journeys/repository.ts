import { sql } from '../storage/sql.ts';
import type { Store } from '../storage/store.ts';
import type { Journey } from './definition.ts';

export interface StoredJourney {
  journey: Journey;
  version: number;
  createdAt: string;
}

/**
 * Journey versions: every saved change is a new, immutable version (1, 2, 3…); saving a definition
 * identical to the latest returns the latest version instead of adding a copy. Analytics can be asked
 * for any version.
 */
export class JourneyRepository {
  /** Parsed versions are immutable, so they are cached by (workspace, id, version). */
  private cache = new Map<string, Journey>();

  /**
   * What `current` read, per (workspace, id or '' for the primary journey), until a save commits a new
   * version (journeys change only through save): survey submissions read the stages on every batch.
   */
  private readonly latest = new Map<string, Promise<StoredJourney | null>>();

  constructor(private readonly store: Store) {}

  async save(workspaceId: string, journey: Journey): Promise<StoredJourney & { created: boolean }> {
    const text = JSON.stringify(journey);
    const saved = await this.store.transaction(async (tx) => {
      const latest = await tx.query<{ version: number; definition: string; created_at: Date }>(sql`
        SELECT version, definition, created_at FROM journey_versions
        WHERE workspace_id = ${workspaceId} AND journey_id = ${journey.id} ORDER BY version DESC LIMIT 1`);
      if (latest[0] && latest[0].definition === text) {
        return { journey, version: latest[0].version, createdAt: latest[0].created_at.toISOString(), created: false };
      }
      const version = (latest[0]?.version ?? 0) + 1;
      const now = new Date();
      await tx.exec(sql`INSERT INTO journey_versions VALUES (${workspaceId}, ${journey.id}, ${version}, ${text}, ${now})`);
      return { journey, version, createdAt: now.toISOString(), created: true };
    });
    // After the commit: a read started before it may have cached the previous version; any read
    // cached from here on sees the new one.
    if (saved.created) this.latest.clear();
    return saved;
  }

  /** The given version, or the latest when `version` is omitted; null when unknown. */
  async get(workspaceId: string, id: string, version?: number): Promise<StoredJourney | null> {
    const rows = await this.store.query<{ version: number; definition: string; created_at: Date }>(sql`
      SELECT version, definition, created_at FROM journey_versions
      WHERE workspace_id = ${workspaceId} AND journey_id = ${id} ${version !== undefined ? sql`AND version = ${version}` : sql``}
      ORDER BY version DESC LIMIT 1`);
    const row = rows[0];
    if (!row) return null;
    const key = `${workspaceId}\u0000${id}\u0000${row.version}`;
    let journey = this.cache.get(key);
    if (!journey) this.cache.set(key, (journey = JSON.parse(row.definition) as Journey));
    return { journey, version: row.version, createdAt: row.created_at.toISOString() };
  }

  /**
   * The latest version of `id`, or the workspace's primary journey when `id` is omitted, from memory
   * until a journey is saved: instead of one or two queries per call.
   */
  current(workspaceId: string, id?: string): Promise<StoredJourney | null> {
    const key = `${workspaceId}\u0000${id ?? ''}`;
    const hit = this.latest.get(key);
    if (hit) return hit;
    const journey = id ? this.get(workspaceId, id) : this.primary(workspaceId);
    if (this.latest.size > 10_000) this.latest.clear();
    this.latest.set(key, journey);
    journey.catch(() => { if (this.latest.get(key) === journey) this.latest.delete(key); });
    return journey;
  }

  async versions(workspaceId: string, id: string): Promise<{ version: number; createdAt: string }[]> {
    const rows = await this.store.query<{ version: number; created_at: Date }>(sql`
      SELECT version, created_at FROM journey_versions WHERE workspace_id = ${workspaceId} AND journey_id = ${id} ORDER BY version`);
    return rows.map((r) => ({ version: r.version, createdAt: r.created_at.toISOString() }));
  }

  /** Latest version of every journey, most recently changed first. */
  async list(workspaceId: string): Promise<{ id: string; name: string; version: number; stages: number; updatedAt: string }[]> {
    const rows = await this.store.query<{ journey_id: string; version: number; definition: string; created_at: Date }>(sql`
      SELECT journey_id, version, definition, created_at FROM (
        SELECT *, row_number() OVER (PARTITION BY journey_id ORDER BY version DESC) AS rn
        FROM journey_versions WHERE workspace_id = ${workspaceId}) AS v
      WHERE rn = 1 ORDER BY created_at DESC, journey_id`);
    return rows.map((r) => {
      const j = JSON.parse(r.definition) as Journey;
      return { id: r.journey_id, name: j.name, version: r.version, stages: j.stages.length, updatedAt: r.created_at.toISOString() };
    });
  }

  /** The journey the product shows by default: the most recently changed one. */
  async primary(workspaceId: string): Promise<StoredJourney | null> {
    const [first] = await this.list(workspaceId);
    return first ? this.get(workspaceId, first.id) : null;
  }
}
