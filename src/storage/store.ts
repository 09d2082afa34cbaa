import type { TouchEvent } from '../ingest/event.ts';
import type { SequenceSnapshot } from './sequences.ts';
import type { Dialect, Sql } from './sql.ts';

/** Identity changes made while resolving a batch; applied in the same transaction as its events. */
export interface IdentityChanges {
  /** New identity → customer links. */
  added: { workspaceId: string; identity: string; customerId: string; at: number }[];
  /** Customers folded into another: every identity and event of `from` moves to `to`. */
  merged: { workspaceId: string; from: string; to: string; at: number }[];
}

/** Rows for one table, values in column order (text, integer, boolean, time or null), appended as they are. */
export interface TableRows { table: 'survey_responses' | 'cases' | 'case_audit'; rows: readonly (string | number | boolean | Date | null)[][] }

/**
 * The storage boundary. Callers describe queries once with `sql` and the store compiles them for its
 * dialect; the embedded backend is DuckDB, a scale-out backend (ClickHouse for events, PostgreSQL for
 * state) implements the same interface.
 */
export interface Store {
  readonly dialect: Dialect;
  /** Creates tables if missing. */
  init(): Promise<void>;
  close(): Promise<void>;
  query<T = Record<string, unknown>>(q: Sql): Promise<T[]>;
  exec(q: Sql): Promise<void>;
  /**
   * Appends events and applies identity changes atomically; resolves once durable on disk. `also`:
   * statements and rows committed in the same transaction (a survey response stored with its event).
   */
  commitIngest(events: readonly TouchEvent[], identities: IdentityChanges, also?: readonly (Sql | TableRows)[]): Promise<void>;
  /**
   * Stores that keep per-customer event sequences (storage/sequences.ts): what a query needs to read
   * them for a workspace (with the codes of `names`), or null when they cannot answer it now.
   */
  sequences?(workspaceId: string, names?: readonly string[]): Promise<SequenceSnapshot | null>;
  /** Runs statements in one transaction (state tables: workspaces, journeys, surveys…). */
  transaction<T>(fn: (tx: Pick<Store, 'query' | 'exec'>) => Promise<T>): Promise<T>;
  /**
   * Stores with a single writer (embedded DuckDB): runs statements in one transaction on a connection
   * of its own, not behind the writer, so ingest commits go on meanwhile. It sees the data committed
   * when it starts. Only for tables no other writer touches (derived data such as the journey map's
   * facts), else the two transactions conflict; callers serialise their own work.
   */
  sideTransaction?<T>(fn: (tx: Pick<Store, 'query' | 'exec'>) => Promise<T>): Promise<T>;
}
