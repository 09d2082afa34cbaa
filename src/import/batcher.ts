import type { BatchResult, ImportClient } from './client.ts';
import type { Rejections } from './summary.ts';

export interface BatchLimits {
  rows: number;
  bytes: number;
  /** Requests in flight at once. */
  concurrency: number;
}

/**
 * Collects mapped rows into NDJSON bodies and sends them while the next batches are read and mapped.
 * Remembers which file line each body line came from, so the server's verdicts (`line N` of the body)
 * are reported against the file's own line numbers.
 */
export class Batcher {
  stored = 0;
  duplicates = 0;
  private lines: string[] = [];
  private rows: number[] = [];
  private bytes = 0;
  private readonly inflight = new Set<Promise<void>>();
  private failure: unknown;

  constructor(private readonly client: ImportClient, private readonly rejections: Rejections, private readonly limits: BatchLimits) {}

  async add(fileLine: number, json: string): Promise<void> {
    this.lines.push(json);
    this.rows.push(fileLine);
    this.bytes += json.length + 1;
    if (this.lines.length >= this.limits.rows || this.bytes >= this.limits.bytes) await this.flush();
  }

  /** Sends what is collected, once fewer than `concurrency` requests are in flight. */
  async flush(): Promise<void> {
    if (this.lines.length === 0) return;
    const body = this.lines.join('\n') + '\n';
    const rows = this.rows;
    this.lines = [];
    this.rows = [];
    this.bytes = 0;
    while (this.inflight.size >= this.limits.concurrency) await Promise.race(this.inflight);
    this.check();
    // A failure is kept, not left unhandled, and rethrown at the next flush or at finish().
    const p: Promise<void> = this.client.send(body)
      .then((r) => this.record(r, rows), (err) => { this.failure ??= err; })
      .finally(() => this.inflight.delete(p));
    this.inflight.add(p);
  }

  async finish(): Promise<void> {
    await this.flush();
    await Promise.all(this.inflight);
    this.check();
  }

  private check(): void {
    if (this.failure) throw this.failure;
  }

  private record(result: BatchResult, rows: number[]): void {
    this.stored += result.stored;
    this.duplicates += result.duplicates;
    const reported = new Set<number>();
    for (const d of result.rejected) {
      const index = d.index ?? Number(/^line (\d+)/.exec(d.path ?? '')?.[1]);
      if (!index || reported.has(index)) continue; // one reason per row: the first the server gave
      reported.add(index);
      const field = d.path?.replace(/^line \d+:?\s*/, '');
      this.rejections.add(rows[index - 1], field ? `${field}: ${d.message}` : d.message);
    }
    const unreported = rows.length - result.stored - result.duplicates - reported.size;
    for (let i = 0; i < unreported; i++) this.rejections.add(undefined, 'rejected by the server (its reply lists at most 200 reasons per batch)');
  }
}
