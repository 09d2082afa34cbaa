import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/app.ts';
import { signature } from './alerts.ts';

let t: TestApp;
const closers: (() => Promise<void>)[] = [];
beforeEach(async () => { t = await createTestApp(':memory:', { alertBackoffMs: 5 }); });
afterEach(async () => { await t.close(); for (const c of closers.splice(0)) await c(); });

const read = (req: IncomingMessage) => new Promise<string>((resolve) => { let b = ''; req.on('data', (d) => (b += d)); req.on('end', () => resolve(b)); });
async function receiver(statuses: number[]) {
  const got: { headers: IncomingMessage['headers']; body: string; status: number }[] = [];
  const server: Server = createServer(async (req, res) => {
    const body = await read(req);
    const status = statuses[got.length] ?? 200;
    got.push({ headers: req.headers, body, status });
    res.writeHead(status).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(() => new Promise((r) => server.close(() => r())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, got };
}
async function smtp() {
  const mails: string[] = [];
  const server = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS'], onData(stream, _s, cb) { let m = ''; stream.on('data', (d) => (m += d)); stream.on('end', () => { mails.push(m); cb(); }); } });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(() => new Promise((r) => server.close(() => r())));
  return { port: (server.server.address() as AddressInfo).port, mails };
}
const api = (method: 'GET' | 'POST', url: string, body?: unknown) => t.app.inject({ method, url, headers: { authorization: t.bearer, 'content-type': 'application/json' }, payload: body === undefined ? undefined : JSON.stringify(body) });

describe('alerts', () => {
  it('a late delivery reaches a webhook (signed, retried after a 500), a Slack-style hook and an SMTP inbox', async () => {
    const hook = await receiver([500, 503]);
    const slack = await receiver([]);
    const mail = await smtp();
    const secret = 'whsec_0123456789abcdef';
    expect((await api('POST', '/api/v1/alert-channels', { kind: 'webhook', name: 'ops', url: hook.url, secret })).statusCode).toBe(201);
    expect((await api('POST', '/api/v1/alert-channels', { kind: 'slack', name: '#cx', url: slack.url })).statusCode).toBe(201);
    expect((await api('POST', '/api/v1/alert-channels', { kind: 'email', name: 'team', to: ['cx@shop.test'], smtp: { host: '127.0.0.1', port: mail.port, from: 'touchpoint@shop.test' } })).statusCode).toBe(201);
    expect((await api('GET', '/api/v1/alert-channels')).json().channels[0].secret).toBe('••••');

    const r = await t.app.inject({ method: 'POST', url: '/v1/track', headers: { authorization: t.basic, 'content-type': 'application/json' },
      payload: JSON.stringify({ userId: 'late-9', event: 'Order Delivered', properties: { order_id: 'o-9', promised_at: '2026-10-01T12:00:00Z', delivered_at: '2026-10-03T09:00:00Z' } }) });
    expect(r.statusCode).toBe(200);
    await t.services.rules.idle();
    for (let i = 0; i < 60; i++) {
      await t.services.alerts.kick();
      const d = (await api('GET', '/api/v1/alert-deliveries')).json().deliveries;
      if (d.length === 3 && d.every((x: { status: string }) => x.status === 'delivered')) break;
      await new Promise((res) => setTimeout(res, 50));
    }
    const deliveries = (await api('GET', '/api/v1/alert-deliveries')).json().deliveries;
    expect(deliveries.map((d: { status: string }) => d.status)).toEqual(['delivered', 'delivered', 'delivered']);
    expect(hook.got.map((g) => g.status)).toEqual([500, 503, 200]);
    const last = hook.got[2];
    expect(last.headers['x-touchpoint-signature']).toBe(signature(secret, String(last.headers['x-touchpoint-timestamp']), last.body));
    expect(JSON.parse(last.body)).toMatchObject({ type: 'case.opened', case: { ruleId: 'late-delivery', reason: 'Delivery later than promised' } });
    expect(JSON.parse(slack.got[0].body).text).toMatch(/Delivery later than promised/);
    expect(mail.mails[0]).toMatch(/Subject: Touchpoint case: Delivery later than promised/);
  });

  it('sends a digest of new, open and overdue cases, and rules assign the least busy agent', async () => {
    const slack = await receiver([]);
    await api('POST', '/api/v1/alert-channels', { kind: 'slack', name: '#cx', url: slack.url });
    const rules = (await api('GET', '/api/v1/rules')).json().rules;
    const { lastError: _e, ...late } = rules.find((r: { id: string }) => r.id === 'late-delivery');
    expect((await t.app.inject({ method: 'PUT', url: '/api/v1/rules/late-delivery', headers: { authorization: t.bearer, 'content-type': 'application/json' },
      payload: JSON.stringify({ ...late, openCase: { ...late.openCase, assignTo: ['ana', 'ben'] } }) })).statusCode).toBe(200);
    for (const u of ['x1', 'x2', 'x3']) {
      await t.app.inject({ method: 'POST', url: '/v1/track', headers: { authorization: t.basic, 'content-type': 'application/json' },
        payload: JSON.stringify({ userId: u, event: 'Order Delivered', properties: { promised_at: '2026-10-01T12:00:00Z', delivered_at: '2026-10-02T12:00:00Z' } }) });
      await t.services.rules.idle();
    }
    const owners = (await api('GET', '/api/v1/cases')).json().cases.map((c: { owner: string }) => c.owner).sort();
    expect(owners).toEqual(['ana', 'ana', 'ben']);
    const sent = (await api('POST', '/api/v1/alert-digests')).json().sent;
    expect(sent).toEqual({ opened: 3, open: 3, overdue: 0 });
    for (let i = 0; i < 40 && !slack.got.some((g) => /digest/.test(g.body)); i++) { await t.services.alerts.kick(); await new Promise((r) => setTimeout(r, 25)); }
    expect(slack.got.map((g) => JSON.parse(g.body).text)).toContain(':rotating_light: Daily digest: 3 new cases, 3 open, 0 overdue');
  });

  it('alerts go to the channels enabled when the case opens (channels are kept in memory between cases)', async () => {
    const hook = await receiver([]);
    const open = async (reason: string) => expect((await api('POST', '/api/v1/cases', { reason })).statusCode).toBe(201);
    const reasons = async () => {
      await t.services.settle();
      return (await api('GET', '/api/v1/alert-deliveries')).json().deliveries.length;
    };
    await open('Before any channel');
    expect(await reasons()).toBe(0);
    const channel = (await api('POST', '/api/v1/alert-channels', { kind: 'slack', name: '#cx', url: hook.url })).json();
    await open('With a channel');
    expect(await reasons()).toBe(1);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/alert-channels/${channel.id}`, headers: { authorization: t.bearer } })).statusCode).toBe(204);
    await open('After the channel was removed');
    expect(await reasons()).toBe(1);
  });

  it('a receiver that stays down does not block ingestion and ends as failed after the last attempt', async () => {
    await api('POST', '/api/v1/alert-channels', { kind: 'slack', name: 'down', url: 'http://127.0.0.1:9/hook' });
    const started = Date.now();
    const r = await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: { authorization: t.bearer, 'content-type': 'application/json' }, payload: JSON.stringify({ reason: 'Manual case' }) });
    expect(r.statusCode).toBe(201);
    expect(Date.now() - started).toBeLessThan(2000);
    for (let i = 0; i < 200; i++) {
      await t.services.alerts.kick();
      const [d] = (await api('GET', '/api/v1/alert-deliveries')).json().deliveries;
      if (d?.status === 'failed') break;
      await new Promise((res) => setTimeout(res, 40));
    }
    const [d] = (await api('GET', '/api/v1/alert-deliveries')).json().deliveries;
    expect(d).toMatchObject({ status: 'failed', attempts: 10 });
  }, 60_000);
});
