import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { auc, calibration, churnProbability, trainChurnModel } from '../../src/act/churn/model.ts';
import { machineLine } from './machine.ts';

/**
 * `npx touchpoint bench churn [DIR]`: the churn model on the IBM Telco churn data (7,043 customers),
 * a seeded 70/30 split, AUC and calibration of the full model next to a one-feature baseline (tenure).
 */
const FEATURES: [string, (r: Record<string, string>) => number][] = [
  ['tenure_months', (r) => Number(r.tenure)],
  ['monthly_charges', (r) => Number(r.MonthlyCharges)],
  ['total_charges', (r) => Number(r.TotalCharges) || 0],
  ['month_to_month', (r) => Number(r.Contract === 'Month-to-month')],
  ['two_year_contract', (r) => Number(r.Contract === 'Two year')],
  ['fiber_optic', (r) => Number(r.InternetService === 'Fiber optic')],
  ['electronic_check', (r) => Number(r.PaymentMethod === 'Electronic check')],
  ['paperless_billing', (r) => Number(r.PaperlessBilling === 'Yes')],
  ['senior', (r) => Number(r.SeniorCitizen)],
  ['no_tech_support', (r) => Number(r.TechSupport === 'No')],
  ['no_online_security', (r) => Number(r.OnlineSecurity === 'No')],
  ['has_partner', (r) => Number(r.Partner === 'Yes')],
  ['has_dependents', (r) => Number(r.Dependents === 'Yes')],
  ['streaming_tv', (r) => Number(r.StreamingTV === 'Yes')],
];

function mulberry32(seed: number) {
  return () => { seed |= 0; seed = (seed + 0x6d2b79f5) | 0; let t = Math.imul(seed ^ (seed >>> 15), 1 | seed); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}

export async function runChurnBench(dir = '../shared/data/churn', seed = 42) {
  const file = join(dir, 'telco-customer-churn.csv');
  if (!existsSync(file)) throw new Error(`${file} is missing: pass the folder that holds telco-customer-churn.csv`);
  const rows = parse(readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[];
  const rand = mulberry32(seed);
  const isTest = rows.map(() => rand() < 0.3);
  const X = rows.map((r) => FEATURES.map(([, f]) => f(r)));
  const y = rows.map((r) => Number(r.Churn === 'Yes'));
  const split = <T,>(a: T[], test: boolean) => a.filter((_, i) => isTest[i] === test);
  const t0 = performance.now();
  const full = trainChurnModel(FEATURES.map(([n]) => n), split(X, false), split(y, false));
  const trainMs = performance.now() - t0;
  const base = trainChurnModel(['tenure_months'], split(X, false).map((x) => [x[0]]), split(y, false));
  const yt = split(y, true);
  const pFull = split(X, true).map((x) => churnProbability(full, x));
  const pBase = split(X, true).map((x) => churnProbability(base, [x[0]]));
  const res = {
    machine: machineLine(), rows: rows.length, train: yt.length === rows.length ? 0 : rows.length - yt.length, test: yt.length, churnRate: yt.reduce((a, b) => a + b, 0) / yt.length,
    model: { auc: auc(pFull, yt), ...calibration(pFull, yt), trainMs },
    baseline: { auc: auc(pBase, yt), ...calibration(pBase, yt) },
    weights: full.features.map((f, j) => ({ feature: f, weight: Math.round(full.weights[j + 1] * 1000) / 1000 })).sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight)),
  };
  console.log(`Touchpoint churn benchmark — ${res.machine}`);
  console.log(`IBM Telco customer churn: ${res.rows} customers, seeded 70/30 split (seed ${seed}): ${res.train} train, ${res.test} test, churn rate ${(res.churnRate * 100).toFixed(1)} %`);
  console.log(`model (logistic regression, ${FEATURES.length} features)   AUC ${res.model.auc.toFixed(3)}   Brier ${res.model.brier.toFixed(3)}   trained in ${trainMs.toFixed(0)} ms`);
  console.log(`baseline (tenure only)                      AUC ${res.baseline.auc.toFixed(3)}   Brier ${res.baseline.brier.toFixed(3)}`);
  console.log('calibration (model): predicted → observed per decile bin');
  for (const b of res.model.bins) console.log(`  ${b.predicted.toFixed(2)} → ${b.observed.toFixed(2)}   (n=${b.n})`);
  console.log('strongest weights:', res.weights.slice(0, 5).map((w) => `${w.feature} ${w.weight}`).join(', '));
  return res;
}

if (import.meta.url === `file://${process.argv[1]}`) await runChurnBench(process.argv[2]);
