import { generateDemoArray } from '../../src/demo/index.ts';
import { getTemplate } from '../../src/journeys/templates/index.ts';
import { createTestApp, type TestApp } from './app.ts';

/** An in-process app whose workspace holds the generated music store (small) and the five-stage journey. */
export async function createDemoApp(customers = 300): Promise<TestApp> {
  const t = await createTestApp();
  const messages = generateDemoArray({ customers, days: 120, end: new Date(Date.UTC(2026, 10, 1)) });
  for (let i = 0; i < messages.length; i += 5000) {
    const r = await t.services.ingest.ingest({ workspaceId: t.ws.id, messages: messages.slice(i, i + 5000) });
    if (r.rejected.length) throw new Error(`demo rejected: ${JSON.stringify(r.rejected[0])}`);
  }
  await t.services.journeys.save(t.ws.id, getTemplate('five-stage')!);
  await t.services.settle();
  return t;
}
