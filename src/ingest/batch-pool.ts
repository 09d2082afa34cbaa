import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { ApiError } from '../api/errors.ts';
import type { BatchAnswer, BatchJob } from './batch-worker.ts';
import { unpackEvents } from './packed-event.ts';
import type { TouchEvent } from './event.ts';
import type { ErrorDetail } from '../api/errors.ts';

/** Smaller bodies are cheaper to handle on the main thread than to send to a worker and back. */
export const POOL_MIN_BYTES = 16 * 1024;

type Slot = { worker: Worker; ready: boolean; jobs: Map<number, (a: BatchAnswer | null) => void> };

/**
 * Worker threads that decode, validate, normalise and spool-encode large `/v1/batch` bodies
 * (batch-worker.ts). On the main thread these steps cost ~10 µs per event, half of its work, and
 * they held up the group commit behind them; on a worker they overlap the commit. Events come back
 * as one array of their plain fields and their encoded spool rows (memory moved, not copied), not as
 * structured-cloned objects (3–5 µs per event, measured with bench/patches/ingest-2-normalize-worker.diff).
 *
 * The pool never decides a request's outcome by itself: until a worker is ready, or when one fails,
 * `prepare` answers null and the caller does the work on the main thread.
 */
export class BatchPool {
  private readonly slots: Slot[] = [];
  private nextId = 0;
  private markReady: (() => void) | null = null;
  /** Resolves when a worker can take jobs (tests wait for it; requests never do). */
  readonly ready = new Promise<void>((resolve) => { this.markReady = resolve; });

  constructor(size: number) {
    for (let i = 0; i < size; i++) this.start();
  }

  /** Null when no worker can take the job now: the caller then handles the body itself. */
  prepare(body: Buffer, contentEncoding: string | undefined, receivedAt: number): Promise<BatchAnswer | null> | null {
    let slot: Slot | undefined;
    for (const s of this.slots) if (s.ready && (!slot || s.jobs.size < slot.jobs.size)) slot = s;
    if (!slot) return null;
    const id = this.nextId++;
    const s = slot;
    return new Promise((resolve) => {
      s.jobs.set(id, resolve);
      s.worker.postMessage({ id, body, contentEncoding, receivedAt } satisfies BatchJob);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }

  private start(): void {
    const file = new URL('./batch-worker.ts', import.meta.url).href;
    // Worker threads do not inherit the loader hooks that run TypeScript (bin/touchpoint.mjs registers
    // tsx in-process), so the worker registers tsx itself before importing its module.
    const tsx = import.meta.resolve('tsx/esm/api');
    const worker = new Worker(`import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(file)}); })`, { eval: true });
    const slot: Slot = { worker, ready: false, jobs: new Map() };
    worker.on('message', (m: BatchAnswer | { ready: true }) => {
      if ('ready' in m) { slot.ready = true; this.markReady?.(); return; }
      const resolve = slot.jobs.get(m.id);
      slot.jobs.delete(m.id);
      resolve?.(m);
    });
    const fail = () => {
      // Its jobs go back to their callers, who handle them on the main thread; the pool goes on without it.
      slot.ready = false;
      const i = this.slots.indexOf(slot);
      if (i >= 0) this.slots.splice(i, 1);
      for (const resolve of slot.jobs.values()) resolve(null);
      slot.jobs.clear();
    };
    worker.on('error', fail);
    worker.on('exit', fail);
    worker.unref();
    this.slots.push(slot);
  }
}

let shared: BatchPool | null = null;

/**
 * The process's pool, started at the first large batch. One worker on a 2-core machine: the main
 * thread and DuckDB need the other core.
 */
export function batchPool(): BatchPool {
  shared ??= new BatchPool(Math.max(1, Math.min(2, availableParallelism() - 1)));
  return shared;
}

/** A worker's answer as the route's outcome: the events, or the ApiError the main thread would have thrown. */
export function preparedEvents(answer: BatchAnswer & { ok: true }, workspaceId: string, receivedAt: number): { events: TouchEvent[]; rejected: ErrorDetail[] } {
  return { events: unpackEvents(workspaceId, receivedAt, answer.fields, answer.rows, answer.ends), rejected: answer.rejected };
}

export function answerError(answer: BatchAnswer & { ok: false }): ApiError {
  return new ApiError(answer.code, answer.message, answer.details);
}
