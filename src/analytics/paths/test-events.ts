import type { TouchEvent } from '../../ingest/event.ts';
import type { DuckDBStore } from '../../storage/duckdb/duckdb-store.ts';
import { sql } from '../../storage/sql.ts';

/**
 * Tests only: the store holds exactly `events`. With `split`, the first `split` of them are first
 * folded into the stored customer sequences and the rest arrive after, so paths are read from
 * stored sequences, from the tail, and from both. (Deleting events is a test-only shortcut: the
 * product never deletes them, so the sequences are cleared by hand here.)
 */
export async function replaceEvents(store: DuckDBStore, events: readonly TouchEvent[], split: number | null): Promise<void> {
  await store.exec(sql`DELETE FROM events`);
  await store.exec(sql`DELETE FROM customer_sequences`);
  if (split === null) {
    await store.commitIngest(events, { added: [], merged: [] });
    return;
  }
  await store.commitIngest(events.slice(0, split), { added: [], merged: [] });
  await store.compactSequences();
  await store.commitIngest(events.slice(split), { added: [], merged: [] });
}
