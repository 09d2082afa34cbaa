import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';

let t: TestApp;
beforeEach(async () => { t = await createTestApp(); });
afterEach(async () => { await t.close(); });

const DAY = 86_400_000;
const at = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY).toISOString();
const track = (userId: string, event: string, daysAgo: number) => t.app.inject({ method: 'POST', url: '/v1/track',
  headers: { authorization: t.basic, 'content-type': 'application/json' }, payload: JSON.stringify({ userId, event, timestamp: at(daysAgo) }) });
const atRisk = async (query: string) => {
  const r = await t.app.inject({ method: 'GET', url: `/api/v1/churn/at-risk?${query}`, headers: { authorization: t.bearer } });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as { customers: { id: string; label: string | null }[]; model: unknown };
};

describe('GET /api/v1/churn/at-risk?seenWithinDays=', () => {
  it('keeps only customers seen in the last N days of the data, the ones who can still be reached', async () => {
    // 15 customers still coming (last seen 10 days ago), 15 gone since 95 days ago.
    for (let i = 0; i < 15; i++) {
      await track(`stay-${i}`, 'Product Viewed', 120); await track(`stay-${i}`, 'Order Completed', 100); await track(`stay-${i}`, 'Product Viewed', 10 + i / 10);
      await track(`gone-${i}`, 'Product Viewed', 120); await track(`gone-${i}`, 'Product Viewed', 95 + i / 10);
    }
    await t.services.settle();
    const all = await atRisk('limit=100');
    expect(all.model).not.toBeNull();
    expect(all.customers).toHaveLength(30);
    const reachable = await atRisk('limit=100&seenWithinDays=30');
    expect(reachable.customers.map((c) => c.label).sort()).toEqual(Array.from({ length: 15 }, (_, i) => `stay-${i}`).sort());
    expect((await atRisk('limit=5&seenWithinDays=30')).customers).toHaveLength(5);
  });

  it('refuses a nonsense window', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/churn/at-risk?seenWithinDays=-3', headers: { authorization: t.bearer } });
    expect(r.statusCode).toBe(400);
  });
});
