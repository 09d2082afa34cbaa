import { setTimeout as sleep } from 'node:timers/promises';
import { CliError } from '../cli/errors.ts';

/** One rejected line as `POST /v1/import` reports it: `path` is `line N` or `line N: field`, `index` is N. */
export interface ServerRejection { path?: string; index?: number; message: string }

export interface BatchResult {
  stored: number;
  duplicates: number;
  /** At most 200 per request (the server caps the list); messages neither stored nor duplicate were rejected. */
  rejected: ServerRejection[];
}

export interface ClientOptions {
  url: string;
  writeKey: string;
  /** Retries after the first attempt, for network errors, 429 and 5xx. */
  retries?: number;
  /** First backoff; doubles per attempt (with jitter), capped at 30 s. */
  retryDelayMs?: number;
  timeoutMs?: number;
}

/**
 * Talks to a running Touchpoint server's `POST /v1/import`. Sending a batch again is always safe:
 * every message carries a messageId and the server stores each id once, so the client retries
 * freely on network errors and 5xx (as Segment's libraries do).
 */
export class ImportClient {
  readonly url: string;
  private readonly auth: string;

  constructor(private readonly options: ClientOptions) {
    this.url = options.url.replace(/\/+$/, '');
    this.auth = 'Basic ' + Buffer.from(`${options.writeKey}:`).toString('base64');
  }

  /** Fails fast, with what to do, when no server answers at the URL. */
  async ping(): Promise<void> {
    let res: Response;
    try {
      res = await fetch(`${this.url}/health`, { signal: AbortSignal.timeout(5000) });
    } catch (err) {
      throw new CliError(`No Touchpoint server at ${this.url} (${networkReason(err)}) — start one with \`npx touchpoint serve\` `
        + '(the data file can be opened by one process only), or pass --url.');
    }
    await res.body?.cancel();
    if (!res.ok) throw new CliError(`${this.url} answered ${res.status} to GET /health; is it a Touchpoint server? Pass --url.`);
    // The key is checked before the body, so an empty request tells a wrong key (401) apart from a
    // good one (400, empty body) before the first row is read.
    const probe = await fetch(`${this.url}/v1/import`, { method: 'POST', headers: { authorization: this.auth }, signal: AbortSignal.timeout(5000) });
    await probe.body?.cancel();
    if (probe.status === 401) throw unknownKey(this.url);
  }

  /** Sends one NDJSON body; returns the server's verdict or throws a CliError once retrying is pointless. */
  async send(body: string): Promise<BatchResult> {
    const attempts = (this.options.retries ?? 5) + 1;
    let last = '';
    for (let attempt = 1; attempt <= attempts; attempt++) {
      let res: Response;
      try {
        res = await fetch(`${this.url}/v1/import`, {
          method: 'POST', body,
          headers: { authorization: this.auth, 'content-type': 'application/x-ndjson' },
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 120_000),
        });
      } catch (err) {
        last = networkReason(err);
        await this.backoff(attempt, attempts);
        continue;
      }
      const payload = await res.json().catch(() => ({})) as Record<string, unknown>;
      if (res.ok) return { stored: Number(payload.stored ?? 0), duplicates: Number(payload.duplicates ?? 0), rejected: (payload.rejected ?? []) as ServerRejection[] };
      // No line of the batch was valid: a verdict on the rows, not a failure of the import.
      if (res.status === 400 && payload.code === 'validation_failed') return { stored: 0, duplicates: 0, rejected: (payload.details ?? []) as ServerRejection[] };
      if (res.status === 401) throw unknownKey(this.url);
      if (res.status === 413) throw new CliError('The server refused a batch as too large; pass a smaller --batch-size.');
      last = `${res.status} ${String(payload.error ?? res.statusText)}`;
      if (res.status !== 429 && res.status < 500) throw new CliError(`The server refused a batch: ${last}`);
      await this.backoff(attempt, attempts, Number(res.headers.get('retry-after')) * 1000 || undefined);
    }
    throw new CliError(`Gave up after ${attempts} attempts to send a batch to ${this.url}: ${last}.`);
  }

  private async backoff(attempt: number, attempts: number, retryAfterMs?: number): Promise<void> {
    if (attempt >= attempts) return;
    const base = (this.options.retryDelayMs ?? 500) * 2 ** (attempt - 1);
    await sleep(Math.min(30_000, retryAfterMs ?? base * (0.5 + Math.random())));
  }
}

function unknownKey(url: string): CliError {
  return new CliError(`The server at ${url} does not know this write key; pass the workspace's write key with --write-key.`);
}

function networkReason(err: unknown): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError') return 'timed out';
  return e.cause?.code ?? e.cause?.message ?? e.message ?? String(err);
}
