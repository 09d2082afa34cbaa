import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/app.ts';
import { ensureFirstAdmin } from './first-admin.ts';

let t: TestApp;
beforeEach(async () => { t = await createTestApp(); });
afterEach(async () => { await t.close(); });

async function login(email: string, password: string) {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  const cookie = res.cookies.find((c) => c.name === 'tp_session');
  return { res, cookie: cookie ? `tp_session=${cookie.value}` : '' };
}

async function member(email: string, role: 'agent' | 'analyst' | 'admin', workspaceId = t.ws.id) {
  const user = await t.services.users.create({ email, password: 'correct horse battery' });
  await t.services.users.setRole(user.id, workspaceId, role);
  return user;
}

describe('dashboard login', () => {
  it('logs in with a cookie that is HttpOnly and SameSite=Strict, and reads the API with it', async () => {
    await member('Ana@Example.com', 'analyst');
    const { res, cookie } = await login('ana@example.com', 'correct horse battery');
    expect(res.statusCode).toBe(200);
    const set = String(res.headers['set-cookie']);
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/SameSite=Strict/);
    expect(res.json().workspaces).toEqual([{ workspaceId: t.ws.id, workspaceName: 'Test', role: 'analyst' }]);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    expect(me.json().user.email).toBe('ana@example.com');
    const cases = await t.app.inject({ method: 'GET', url: '/api/v1/cases', headers: { cookie } });
    expect(cases.statusCode).toBe(200);
    expect(cases.json().cases).toEqual([]);
  });

  it('refuses a wrong password with 401 and then rate-limits guessing', async () => {
    await member('bo@example.com', 'agent');
    const bad = await login('bo@example.com', 'nope');
    expect(bad.res.statusCode).toBe(401);
    expect(bad.cookie).toBe('');
    for (let i = 0; i < 9; i++) await login('bo@example.com', `guess-${i}`);
    const limited = await login('bo@example.com', 'correct horse battery');
    expect(limited.res.statusCode).toBe(429);
  });

  it('without a login or key the API answers 401; after logout the cookie stops working', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/cases' })).statusCode).toBe(401);
    await member('cy@example.com', 'agent');
    const { cookie } = await login('cy@example.com', 'correct horse battery');
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/cases', headers: { cookie } })).statusCode).toBe(401);
  });

  it('roles: an agent works cases but cannot change rules; an admin can', async () => {
    await member('agent@example.com', 'agent');
    await member('admin@example.com', 'admin');
    const agent = (await login('agent@example.com', 'correct horse battery')).cookie;
    const admin = (await login('admin@example.com', 'correct horse battery')).cookie;
    const opened = await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: { cookie: agent }, payload: { reason: 'Called about a late parcel' } });
    expect(opened.statusCode).toBe(201);
    const audit = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${opened.json().id}`, headers: { cookie: agent } });
    expect(audit.json().audit[0].actor).toBe('agent@example.com');
    const patch = { enabled: false };
    const denied = await t.app.inject({ method: 'PUT', url: '/api/v1/rules/detractor', headers: { cookie: agent }, payload: patch });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error).toMatch(/admin role/);
    const users = await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: { cookie: admin } });
    expect(users.json().users.map((u: { email: string }) => u.email)).toEqual(['admin@example.com', 'agent@example.com']);
  });

  it('one workspace never sees another: a member of B gets 403 asking for A', async () => {
    const other = await t.services.workspaces.create('Other');
    await member('b@example.com', 'admin', other.id);
    const { cookie } = await login('b@example.com', 'correct horse battery');
    const mine = await t.app.inject({ method: 'GET', url: '/api/v1/workspace', headers: { cookie } });
    expect(mine.json().id).toBe(other.id);
    const theirs = await t.app.inject({ method: 'GET', url: '/api/v1/cases', headers: { cookie, 'x-touchpoint-workspace': t.ws.id } });
    expect(theirs.statusCode).toBe(403);
  });

  it('admins add users with a one-time password, and the last admin cannot be demoted', async () => {
    const admin = await member('root@example.com', 'admin');
    const { cookie } = await login('root@example.com', 'correct horse battery');
    const added = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: { cookie }, payload: { email: 'new@example.com', role: 'agent' } });
    expect(added.statusCode).toBe(201);
    expect(added.json().password).toHaveLength(16);
    expect((await login('new@example.com', added.json().password)).res.statusCode).toBe(200);
    const demote = await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${admin.id}`, headers: { cookie }, payload: { role: 'agent' } });
    expect(demote.statusCode).toBe(409);
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: { cookie }, payload: { email: 'not-an-email', role: 'boss' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.map((d: { path: string }) => d.path).sort()).toEqual(['email', 'role']);
  });

  it('the first start creates an admin with a printed password once, or from the environment', async () => {
    const first = await ensureFirstAdmin(t.services.users, t.ws.id, {});
    expect(first?.email).toBe('admin@localhost');
    expect(first?.password).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(await ensureFirstAdmin(t.services.users, t.ws.id, {})).toBeNull();
    expect((await login('admin@localhost', first!.password!)).res.statusCode).toBe(200);
    const fromEnv = await ensureFirstAdmin(t.services.users, t.ws.id, { email: 'cx@shop.example', password: 'from-the-env-1' });
    expect(fromEnv).toEqual({ email: 'cx@shop.example' });
    expect((await login('cx@shop.example', 'from-the-env-1')).res.statusCode).toBe(200);
  });
});
