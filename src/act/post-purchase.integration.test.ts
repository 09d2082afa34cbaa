import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/app.ts';

let t: TestApp;
beforeEach(async () => { t = await createTestApp(); });
afterEach(async () => { await t.close(); });

describe('post-purchase metrics', () => {
  it('counts on-time delivery, WISMO, returns with reasons, reviews and buying again after a return', async () => {
    const at = (d: number) => new Date(Date.UTC(2026, 9, 1 + d)).toISOString();
    const batch = [
      // Order 1: on time, reviewed 5; order 2: late, WISMO chat, returned (damaged), then bought again; order 3: on time, exchanged.
      { userId: 'a', event: 'Order Completed', properties: { order_id: '1' }, timestamp: at(0) },
      { userId: 'a', event: 'Order Delivered', properties: { order_id: '1', promised_at: at(3), delivered_at: at(2) }, timestamp: at(2) },
      { userId: 'a', event: 'Product Reviewed', properties: { rating: 5 }, timestamp: at(4) },
      { userId: 'b', event: 'Order Completed', properties: { order_id: '2' }, timestamp: at(0) },
      { userId: 'b', event: 'Support Chat Started', properties: { topic: 'where is my order' }, timestamp: at(4) },
      { userId: 'b', event: 'Order Delivered', properties: { order_id: '2', promised_at: at(3), delivered_at: at(5) }, timestamp: at(5) },
      { userId: 'b', event: 'Return Requested', properties: { order_id: '2', reason: 'damaged' }, timestamp: at(6) },
      { userId: 'b', event: 'Order Completed', properties: { order_id: '4' }, timestamp: at(9) },
      { userId: 'c', event: 'Order Completed', properties: { order_id: '3' }, timestamp: at(0) },
      { userId: 'c', event: 'Order Delivered', properties: { order_id: '3', promised_at: at(3), delivered_at: at(3) }, timestamp: at(3) },
      { userId: 'c', event: 'Exchange Requested', properties: { order_id: '3', reason: 'wrong size' }, timestamp: at(7) },
      { userId: 'c', event: 'Product Reviewed', properties: { rating: 2 }, timestamp: at(8) },
    ].map((m) => ({ type: 'track', ...m }));
    const r = await t.app.inject({ method: 'POST', url: '/v1/batch', headers: { authorization: t.basic, 'content-type': 'application/json' }, payload: JSON.stringify({ batch }) });
    expect(r.statusCode).toBe(200);
    const m = (await t.app.inject({ method: 'GET', url: '/api/v1/metrics/post-purchase', headers: { authorization: t.bearer } })).json();
    expect(m).toMatchObject({
      orders: 4, deliveries: 3, onTimeDeliveryRate: 0.6667, wismoContacts: 1, wismoPerOrder: 0.25,
      returnRate: 0.25, exchangeRate: 0.25, returnReasons: [{ reason: 'damaged', count: 1 }], exchangeReasons: [{ reason: 'wrong size', count: 1 }],
      reviewRate: 0.5, averageRating: 3.5, repeatPurchaseAfterReturn: 1, customersWhoReturned: 1,
    });
  });
});
