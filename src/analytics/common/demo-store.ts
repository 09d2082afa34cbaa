import { createServices } from '../../api/services.ts';
import { loadConfig } from '../../config/config.ts';
import { generateDemoArray } from '../../demo/generate-demo.ts';
import { DuckDBStore } from '../../storage/duckdb/duckdb-store.ts';

/**
 * Test helper: the demo shop's messages for `customers` customers, ingested through the real
 * pipeline (validation, identity stitching) into an in-memory DuckDB. For analytics tests that check
 * invariants on realistic data.
 */
export async function demoStore(customers: number): Promise<{ store: DuckDBStore; workspaceId: string }> {
  const store = await DuckDBStore.open(':memory:');
  const services = await createServices(loadConfig({ logLevel: 'silent' }, {}), store);
  const ws = await services.workspaces.create('demo');
  const messages = generateDemoArray({ customers });
  for (let i = 0; i < messages.length; i += 5000) {
    await services.ingest.ingest({ workspaceId: ws.id, messages: messages.slice(i, i + 5000) });
  }
  // Rules evaluate the ingested events in the background; let them finish before the store is used.
  await services.settle();
  return { store, workspaceId: ws.id };
}
