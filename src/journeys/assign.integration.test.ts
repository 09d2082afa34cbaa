import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, type TouchEvent } from '../ingest/event.ts';
import { DuckDBStore } from '../storage/duckdb/duckdb-store.ts';
import { sql } from '../storage/sql.ts';
import { stageCaseSql, touchpointCaseSql, touchpointOf } from './assign.ts';
import { TEMPLATE_IDS, getTemplate } from './templates/index.ts';
import { T0, ev } from './test-events.ts';

/** touchpointCaseSql / stageCaseSql on real DuckDB give the same answer as touchpointOf, for every template. */
const NAMES = ['Ad Clicked', 'Campaign Viewed', 'Email Link Clicked', 'Products Searched', 'Product List Viewed', 'Product Viewed',
  'Product Added', 'Cart Viewed', 'Signed Up', 'Checkout Started', 'Payment Info Entered', 'Payment Failed', 'Order Completed',
  'Order Shipped', 'Order Delivered', 'Return Requested', 'Exchange Requested', 'Return Completed', 'Order Refunded',
  'Product Reviewed', 'Support Chat Started', 'Call Completed', 'Signed In', 'Application Opened', 'Referral Sent', 'Page Load', 'Error'];
const PATHS = ['/', '/blog/first-guitar', '/c/amps', '/p/strat', '/account/orders/o1', '/checkout'];

/** Every track event on every channel with assorted ratings; pages and screens with assorted paths, names and campaigns. */
function makeEvents(): TouchEvent[] {
  const out: TouchEvent[] = [];
  const next = (over: Partial<TouchEvent>) => out.push(ev({ messageId: `e${String(out.length).padStart(5, '0')}`, timestamp: T0 + out.length, ...over }));
  for (const event of NAMES) for (const channel of CHANNELS) for (const rating of [undefined, 2, 3, 4, 5, '5']) {
    next({ event, channel, properties: rating === undefined ? {} : { rating } });
  }
  PATHS.forEach((path, i) => {
    for (const medium of [undefined, 'cpc', 'email']) {
      const campaign = medium ? { campaign: { medium } } : {};
      next({ type: 'page', event: 'Page Viewed', properties: { path }, context: campaign });
      next({ type: 'page', event: 'Page Viewed', properties: {}, context: { page: { path }, ...campaign } });
    }
    next({ type: 'screen', event: 'Screen Viewed', name: ['Home', 'Order Detail', 'Product Detail'][i % 3], channel: 'app' });
  });
  return out;
}

let store: DuckDBStore;
const events = makeEvents();

beforeAll(async () => {
  store = await DuckDBStore.open(':memory:');
  await store.init();
  await store.commitIngest(events, { added: [], merged: [] });
});
afterAll(async () => { await store?.close(); });

describe.each(TEMPLATE_IDS)('template %s', (id) => {
  const journey = getTemplate(id)!;

  it('CASE expressions match touchpointOf on every event', async () => {
    const rows = await store.query<{ message_id: string; touchpoint: string | null; stage: string | null }>(
      sql`SELECT message_id, ${touchpointCaseSql(journey)} AS touchpoint, ${stageCaseSql(journey)} AS stage FROM events ORDER BY message_id`);
    const expected = events.map((e) => {
      const hit = touchpointOf(journey, e);
      return { message_id: e.messageId, touchpoint: hit?.touchpoint.id ?? null, stage: hit?.stage.id ?? null };
    });
    expect(rows).toEqual(expected);
    // Every touchpoint of the template is hit by some event here, so the comparison covers them all.
    const reached = new Set(rows.map((r) => r.touchpoint));
    expect(journey.stages.flatMap((s) => s.touchpoints.map((t) => t.id)).filter((t) => !reached.has(t))).toEqual([]);
  });
});
