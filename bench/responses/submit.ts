/**
 * `touchpoint bench responses`: survey response submission latency against a running server, open loop
 * at a fixed rate (default 500 requests/s for 10 s). Each request is a real `POST /api/v1/responses`
 * (write key): a different customer each time, NPS (a typical mix) + CES + a comment in one of nine languages, so the
 * server checks the answers, rate-limits, ingests the `Survey Responded` event, stitches the customer,
 * analyses the comment (language, sentiment, themes) and stores the row before answering.
 *
 * The server is what `touchpoint serve` starts, in its own process (bench/lib/server-main.ts). Requests
 * leave from 256 loopback source addresses (127.0.1.0–127.0.1.255), as if from many visitors, so the
 * per-IP spam limit (60 a minute) stays on and is not what is measured. Latency is counted from each
 * request's scheduled send time, so queueing behind a slow server is included (no coordinated omission).
 *
 *   node --import tsx bench/responses/submit.ts [--rate 500] [--seconds 10] [--json] [--cpu-prof DIR]
 *
 * `--cpu-prof DIR` writes the server's V8 CPU profile there (open it in Chrome DevTools or speedscope).
 * A disk-sync probe runs beside the measured phase (bench/lib/disk-probe.ts): a tail from the disk shows there.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { cpuSeconds, machineInfo, processMemory } from '../lib/machine.ts';
import { fmt, summarize } from '../lib/stats.ts';
import { post } from '../lib/http.ts';
import { openLoop } from '../lib/open-loop.ts';
import { startDiskProbe } from '../lib/disk-probe.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const WRITE_KEY = 'bench_write_key_responses';
const SECRET_KEY = 'bench_secret_key_responses_0001';
const SOURCES = 256;

/** One comment per language, written for this benchmark (not from a data set). */
const COMMENTS: [string, string][] = [
  ['en', 'Delivery was late and nobody answered my emails.'],
  ['pl', 'Szybka dostawa, ale obsługa klienta nie odpisuje.'],
  ['tr', 'Kargo çok hızlı geldi, ürün harika, teşekkürler.'],
  ['he', 'המשלוח הגיע באיחור והשירות היה גרוע'],
  ['zh', '送餐很快，味道很好，五星好评'],
  ['de', 'Die Rücksendung war kompliziert und die Erstattung dauert ewig.'],
  ['es', 'El envío fue rápido pero el precio es muy caro.'],
  ['fr', 'Livraison rapide et produit parfait, je recommande !'],
  ['pt', 'O produto chegou com defeito e o suporte não ajudou.'],
];

/**
 * NPS answers in a typical mix (45 % promoters, 30 % passives, 25 % detractors, as in published NPS
 * benchmarks for retail); each detractor opens a case through the default rule, as in production.
 */
const NPS_ANSWERS = [10, 9, 10, 9, 10, 9, 9, 10, 9, 8, 7, 8, 7, 8, 7, 3, 6, 5, 0, 4];

export interface ResponsesBenchOptions { rate?: number; seconds?: number; warmupSeconds?: number; quiet?: boolean; cpuProfDir?: string }

/** 500 requests/s of answers on an open loop (bench/lib/open-loop.ts), from several source addresses. */
async function submitLoop(url: URL, surveyId: string, rate: number, seconds: number, prefix: string) {
  // One keep-alive agent per source address: a pooled socket stays bound to the address it was opened from.
  const agents = Array.from({ length: SOURCES }, () => new Agent({ keepAlive: true, maxSockets: 8 }));
  const n = Math.round(rate * seconds);
  const bodies = Array.from({ length: n }, (_, k) => {
    const [language, comment] = COMMENTS[k % COMMENTS.length];
    return JSON.stringify({ writeKey: WRITE_KEY, surveyId, userId: `${prefix}-${k}`, language, responseId: `${prefix}-resp-${k}`,
      answers: { nps: NPS_ANSWERS[k % NPS_ANSWERS.length], ces: 1 + (k % 7), why: comment } });
  });
  const statuses = new Map<number, number>();
  let firstError: string | undefined;
  const { latencyMs, wallMs: wall } = await openLoop(n, rate, (k) =>
    post(agents[k % SOURCES], url, '/api/v1/responses', undefined, Buffer.from(bodies[k]), `127.0.1.${k % SOURCES}`).then(
      (r) => { statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1); if (r.status !== 200) firstError ??= `${r.status} ${r.body.slice(0, 200)}`; },
      (err: Error) => { statuses.set(0, (statuses.get(0) ?? 0) + 1); firstError ??= err.message; },
    ));
  for (const a of agents) a.destroy();
  return { sent: n, wallSeconds: wall / 1000, latency: summarize(latencyMs), statuses: Object.fromEntries(statuses), firstError };
}

export async function runResponsesBench(opts: ResponsesBenchOptions = {}) {
  const o: ResponsesBenchOptions & { rate: number; seconds: number; warmupSeconds: number; quiet: boolean } = { rate: 500, seconds: 10, warmupSeconds: 3, quiet: false, ...Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined)) };
  const machine = machineInfo();
  const log = (s: string) => { if (!o.quiet) process.stderr.write(`· ${s}\n`); };
  const dir = mkdtempSync(join(tmpdir(), 'touchpoint-bench-responses-'));
  const child = fork(join(ROOT, 'bench/lib/server-main.ts'), [join(dir, 'data')], {
    execArgv: ['--import', 'tsx', ...(o.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${resolve(o.cpuProfDir)}`] : [])], stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, TOUCHPOINT_WRITE_KEY: WRITE_KEY, TOUCHPOINT_SECRET_KEY: SECRET_KEY },
  });
  try {
    const { url } = await new Promise<{ url: string }>((res, rej) => {
      child.once('message', (m) => res(m as { url: string }));
      child.once('exit', (code) => rej(new Error(`server exited with ${code}`)));
    });
    const base = new URL(url);
    log(`server at ${url} (pid ${child.pid})`);
    const admin = new Agent({ keepAlive: true });
    const created = await post(admin, base, '/api/v1/surveys', `Bearer ${SECRET_KEY}`, Buffer.from(JSON.stringify({
      name: 'Bench: after delivery', languages: ['en'],
      questions: [
        { id: 'nps', type: 'nps', required: true, text: { en: 'How likely are you to recommend us?' } },
        { id: 'ces', type: 'ces', text: { en: 'How easy was it?' } },
        { id: 'why', type: 'text', text: { en: 'Why?' } },
      ],
      trigger: { event: 'Order Delivered', recontactDays: 0 },
    })));
    admin.destroy();
    if (created.status !== 201) throw new Error(`creating the survey: ${created.status} ${created.body}`);
    const surveyId = (JSON.parse(created.body) as { id: string }).id;

    log(`warm-up: ${o.warmupSeconds} s at ${o.rate / 5} requests/s`);
    await submitLoop(base, surveyId, o.rate / 5, o.warmupSeconds, 'warm');
    const cpu0 = cpuSeconds(child.pid!);
    const client0 = process.cpuUsage();
    log(`measuring: ${o.seconds} s at ${o.rate} requests/s`);
    const probe = startDiskProbe(dir);
    const run = await submitLoop(base, surveyId, o.rate, o.seconds, 'run');
    const disk = await probe.stop();
    const serverCpu = cpuSeconds(child.pid!) - cpu0;
    const client = process.cpuUsage(client0);
    const memory = processMemory(child.pid!);
    const result = { machine, rate: o.rate, seconds: o.seconds, ...run, serverCpuShare: Math.round((serverCpu / run.wallSeconds) * 100) / 100,
      // JavaScript and DuckDB threads together; per submission, robust to other processes' load (unlike latency).
      serverCpuMsPerSubmit: Math.round((serverCpu / run.sent) * 1e5) / 100, serverMemory: memory, disk,
      // The load generator shares the machine's cores with the server.
      clientCpuShare: Math.round(((client.user + client.system) / 1e6 / run.wallSeconds) * 100) / 100 };
    if (!o.quiet) process.stdout.write(`${formatResponsesBench(result)}\n`);
    return result;
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}

export function formatResponsesBench(r: Awaited<ReturnType<typeof runResponsesBench>>): string {
  const ok = r.statuses[200] ?? 0;
  return [
    `Response submit, open loop at ${fmt(r.rate)} requests/s for ${r.seconds} s (${fmt(r.sent)} requests, ${fmt(ok)} answered 200${ok < r.sent ? `; others: ${JSON.stringify(Object.fromEntries(Object.entries(r.statuses).filter(([s]) => s !== '200')))} first: ${r.firstError}` : ''})`,
    `latency ms: p50 ${r.latency.p50}  p90 ${r.latency.p90}  p99 ${r.latency.p99}  max ${r.latency.max}   (target p99 < 50 ms: ${r.latency.p99 < 50 ? 'met' : 'missed'})`,
    `server: ${r.serverCpuShare} cores busy, ${r.serverCpuMsPerSubmit} ms of CPU per submission, peak RSS ${r.serverMemory.peakMiB} MiB; load generator: ${r.clientCpuShare} cores`,
    `disk (4 KB + fdatasync every 50 ms in the data folder, during the run): p50 ${r.disk.p50} ms, p99 ${r.disk.p99} ms, max ${r.disk.max} ms, ${r.disk.over50ms} of ${r.disk.syncs} over 50 ms`,
    `machine: ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.node}, load ${r.machine.loadAvg1} at start, ${r.machine.date}`,
  ].join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { rate: { type: 'string' }, seconds: { type: 'string' }, json: { type: 'boolean' }, 'cpu-prof': { type: 'string' } } });
  const r = await runResponsesBench({ rate: values.rate ? Number(values.rate) : undefined, seconds: values.seconds ? Number(values.seconds) : undefined, quiet: values.json, cpuProfDir: values['cpu-prof'] });
  if (values.json) process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
}
