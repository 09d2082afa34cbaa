import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/app.ts';

let t: TestApp;
beforeEach(async () => { t = await createTestApp(); });
afterEach(async () => { await t.close(); });

const api = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, body?: unknown, auth = t.bearer) =>
  t.app.inject({ method, url, headers: { authorization: auth, 'content-type': 'application/json', 'x-actor': 'agent@shop.test' }, payload: body === undefined ? undefined : JSON.stringify(body) });
const track = (body: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/v1/track', headers: { authorization: t.basic, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
const delivered = (userId: string, orderId: string, lateHours: number) => track({ userId, event: 'Order Delivered', messageId: `d-${orderId}`,
  properties: { order_id: orderId, promised_at: '2026-10-01T12:00:00Z', delivered_at: new Date(Date.parse('2026-10-01T12:00:00Z') + lateHours * 3_600_000).toISOString() } });

describe('rules open cases; agents work them', () => {
  it('a late delivery opens one case (cool-down), an on-time one does not', async () => {
    await delivered('late-1', 'o1', 30);
    await delivered('late-1', 'o2', 5);
    await delivered('ontime-1', 'o3', -2);
    await t.services.rules.idle();
    const cases = (await api('GET', '/api/v1/cases')).json().cases;
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ ruleId: 'late-delivery', team: 'fulfilment', status: 'open', priority: 'normal', overdue: false, evidence: { event: 'Order Delivered', properties: { order_id: 'o1' } } });
  });

  it('a detractor response opens a case that an agent works to resolved and closed, all audited', async () => {
    const survey = (await api('POST', '/api/v1/surveys', { name: 'NPS', questions: [{ id: 'nps', type: 'nps', text: { en: 'Recommend us?' } }] })).json();
    await t.app.inject({ method: 'POST', url: '/api/v1/responses', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ writeKey: t.ws.writeKey, surveyId: survey.id, userId: 'det-1', answers: { nps: 2 } }) });
    await t.app.inject({ method: 'POST', url: '/api/v1/responses', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ writeKey: t.ws.writeKey, surveyId: survey.id, userId: 'fan-1', answers: { nps: 10 } }) });
    await t.services.rules.idle();
    const [c] = (await api('GET', '/api/v1/cases?customer=det-1')).json().cases;
    expect(c).toMatchObject({ ruleId: 'detractor', priority: 'high', evidence: { nps: 2 } });
    expect((await api('GET', '/api/v1/cases?customer=fan-1')).json().cases).toEqual([]);
    expect((await api('PATCH', `/api/v1/cases/${c.id}`, { status: 'closed' })).statusCode).toBe(409);
    expect((await api('PATCH', `/api/v1/cases/${c.id}`, { status: 'in_progress', owner: 'ana', note: 'Called the customer' })).json()).toMatchObject({ status: 'in_progress', owner: 'ana' });
    expect((await api('PATCH', `/api/v1/cases/${c.id}`, { status: 'resolved' })).statusCode).toBe(400);
    expect((await api('PATCH', `/api/v1/cases/${c.id}`, { status: 'resolved', resolutionCode: 'refund' })).json().status).toBe('resolved');
    expect((await api('PATCH', `/api/v1/cases/${c.id}`, { status: 'closed' })).json().status).toBe('closed');
    // Resolving put a `Case Resolved` event on the customer's timeline: a follow-up survey can trigger on it.
    await new Promise((r) => setTimeout(r, 100));
    const timeline = (await api('GET', '/api/v1/customers/det-1/timeline')).json();
    expect(timeline.events.find((e: { event: string }) => e.event === 'Case Resolved')).toMatchObject({ properties: { case_id: c.id, resolution_code: 'refund' } });
    const full = (await api('GET', `/api/v1/cases/${c.id}`)).json();
    expect(full.audit.map((a: { action: string }) => a.action)).toEqual(['opened', 'note', 'updated', 'updated', 'updated']);
    expect(full.audit[0].actor).toBe('rule:detractor');
    expect(full.audit.find((a: { action: string; changes: Record<string, unknown> }) => a.action === 'updated' && a.changes.owner)).toMatchObject({ actor: 'agent@shop.test', changes: { status: { from: 'open', to: 'in_progress' }, owner: { from: null, to: 'ana' } } });
    const other = await t.services.workspaces.create('Other');
    expect((await api('GET', `/api/v1/cases/${c.id}`, undefined, `Bearer ${other.secretKey}`)).statusCode).toBe(404);
  });

  it('a batch of responses opens its cases together: one per customer (cool-down), owners spread by load', async () => {
    const rules = (await api('GET', '/api/v1/rules')).json().rules;
    const { lastError: _e, ...detractor } = rules.find((r: { id: string }) => r.id === 'detractor');
    expect((await api('PUT', '/api/v1/rules/detractor', { ...detractor, openCase: { ...detractor.openCase, assignTo: ['ana', 'ben'] } })).statusCode).toBe(200);
    const facts = (customerId: string, nps: number) => ({ customerId, surveyId: 's', responseId: `r-${customerId}-${nps}`, nps });
    await t.services.rules.onResponses(t.ws.id, [facts('c1', 2), facts('c2', 9), facts('c1', 4), facts('c3', 0), facts('c4', 6)]);
    await t.services.rules.idle();
    const cases = (await api('GET', '/api/v1/cases')).json().cases as { customerId: string; owner: string; evidence: { nps: number } }[];
    expect(cases.map((c) => c.customerId).sort()).toEqual(['c1', 'c3', 'c4']);
    expect(cases.find((c) => c.customerId === 'c1')!.evidence.nps).toBe(2);
    expect(cases.map((c) => c.owner).sort()).toEqual(['ana', 'ana', 'ben']);
    // The cool-down holds across batches too.
    await t.services.rules.onResponses(t.ws.id, [facts('c3', 1)]);
    await t.services.rules.idle();
    expect((await api('GET', '/api/v1/cases')).json().cases).toHaveLength(3);
  });

  it('every workspace starts with the default rules, which an admin can change', async () => {
    const rules = (await api('GET', '/api/v1/rules')).json().rules;
    expect(rules.map((r: { id: string }) => r.id)).toEqual(['detractor', 'late-delivery']);
    const off = await api('PUT', '/api/v1/rules/late-delivery', { ...rules[1], enabled: false });
    expect(off.statusCode).toBe(200);
    await delivered('late-2', 'o9', 48);
    await t.services.rules.idle();
    expect((await api('GET', '/api/v1/cases')).json().cases).toEqual([]);
    const vip = await api('PUT', '/api/v1/rules/payment-failed-twice', { name: 'Payment failed twice', when: { kind: 'event', event: 'Payment Failed', count: 2, withinMinutes: 30 }, openCase: { priority: 'urgent', slaHours: 2 } });
    expect(vip.statusCode).toBe(200);
    await track({ userId: 'p1', event: 'Payment Failed', timestamp: new Date(Date.now() - 60_000).toISOString() });
    await t.services.rules.idle();
    expect((await api('GET', '/api/v1/cases')).json().cases).toEqual([]);
    await track({ userId: 'p1', event: 'Payment Failed' });
    await t.services.rules.idle();
    expect((await api('GET', '/api/v1/cases')).json().cases).toEqual([expect.objectContaining({ ruleId: 'payment-failed-twice', priority: 'urgent' })]);
    const slow = await api('PUT', '/api/v1/rules/slow-checkout', { name: 'Checkout over 4 minutes', when: { kind: 'event', event: 'Order Completed', slowerThan: { since: 'Checkout Started', minutes: 4 } }, openCase: {} });
    expect(slow.statusCode).toBe(200);
    await track({ userId: 'q1', event: 'Checkout Started', timestamp: new Date(Date.now() - 60_000).toISOString() });
    await track({ userId: 'q1', event: 'Order Completed' });
    await track({ userId: 'q2', event: 'Checkout Started', timestamp: new Date(Date.now() - 600_000).toISOString() });
    await track({ userId: 'q2', event: 'Order Completed' });
    await t.services.rules.idle();
    const slowCases = (await api('GET', '/api/v1/cases')).json().cases.filter((x: { ruleId: string }) => x.ruleId === 'slow-checkout');
    expect(slowCases).toHaveLength(1);
    expect((await api('GET', `/api/v1/customers/q2`)).json().id).toBe(slowCases[0].customerId);
    expect((await api('PUT', '/api/v1/rules/bad', { name: 'x', when: { kind: 'response' }, openCase: {} })).statusCode).toBe(400);
  });
});

describe('a rule that errors', () => {
  it('is disabled with its error reported, and ingestion goes on', async () => {
    // A rule stored by an older version, no longer readable as a rule (no openCase).
    const { sql } = await import('../storage/sql.ts');
    await t.services.store.exec(sql`INSERT INTO rules VALUES (${t.ws.id}, 'legacy', ${JSON.stringify({ id: 'legacy', name: 'Legacy', enabled: true, when: { kind: 'event', event: 'Order Completed', count: 1, withinMinutes: 30 } })}, TRUE, NULL, ${new Date()})`);
    const r = await track({ userId: 'z1', event: 'Order Completed' });
    expect(r.statusCode).toBe(200);
    await t.services.settle();
    const legacy = (await api('GET', '/api/v1/rules')).json().rules.find((x: { id: string }) => x.id === 'legacy');
    expect(legacy.enabled).toBe(false);
    expect(legacy.lastError).toEqual(expect.any(String));
    expect(legacy.lastError.length).toBeGreaterThan(0);
    expect((await track({ userId: 'z2', event: 'Order Completed' })).statusCode).toBe(200);
  });
});
