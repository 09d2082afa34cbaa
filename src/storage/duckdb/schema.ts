/**
 * DuckDB tables. The column order of `events` is the spool's order (spool.ts). Its `properties`,
 * `traits` and `context` hold JSON text as VARCHAR: ingest has validated and serialised them, and the
 * JSON type would parse every value again on insert (1.5–3 µs a row); json_* functions read VARCHAR
 * alike. Files created before keep their JSON columns, which accept the same inserts.
 */
export const DUCKDB_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS workspaces (
     id VARCHAR NOT NULL, name VARCHAR NOT NULL, write_key VARCHAR NOT NULL,
     secret_hash VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS events (
     workspace_id VARCHAR NOT NULL, message_id VARCHAR NOT NULL, type VARCHAR NOT NULL,
     event VARCHAR NOT NULL, name VARCHAR, customer_id VARCHAR NOT NULL,
     anonymous_id VARCHAR, user_id VARCHAR, previous_id VARCHAR, group_id VARCHAR,
     channel VARCHAR NOT NULL, device VARCHAR, source VARCHAR,
     ts TIMESTAMP NOT NULL, received_at TIMESTAMP NOT NULL,
     properties VARCHAR, traits VARCHAR, context VARCHAR)`,
  // Per-customer event sequences for funnels and paths (storage/sequences.ts), compacted from
  // `events` up to row `sequence_state.last_rowid` (duckdb/sequence-compactor.ts).
  `CREATE TABLE IF NOT EXISTS event_codes (code INTEGER NOT NULL, event VARCHAR NOT NULL, interaction BOOLEAN NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS customer_sequences (
     workspace_id VARCHAR NOT NULL, customer_id VARCHAR NOT NULL, codes INTEGER[] NOT NULL, times BIGINT[][] NOT NULL,
     firsts BIGINT[], lasts BIGINT[], keys BIGINT[], tied BOOLEAN)`,
  `CREATE TABLE IF NOT EXISTS sequence_state (last_rowid BIGINT NOT NULL)`,
  `INSERT INTO sequence_state SELECT -1 WHERE NOT EXISTS (SELECT 1 FROM sequence_state)`,
  // Files from before `firsts`/`lasts`/`keys`/`tied`: the columns are added, and the sequences rebuilt
  // from the events (derived data) by the compaction init() runs next — watermark first, then the rows.
  ...['firsts BIGINT[]', 'lasts BIGINT[]', 'keys BIGINT[]', 'tied BOOLEAN'].map((c) => `ALTER TABLE customer_sequences ADD COLUMN IF NOT EXISTS ${c}`),
  `UPDATE sequence_state SET last_rowid = -1 WHERE EXISTS (SELECT 1 FROM customer_sequences WHERE keys IS NULL OR firsts IS NULL)`,
  `DELETE FROM customer_sequences WHERE keys IS NULL OR firsts IS NULL`,
  `CREATE TABLE IF NOT EXISTS identities (
     workspace_id VARCHAR NOT NULL, identity VARCHAR NOT NULL, customer_id VARCHAR NOT NULL,
     created_at TIMESTAMP NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS customer_merges (
     workspace_id VARCHAR NOT NULL, from_customer VARCHAR NOT NULL, to_customer VARCHAR NOT NULL,
     merged_at TIMESTAMP NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS journey_versions (
     workspace_id VARCHAR NOT NULL, journey_id VARCHAR NOT NULL, version INTEGER NOT NULL,
     definition JSON NOT NULL, created_at TIMESTAMP NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS surveys (
     workspace_id VARCHAR NOT NULL, id VARCHAR NOT NULL, definition JSON NOT NULL, status VARCHAR NOT NULL,
     deleted BOOLEAN NOT NULL DEFAULT FALSE, created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS survey_responses (
     workspace_id VARCHAR NOT NULL, response_id VARCHAR NOT NULL, survey_id VARCHAR NOT NULL,
     customer_id VARCHAR, anonymous_id VARCHAR, user_id VARCHAR, answers JSON NOT NULL, language VARCHAR,
     complete BOOLEAN NOT NULL, touchpoint_id VARCHAR, stage_id VARCHAR, channel VARCHAR, persona VARCHAR,
     nps INTEGER, csat INTEGER, ces INTEGER, emotion INTEGER, comment VARCHAR, text_analysis JSON,
     submitted_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS rules (
     workspace_id VARCHAR NOT NULL, id VARCHAR NOT NULL, definition JSON NOT NULL, enabled BOOLEAN NOT NULL,
     last_error VARCHAR, updated_at TIMESTAMP NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS cases (
     workspace_id VARCHAR NOT NULL, id VARCHAR NOT NULL, customer_id VARCHAR, rule_id VARCHAR, reason VARCHAR NOT NULL,
     evidence JSON, owner VARCHAR, team VARCHAR, priority VARCHAR NOT NULL, status VARCHAR NOT NULL,
     resolution_code VARCHAR, sla_due_at TIMESTAMP, created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS case_audit (
     workspace_id VARCHAR NOT NULL, case_id VARCHAR NOT NULL, happened_at TIMESTAMP NOT NULL, actor VARCHAR NOT NULL,
     action VARCHAR NOT NULL, changes JSON)`,
  `CREATE TABLE IF NOT EXISTS users (
     id VARCHAR NOT NULL, email VARCHAR NOT NULL, name VARCHAR, password_hash VARCHAR NOT NULL,
     created_at TIMESTAMP NOT NULL, last_login_at TIMESTAMP)`,
  `CREATE TABLE IF NOT EXISTS memberships (
     user_id VARCHAR NOT NULL, workspace_id VARCHAR NOT NULL, role VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS sessions (
     token_hash VARCHAR NOT NULL, user_id VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL, expires_at TIMESTAMP NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS alert_channels (
     workspace_id VARCHAR NOT NULL, id VARCHAR NOT NULL, kind VARCHAR NOT NULL, name VARCHAR NOT NULL, config JSON NOT NULL,
     enabled BOOLEAN NOT NULL, created_at TIMESTAMP NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS alert_deliveries (
     workspace_id VARCHAR NOT NULL, id VARCHAR NOT NULL, channel_id VARCHAR NOT NULL, payload JSON NOT NULL, status VARCHAR NOT NULL,
     attempts INTEGER NOT NULL, next_attempt_at TIMESTAMP NOT NULL, last_error VARCHAR, created_at TIMESTAMP NOT NULL, delivered_at TIMESTAMP)`,
];
