/**
 * `touchpoint bench voc-metrics`: survey metrics over 1 M responses (target < 500 ms), side by side
 * with a plain SQL baseline on the same DuckDB file: one hand-written GROUP BY that computes NPS per
 * touchpoint and nothing else. The product's query (metrics.ts, `surveyMetric`) also gives the overall
 * score, sample sizes, promoters/passives/detractors and 95 % intervals; the ratio says what that costs.
 *
 * Data: N responses (default 1,000,000) generated inside DuckDB in one INSERT … SELECT from range():
 * 90 % in the measured workspace, 10 % in another one; two surveys (70 / 30 %); 24 touchpoints in 5
 * stages, 9 languages, 4 channels, 3 personas; NPS skewed like real answers (about 45 % promoters,
 * 30 % passives, 25 % detractors), CES on half, CSAT on a third; times spread over 180 days.
 *
 *   node --import tsx bench/responses/metrics.ts [--responses N] [--runs 5] [--json]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DuckDBStore } from '../../src/storage/duckdb/duckdb-store.ts';
import { raw, sql } from '../../src/storage/sql.ts';
import { surveyMetric, type MetricsQuery } from '../../src/voc/surveys/metrics.ts';
import { machineInfo } from '../lib/machine.ts';
import { fmt } from '../lib/stats.ts';

const WS = 'ws_bench';

export interface VocMetricsBenchOptions { responses?: number; runs?: number; quiet?: boolean }

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]; };

async function timed(runs: number, fn: () => Promise<unknown>) {
  await fn(); // warm: plans, caches, JIT
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) { const t0 = performance.now(); await fn(); ms.push(performance.now() - t0); }
  return { medianMs: Math.round(median(ms) * 10) / 10, minMs: Math.round(Math.min(...ms) * 10) / 10, maxMs: Math.round(Math.max(...ms) * 10) / 10 };
}

export async function runVocMetricsBench(opts: VocMetricsBenchOptions = {}) {
  const n = opts.responses ?? 1_000_000;
  const runs = opts.runs ?? 5;
  const log = (s: string) => { if (!opts.quiet) process.stderr.write(`· ${s}\n`); };
  const machine = machineInfo();
  const dir = mkdtempSync(join(tmpdir(), 'touchpoint-bench-voc-'));
  const store = await DuckDBStore.open(join(dir, 'bench.duckdb'));
  try {
    await store.init();
    const t0 = performance.now();
    // hash(i) spreads each attribute independently of the others; the NPS answer is drawn from a
    // skewed table (0–6: 25 %, 7–8: 30 %, 9–10: 45 %) and shifted per touchpoint so groups differ.
    await store.exec(sql`INSERT INTO survey_responses
      SELECT CASE WHEN i % 10 = 9 THEN 'ws_other' ELSE ${WS} END, 'resp-' || i,
        CASE WHEN CAST(hash(i, 1) % 10 AS INTEGER) < 7 THEN 'srv_delivery' ELSE 'srv_support' END,
        'cust-' || (CAST(hash(i, 2) % 400000 AS INTEGER)), NULL, 'user-' || (CAST(hash(i, 2) % 400000 AS INTEGER)), '{}',
        ['en','pl','tr','he','zh','de','es','fr','pt'][1 + CAST(hash(i, 3) % 9 AS INTEGER)], TRUE,
        'tp-' || tp, 'stage-' || (tp // 5), ['web','app','email','chat'][1 + CAST(hash(i, 4) % 4 AS INTEGER)], ['new','loyal','at-risk'][1 + CAST(hash(i, 5) % 3 AS INTEGER)],
        LEAST(10, GREATEST(0, CASE WHEN r < 25 THEN r % 7 WHEN r < 55 THEN 7 + r % 2 ELSE 9 + r % 2 END + (CASE WHEN tp % 6 = 0 THEN -2 ELSE 0 END))),
        CASE WHEN CAST(hash(i, 7) % 3 AS INTEGER) = 0 THEN 1 + CAST(hash(i, 8) % 5 AS INTEGER) END,
        CASE WHEN CAST(hash(i, 9) % 2 AS INTEGER) = 0 THEN 1 + CAST(hash(i, 10) % 7 AS INTEGER) END,
        CASE WHEN CAST(hash(i, 11) % 4 AS INTEGER) = 0 THEN 1 + CAST(hash(i, 12) % 5 AS INTEGER) END,
        NULL, NULL,
        TIMESTAMP '2026-06-01' + to_seconds(CAST(hash(i, 13) % (180 * 86400) AS BIGINT)),
        TIMESTAMP '2026-06-01' + to_seconds(CAST(hash(i, 13) % (180 * 86400) AS BIGINT))
      FROM (SELECT i, CAST(CAST(hash(i, 6) % 24 AS INTEGER) AS INTEGER) AS tp, CAST(CAST(hash(i, 14) % 100 AS INTEGER) AS INTEGER) AS r FROM range(${n}) t(i))`);
    await store.exec(raw('CHECKPOINT'));
    log(`${fmt(n)} responses generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const baselineNps = raw(`SELECT touchpoint_id, count(nps) AS n,
        round(100.0 * (count(*) FILTER (WHERE nps >= 9) - count(*) FILTER (WHERE nps <= 6)) / count(nps), 1) AS nps
      FROM survey_responses WHERE workspace_id = '${WS}' AND nps IS NOT NULL GROUP BY touchpoint_id`);
    const product = (q: MetricsQuery, kind: 'nps' | 'ces' = 'nps') => () => surveyMetric(store, WS, kind, q);
    const cases: { name: string; product: () => Promise<unknown>; baseline: () => Promise<unknown> }[] = [
      { name: 'NPS by touchpoint, all responses', product: product({ by: 'touchpoint' }), baseline: () => store.query(baselineNps) },
      {
        name: 'NPS by touchpoint, one survey, last 30 days', product: product({ by: 'touchpoint', surveyId: 'srv_delivery', from: '2026-10-28T00:00:00Z', to: '2026-11-27T00:00:00Z' }),
        baseline: () => store.query(raw(`SELECT touchpoint_id, count(nps) AS n, round(100.0 * (count(*) FILTER (WHERE nps >= 9) - count(*) FILTER (WHERE nps <= 6)) / count(nps), 1) AS nps
          FROM survey_responses WHERE workspace_id = '${WS}' AND survey_id = 'srv_delivery' AND nps IS NOT NULL
            AND submitted_at >= TIMESTAMP '2026-10-28' AND submitted_at < TIMESTAMP '2026-11-27' GROUP BY touchpoint_id`)),
      },
      {
        name: 'NPS by day', product: product({ by: 'day' }),
        baseline: () => store.query(raw(`SELECT date_trunc('day', submitted_at) AS d, count(nps) AS n, round(100.0 * (count(*) FILTER (WHERE nps >= 9) - count(*) FILTER (WHERE nps <= 6)) / count(nps), 1) AS nps
          FROM survey_responses WHERE workspace_id = '${WS}' AND nps IS NOT NULL GROUP BY 1`)),
      },
      {
        name: 'CES by stage', product: product({ by: 'stage' }, 'ces'),
        baseline: () => store.query(raw(`SELECT stage_id, count(ces) AS n, round(avg(ces), 2) AS ces FROM survey_responses WHERE workspace_id = '${WS}' AND ces IS NOT NULL GROUP BY stage_id`)),
      },
    ];
    // Both sides must agree before they are timed.
    const check = (await surveyMetric(store, WS, 'nps', { by: 'touchpoint' })) as { groups: { value: string; score: number; n: number }[] };
    const base = await store.query<{ touchpoint_id: string; n: number; nps: number }>(baselineNps);
    for (const b of base) {
      const g = check.groups.find((x) => x.value === b.touchpoint_id);
      if (!g || Number(g.n) !== Number(b.n) || Math.abs(g.score - Number(b.nps)) > 0.05) throw new Error(`product and baseline disagree on ${b.touchpoint_id}: ${JSON.stringify(g)} vs ${JSON.stringify(b)}`);
    }
    const rows = [];
    for (const c of cases) {
      const p = await timed(runs, c.product);
      const b = await timed(runs, c.baseline);
      rows.push({ name: c.name, product: p, baseline: b, ratio: Math.round((p.medianMs / b.medianMs) * 100) / 100 });
    }
    const result = { machine, responses: n, runs, rows };
    if (!opts.quiet) process.stdout.write(`${formatVocMetricsBench(result)}\n`);
    return result;
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function formatVocMetricsBench(r: Awaited<ReturnType<typeof runVocMetricsBench>>): string {
  return [
    `Survey metrics over ${fmt(r.responses)} responses (median of ${r.runs} warm runs; target < 500 ms)`,
    '',
    '| query | product (ms) | plain SQL (ms) | ratio |',
    '| --- | ---: | ---: | ---: |',
    ...r.rows.map((x) => `| ${x.name} | ${x.product.medianMs} | ${x.baseline.medianMs} | ${x.ratio} |`),
    '',
    `machine: ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.node}, DuckDB node-api ${r.machine.duckdbNodeApi}, load ${r.machine.loadAvg1} at start, ${r.machine.date}`,
  ].join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { responses: { type: 'string' }, runs: { type: 'string' }, json: { type: 'boolean' } } });
  const r = await runVocMetricsBench({ responses: values.responses ? Number(values.responses) : undefined, runs: values.runs ? Number(values.runs) : undefined, quiet: values.json });
  if (values.json) process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
}
