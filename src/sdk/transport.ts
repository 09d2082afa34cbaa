import { lsGet, lsSet } from './storage.ts';
import type { BatchBody, Message } from './types.ts';

/** localStorage key holding unsent messages, so they survive a reload. */
export const QUEUE_KEY = 'tp_queue';
/** At most this many unsent messages are kept; the oldest are dropped first. */
export const MAX_QUEUED = 100;
/** Waits before each retry (plus up to 50 % jitter): four attempts in all. */
export const RETRY_DELAYS_MS = [500, 1000, 2000];

export interface TransportOptions {
  host: string;
  writeKey: string;
  flushInterval: number;
  batchSize: number;
}

type Outcome = 'sent' | 'rejected' | 'failed';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A persisted message queue sending to `POST {host}/v1/batch`. Flushes every `flushInterval` ms or
 * at `batchSize` messages, retries network errors, 5xx and 429 with backoff, drops a batch on any
 * other 4xx (a bad write key or invalid payload never succeeds on retry), and hands what is left to
 * `sendBeacon` when the page is hidden. Resending is safe: the server dedups by `messageId`.
 */
export function createTransport(o: TransportOptions) {
  const url = `${o.host.replace(/\/+$/, '')}/v1/batch`;
  let queue: Message[] = restore();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let draining: Promise<void> | undefined;

  function restore(): Message[] {
    try {
      const saved = JSON.parse(lsGet(QUEUE_KEY) || '[]');
      return Array.isArray(saved) ? saved : [];
    } catch {
      return [];
    }
  }

  function persist(): void {
    lsSet(QUEUE_KEY, queue.length ? JSON.stringify(queue) : null);
  }

  function body(batch: Message[]): string {
    const b: BatchBody = { batch, writeKey: o.writeKey, sentAt: new Date().toISOString() };
    return JSON.stringify(b);
  }

  async function post(batch: Message[]): Promise<Outcome> {
    for (let attempt = 0; ; attempt++) {
      let status = 0;
      try {
        // A string body is sent as text/plain, a CORS "simple" request: no preflight round trip.
        status = (await fetch(url, { method: 'POST', body: body(batch) })).status;
      } catch {
        // Network error (offline, DNS, CORS): retryable.
      }
      if (status >= 200 && status < 300) return 'sent';
      if (status >= 400 && status < 500 && status !== 429) return 'rejected';
      const wait = RETRY_DELAYS_MS[attempt];
      if (wait === undefined) return 'failed';
      await sleep(wait * (1 + Math.random() / 2));
    }
  }

  async function drain(): Promise<void> {
    while (queue.length) {
      const batch = queue.slice(0, o.batchSize);
      // 'failed' keeps the batch in tp_queue for the next flush or page load.
      if ((await post(batch)) === 'failed') return;
      queue = queue.filter((m) => batch.indexOf(m) < 0);
      persist();
    }
  }

  /** Sends everything queued; resolves when the queue is empty or the server stays unreachable. */
  function flush(): Promise<void> {
    clearTimeout(timer);
    timer = undefined;
    if (!draining) draining = drain().finally(() => (draining = undefined));
    return draining;
  }

  function enqueue(m: Message): void {
    queue.push(m);
    if (queue.length > MAX_QUEUED) queue.splice(0, queue.length - MAX_QUEUED);
    persist();
    if (queue.length >= o.batchSize) void flush();
    else if (!timer) timer = setTimeout(flush, o.flushInterval);
  }

  /** Last chance when the page is hidden or unloading: fetch may be cancelled, a beacon is not. */
  function beacon(): void {
    if (!navigator.sendBeacon) return;
    while (queue.length) {
      const batch = queue.slice(0, o.batchSize);
      const blob = new Blob([body(batch)], { type: 'text/plain' });
      // false means the browser refused it (e.g. the 64 KB beacon quota): keep it for next time.
      if (!navigator.sendBeacon(url, blob)) break;
      queue = queue.slice(batch.length);
    }
    persist();
  }

  // Messages left by a previous page are sent straight away.
  if (queue.length) void flush();

  return { enqueue, flush, beacon };
}

export type Transport = ReturnType<typeof createTransport>;
