import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { createTestApp, type TestApp } from '../../test/helpers/app.ts';
import { getTemplate } from './templates/index.ts';

let t: TestApp;
beforeEach(async () => { t = await createTestApp(); });
afterEach(async () => { await t.close(); });

const call = (method: 'GET' | 'PUT' | 'POST', url: string, payload?: unknown, contentType = 'application/json') =>
  t.app.inject({ method, url, headers: { authorization: t.bearer, 'content-type': contentType },
    payload: payload === undefined ? undefined : typeof payload === 'string' ? payload : JSON.stringify(payload) });

describe('journeys API', () => {
  it('saves every change as a new version and serves any version', async () => {
    const j = getTemplate('five-stage')!;
    const v1 = await call('PUT', '/api/v1/journeys/five-stage', j);
    expect(v1.statusCode).toBe(201);
    expect(v1.json()).toMatchObject({ id: 'five-stage', version: 1, created: true });
    const same = await call('PUT', '/api/v1/journeys/five-stage', j);
    expect(same.statusCode).toBe(200);
    expect(same.json()).toMatchObject({ version: 1, created: false });
    const changed = { ...j, stages: j.stages.map((s, i) => (i === 0 ? { ...s, name: 'Discovery' } : s)) };
    const v2 = await call('PUT', '/api/v1/journeys/five-stage', stringify(changed), 'application/yaml');
    expect(v2.json()).toMatchObject({ version: 2, created: true });
    expect((await call('GET', '/api/v1/journeys/five-stage')).json().journey.stages[0].name).toBe('Discovery');
    expect((await call('GET', '/api/v1/journeys/five-stage?version=1')).json().journey.stages[0].name).toBe('Awareness');
    expect((await call('GET', '/api/v1/journeys/five-stage/versions')).json().versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect((await call('GET', '/api/v1/journeys')).json().journeys).toEqual([expect.objectContaining({ id: 'five-stage', version: 2, stages: 5 })]);
  });

  it('points at the exact field of an invalid definition and stores nothing', async () => {
    const j = structuredClone(getTemplate('three-stage')!) as Record<string, any>;
    j.stages[1].touchpoints[0].match = { where: [{ property: 'properties.total', op: 'bigger', value: 100 }] };
    const r = await call('PUT', `/api/v1/journeys/${j.id}`, j);
    expect(r.statusCode).toBe(400);
    expect(r.json().details[0]).toMatchObject({ path: 'stages[1].touchpoints[0].match.where[0].op' });
    const yaml = await call('PUT', '/api/v1/journeys/x', 'id: x\nstages: [\n', 'application/yaml');
    expect(yaml.statusCode).toBe(400);
    expect(yaml.json().details[0].message).toMatch(/invalid YAML.*line \d+/);
    expect((await call('GET', `/api/v1/journeys/${j.id}`)).statusCode).toBe(404);
    const mismatch = await call('PUT', '/api/v1/journeys/other-id', getTemplate('three-stage'));
    expect(mismatch.json().details[0]).toMatchObject({ path: 'id' });
  });

  it('needs the secret key; write keys cannot change journeys', async () => {
    const r = await t.app.inject({ method: 'PUT', url: '/api/v1/journeys/five-stage', headers: { authorization: `Bearer ${t.ws.writeKey}`, 'content-type': 'application/json' }, payload: JSON.stringify(getTemplate('five-stage')) });
    expect(r.statusCode).toBe(403);
    expect((await call('GET', '/api/v1/journey-templates')).json().templates).toHaveLength(4);
  });
});
