import type { BatchResult, ImportClient } from './client.ts';
import type { Rejections } from './summary.ts';

export interface BatchLimits {
  rows: number;
  bytes: number;
}

/**
 * Collects mapped rows into NDJSON bodies and sends them, one request in flight while the next batch
 * is read and mapped. Remembers which file line each body line came from, so the server's verdicts
 * (`line N` of the body) are reported against the file's own line numbers.
 */
export class Batcher {
  stored = 0;
  duplicates = 0;
  private lines: string[] = [];
  private rows: number[] = [];
  private bytes = 0;
  private inflight: Promise<void> = Promise.resolve();
  private failure: unknown;

  constructor(private readonly client: ImportClient, private readonly rejections: Rejections, private readonly limits: BatchLimits) {}

  async add(fileLine: number, json: string): Promise<void> {
    this.lines.push(json);
    this.rows.push(fileLine);
    this.bytes += json.length + 1;
    if (this.lines.length >= this.limits.rows || this.bytes >= this.limits.bytes) await this.flush();
  }

  /** Sends what is collected; waits only for the previous request. */
  async flush(): Promise<void> {
    if (this.lines.length === 0) return;
    const body = this.lines.join('\n') + '\n';
    const rows = this.rows;
    this.lines = [];
    this.rows = [];
    this.bytes = 0;
    await this.settle();
    // The rejection is kept, not left unhandled, and rethrown at the next flush or at finish().
    this.inflight = this.client.send(body).then((r) => this.record(r, rows), (err) => { this.failure = err; });
  }

  async finish(): Promise<void> {
    await this.flush();
    await this.settle();
  }

  private async settle(): Promise<void> {
    await this.inflight;
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
