/**
 * The journey map's per-customer facts (map-facts-sql.ts) kept per journey version, so that a map
 * over all of a workspace's events aggregates ~1 M small rows instead of running every touchpoint
 * matcher over every event (BENCHMARKS.md, "Funnel": the CASE, the JSON and the 10 M-row
 * aggregations were ~6 of the map's ~8 CPU-seconds).
 *
 * Two tables per key: `journey_map_events`, the journey's events, narrow (`jm_ev`: touchpoint, goal
 * and friction events with their codes), and `journey_map_facts`, computed from them. A customer's
 * facts follow from that customer's events alone. So the first map of a journey version builds both
 * from every event; each later map first folds in what changed since the watermark: events appended
 * after `last_rowid` (events are never deleted and an UPDATE keeps row ids, as for the customer
 * sequences) are classified once and appended, customers merged after `last_merge_rowid` get their
 * stored events moved, and the facts of just the customers concerned are recomputed from all their
 * stored events. Late events (older timestamps) and merges are therefore exact, and every map sees
 * every event committed before it started.
 *
 * The key is a hash of the stages (touchpoints, matchers, goals) and FACTS_VERSION: a new journey
 * version with other stages gets other facts; the same definition (a template, or an unchanged
 * version) shares them. At most KEEP_KEYS keys per workspace are kept (least recently refreshed go).
 *
 * A map over a time range that leaves events out reads the kept events in range (`storedEvents`)
 * instead of classifying every event again: the same rows the scan plan's `jm_ev` would give, less
 * the ones no step reads.
 *
 * Embedded DuckDB only (row ids); other stores use the scan plan. Every change runs in one
 * transaction, so a crash leaves the previous facts and watermark. That transaction runs on the
 * store's side connection (Store.sideTransaction), not behind its write lock: a first build takes
 * 10–25 s on 10 M events, and ingest commits go on meanwhile. Ingest never writes these tables, so
 * the two never conflict; the fold reads the events as committed when it started (its watermark is
 * that snapshot's highest row id, so later events are the next map's tail). Map-store work of one
 * store is serialised (`write`): two maps arriving together build once, the second finds it done.
 *
 * The parts: map-store-tables.ts (the tables and keys), map-store-refresh.ts (building and folding
 * in, with map-store-build.ts computing facts from kept events), map-store-read.ts (what the map's
 * plans read).
 */
export { keepsMapFacts, mapFactsKey } from './map-store-tables.ts';
export { forgetMapFacts, refreshMapFacts, type MapFactsExtent } from './map-store-refresh.ts';
export { storedEvents, storedFacts } from './map-store-read.ts';
