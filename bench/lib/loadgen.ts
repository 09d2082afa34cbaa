/**
 * The load generator, run as its own process (forked by bench/ingest.ts) so that building and sending
 * JSON never shares the server's event loop. Protocol over IPC:
 *   parent → {cmd:'prepare', ...}  child → {type:'prepared'}   (bodies built before any timing)
 *   parent → {cmd:'throughput'}    child → {type:'throughput', ...}
 *   parent → {cmd:'latency'}       child → {type:'latency', ...}   then the child exits.
 */
import { Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Traffic } from './events.ts';
import { basicAuth, post } from './http.ts';
import { openLoop } from './open-loop.ts';

export interface LoadgenConfig {
  url: string;
  writeKey: string;
  events: number;
  batch: number;
  concurrency: number;
  seed: number;
  rate: number;
  seconds: number;
}

export interface ThroughputResult {
  type: 'throughput';
  sent: number;
  stored: number;
  duplicates: number;
  failedRequests: number;
  firstError?: string;
  ms: number;
  requestMs: number[];
  bodyBytes: number;
}

export interface LatencyResult {
  type: 'latency';
  sent: number;
  ok: number;
  failed: number;
  /** From the scheduled send time (open loop: includes any queueing behind a slow server). */
  latencyMs: number[];
  customers: number;
}

const send = (m: unknown) => new Promise<void>((res) => process.send!(m, () => res()));

let cfg: LoadgenConfig;
let traffic: Traffic;
let bodies: Buffer[] = [];
let singles: Buffer[] = [];

process.on('message', (msg: { cmd: string; config?: LoadgenConfig }) => {
  const run = async () => {
    if (msg.cmd === 'prepare') {
      cfg = msg.config!;
      prepare();
      await send({ type: 'prepared' });
    } else if (msg.cmd === 'throughput') {
      await send(await throughput());
    } else if (msg.cmd === 'latency') {
      await send(await latency());
      process.exit(0);
    }
  };
  run().catch(async (err) => {
    await send({ type: 'error', message: String((err as Error).stack ?? err) });
    process.exit(1);
  });
});

function prepare(): void {
  traffic = new Traffic(cfg.seed);
  const sentAt = new Date().toISOString();
  for (let sent = 0; sent < cfg.events; sent += cfg.batch) {
    const batch = [];
    for (let i = 0; i < Math.min(cfg.batch, cfg.events - sent); i++) batch.push(traffic.next().message);
    bodies.push(Buffer.from(JSON.stringify({ batch, sentAt })));
  }
  // The single calls continue the same traffic (same customers), tracks only.
  for (let i = 0; i < cfg.rate * cfg.seconds; i++) {
    const { type: _type, ...track } = traffic.next(true).message;
    singles.push(Buffer.from(JSON.stringify(track)));
  }
}

async function throughput(): Promise<ThroughputResult> {
  const url = new URL(cfg.url);
  const auth = basicAuth(cfg.writeKey);
  const agent = new Agent({ keepAlive: true, maxSockets: cfg.concurrency });
  const r: ThroughputResult = {
    type: 'throughput', sent: 0, stored: 0, duplicates: 0, failedRequests: 0, ms: 0, requestMs: [],
    bodyBytes: bodies.reduce((s, b) => s + b.length, 0),
  };
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < bodies.length; i = next++) {
      const t = performance.now();
      const res = await post(agent, url, '/v1/batch', auth, bodies[i]);
      r.requestMs.push(performance.now() - t);
      r.sent += Math.min(cfg.batch, cfg.events - i * cfg.batch);
      if (res.status !== 200) {
        r.failedRequests++;
        r.firstError ??= `${res.status} ${res.body.slice(0, 300)}`;
        continue;
      }
      const answer = JSON.parse(res.body) as { stored: number; duplicates: number };
      r.stored += answer.stored;
      r.duplicates += answer.duplicates;
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: cfg.concurrency }, worker));
  r.ms = performance.now() - t0;
  agent.destroy();
  bodies = [];
  return r;
}

/** Single `/v1/track` calls on an open loop (bench/lib/open-loop.ts). */
async function latency(): Promise<LatencyResult> {
  const url = new URL(cfg.url);
  const auth = basicAuth(cfg.writeKey);
  const agent = new Agent({ keepAlive: true });
  const n = singles.length;
  const r: LatencyResult = { type: 'latency', sent: n, ok: 0, failed: 0, latencyMs: [], customers: traffic.customers.length };
  r.latencyMs = (await openLoop(n, cfg.rate, (k) => post(agent, url, '/v1/track', auth, singles[k]).then(
    (res) => { if (res.status === 200) r.ok++; else r.failed++; },
    () => { r.failed++; },
  ))).latencyMs;
  agent.destroy();
  return r;
}
