import { randomBytes } from 'node:crypto';
import { sql } from '../../storage/sql.ts';
import type { Store } from '../../storage/store.ts';
import type { Survey, SurveyInput } from './definition.ts';

const newSurveyId = () => `srv_${randomBytes(9).toString('base64url')}`;

/** Surveys per workspace. Deleting hides a survey but keeps its responses (their metrics stay explainable). */
export class SurveyRepository {
  /**
   * Definitions by workspace and id: read on every submission, changed rarely, and only through this
   * repository (the server owns the data file), so updates and deletes here keep it exact.
   */
  private readonly cache = new Map<string, Survey>();

  constructor(private readonly store: Store) {}

  async create(workspaceId: string, input: SurveyInput): Promise<Survey> {
    const now = new Date().toISOString();
    const survey = complete({ ...input, id: newSurveyId(), createdAt: now, updatedAt: now });
    await this.store.exec(sql`INSERT INTO surveys VALUES (${workspaceId}, ${survey.id}, ${JSON.stringify(survey)}, ${survey.status}, FALSE, ${new Date(now)}, ${new Date(now)})`);
    return survey;
  }

  async get(workspaceId: string, id: string): Promise<Survey | null> {
    const survey = await this.peek(workspaceId, id);
    return survey ? structuredClone(survey) : null;
  }

  /**
   * The cached definition itself, for readers that do not change it: submissions read it twice each,
   * and the copy `get` makes for callers that edit it cost ~30 µs a time.
   */
  async peek(workspaceId: string, id: string): Promise<Readonly<Survey> | null> {
    const key = `${workspaceId}\u0000${id}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const rows = await this.store.query<{ definition: string }>(sql`
      SELECT definition FROM surveys WHERE workspace_id = ${workspaceId} AND id = ${id} AND NOT deleted`);
    if (!rows[0]) return null;
    const survey = JSON.parse(rows[0].definition) as Survey;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(key, survey);
    return survey;
  }

  /** The survey by id alone, for public pages and write-key submissions (which name their workspace separately). */
  async getPublic(id: string): Promise<{ workspaceId: string; survey: Survey } | null> {
    const rows = await this.store.query<{ workspace_id: string; definition: string }>(sql`
      SELECT workspace_id, definition FROM surveys WHERE id = ${id} AND NOT deleted`);
    return rows[0] ? { workspaceId: rows[0].workspace_id, survey: JSON.parse(rows[0].definition) as Survey } : null;
  }

  async list(workspaceId: string): Promise<Survey[]> {
    const rows = await this.store.query<{ definition: string }>(sql`
      SELECT definition FROM surveys WHERE workspace_id = ${workspaceId} AND NOT deleted ORDER BY created_at DESC`);
    return rows.map((r) => JSON.parse(r.definition) as Survey);
  }

  async update(workspaceId: string, id: string, input: SurveyInput): Promise<Survey | null> {
    const current = await this.get(workspaceId, id);
    if (!current) return null;
    const now = new Date().toISOString();
    const survey = complete({ ...input, id, createdAt: current.createdAt, updatedAt: now });
    this.cache.delete(`${workspaceId}\u0000${id}`);
    await this.store.exec(sql`UPDATE surveys SET definition = ${JSON.stringify(survey)}, status = ${survey.status}, updated_at = ${new Date(now)}
      WHERE workspace_id = ${workspaceId} AND id = ${id}`);
    this.cache.delete(`${workspaceId}\u0000${id}`);
    return survey;
  }

  async delete(workspaceId: string, id: string): Promise<boolean> {
    if (!(await this.get(workspaceId, id))) return false;
    this.cache.delete(`${workspaceId}\u0000${id}`);
    await this.store.exec(sql`UPDATE surveys SET deleted = TRUE, updated_at = ${new Date()} WHERE workspace_id = ${workspaceId} AND id = ${id}`);
    this.cache.delete(`${workspaceId}\u0000${id}`);
    return true;
  }
}

function complete(s: Omit<Survey, 'languages' | 'defaultLanguage'> & Partial<Pick<Survey, 'languages' | 'defaultLanguage'>>): Survey {
  const languages = s.languages ?? ['en'];
  return { ...s, languages, defaultLanguage: s.defaultLanguage ?? languages[0] } as Survey;
}
