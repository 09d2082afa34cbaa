import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoIfEmpty } from '../cli/demo-loader.ts';
import { loadConfig } from '../config/config.ts';
import { startServer, type RunningServer } from '../server/start.ts';
import { sql } from '../storage/sql.ts';
import { Rng } from './rng.ts';
import { vocFacts, type DeliveryFacts } from './voc-facts.ts';
import { deliveryAnswers } from './voc-seed.ts';

interface Row { response_id: string; survey_id: string; customer_id: string; language: string; touchpoint_id: string; nps: number | null; csat: number | null; ces: number | null; comment: string | null; text_analysis: string | null; submitted_at: Date }

async function demo(): Promise<{ server: RunningServer; dir: string; rows: Row[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'touchpoint-voc-seed-'));
  const server = await startServer(loadConfig({ port: 0, host: '127.0.0.1', dataDir: dir, logLevel: 'silent' }, {}));
  await loadDemoIfEmpty(server, { customers: 300, days: 120, seed: 42, quiet: true });
  await server.services.settle();
  const rows = await server.services.store.query<Row>(sql`
    SELECT response_id, survey_id, customer_id, language, touchpoint_id, nps, csat, ces, comment, text_analysis, submitted_at
    FROM survey_responses WHERE workspace_id = ${server.defaultWorkspace.id} ORDER BY response_id`);
  return { server, dir, rows };
}

describe('demo survey responses', () => {
  let a: Awaited<ReturnType<typeof demo>>;
  let b: Awaited<ReturnType<typeof demo>>;
  beforeAll(async () => { a = await demo(); b = await demo(); }, 120_000);
  afterAll(async () => {
    for (const d of [a, b]) { await d?.server.close(); if (d) rmSync(d.dir, { recursive: true, force: true }); }
  });

  it('answers two surveys, in many languages, with analysed comments, on the demo timeline', async () => {
    const surveys = await a.server.services.surveys.list(a.server.defaultWorkspace.id);
    expect(surveys.map((s) => s.name).sort()).toEqual(['After delivery: NPS and effort', 'Support chat satisfaction']);
    const nps = a.rows.filter((r) => r.nps !== null), csat = a.rows.filter((r) => r.csat !== null);
    expect(nps.length).toBeGreaterThan(30);
    expect(csat.length).toBeGreaterThan(5);
    expect(new Set(nps.map((r) => r.touchpoint_id))).toEqual(new Set(['order-delivered']));
    expect(new Set(a.rows.map((r) => r.language)).size).toBeGreaterThanOrEqual(7);
    const he = a.rows.find((r) => r.language === 'he' && r.comment);
    expect(he && JSON.parse(he.text_analysis!).language).toBe('he');
    // Each response comes after the delivery (or chat) it is about, and before the window's end.
    const facts = await vocFacts(a.server.services.store, a.server.defaultWorkspace.id);
    const delivered = new Map(facts.deliveries.map((f) => [f.customerId, f.deliveredAt]));
    for (const r of nps) expect(r.submitted_at.getTime()).toBeGreaterThan(delivered.get(r.customer_id)! + 86_400_000);
    expect(Math.max(...a.rows.map((r) => r.submitted_at.getTime()))).toBeLessThanOrEqual(Date.now());
  });

  it('is the same on every load', () => {
    const key = (r: Row) => [r.response_id, r.nps, r.csat, r.ces, r.language, r.comment, r.submitted_at.toISOString()].join('|');
    expect(b.rows.map(key)).toEqual(a.rows.map(key));
  });

  it('scores customers with a late parcel lower, and they open cases', async () => {
    const facts = await vocFacts(a.server.services.store, a.server.defaultWorkspace.id);
    const late = new Set(facts.deliveries.filter((f) => f.late).map((f) => f.customerId));
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const nps = a.rows.filter((r) => r.nps !== null);
    const lateScores = nps.filter((r) => late.has(r.customer_id)).map((r) => r.nps!);
    const onTime = nps.filter((r) => !late.has(r.customer_id)).map((r) => r.nps!);
    expect(lateScores.length).toBeGreaterThan(2);
    expect(mean(lateScores)).toBeLessThan(mean(onTime) - 2);
    const cases = await a.server.services.store.query<{ n: number }>(sql`SELECT count(*) AS n FROM cases WHERE workspace_id = ${a.server.defaultWorkspace.id} AND rule_id = ${'detractor'}`);
    expect(Number(cases[0].n)).toBeGreaterThan(0);
  });
});

describe('deliveryAnswers', () => {
  const base: DeliveryFacts = { customerId: 'c', identity: { userId: 'u' }, country: null, deliveredAt: 0, late: false, early: false, paymentFailures: 0, slowPages: 0, errors: 0, orderChats: 0 };
  const meanNps = (f: DeliveryFacts) => {
    let s = 0;
    for (let i = 0; i < 400; i++) s += deliveryAnswers(new Rng(7, i), f, 'en').answers.nps as number;
    return s / 400;
  };

  it('gives lower NPS for each kind of friction, and comments on what went wrong', () => {
    const happy = meanNps(base);
    expect(happy).toBeGreaterThan(8);
    expect(meanNps({ ...base, late: true })).toBeLessThan(happy - 3);
    expect(meanNps({ ...base, paymentFailures: 1 })).toBeLessThan(happy - 1.5);
    expect(meanNps({ ...base, slowPages: 3 })).toBeLessThan(happy - 0.8);
    const topics = Array.from({ length: 200 }, (_, i) => deliveryAnswers(new Rng(3, i), { ...base, late: true }, 'he').topic).filter(Boolean);
    expect(topics.filter((t) => t === 'delivery-late').length / topics.length).toBeGreaterThan(0.9);
  });
});
