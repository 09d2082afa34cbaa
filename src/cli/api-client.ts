import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config/config.ts';
import { CliError } from './errors.ts';

export interface ApiFlags { url?: string; key?: string; data?: string }

/** Adds `--url`, `--key` and `--data` to a command that reads from a running server. */
export function withApiFlags(cmd: Command): Command {
  return cmd
    .option('--url <url>', 'server URL (env TOUCHPOINT_URL, default http://127.0.0.1:8080)')
    .option('-k, --key <secret>', 'secret key (env TOUCHPOINT_SECRET_KEY, else the local server\'s default workspace)')
    .option('-d, --data <dir>', 'data folder of a local server, to find its secret key (env TOUCHPOINT_DATA)');
}

/**
 * A small client for the read/admin API. The DuckDB file belongs to the server, so CLI commands
 * talk to it over HTTP with the workspace's secret key.
 */
/** `?a=1&b=2` from the options that are set (empty when none are), for GET routes with optional filters. */
export function queryString(params: Record<string, string | undefined>): string {
  const qs = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => Boolean(e[1])));
  return qs.size ? `?${qs}` : '';
}

export class ApiClient {
  readonly url: string;
  readonly key: string;

  constructor(flags: ApiFlags) {
    const config = loadConfig({ dataDir: flags.data, serverUrl: flags.url });
    this.url = config.serverUrl.replace(/\/+$/, '');
    const key = flags.key ?? config.secretKey ?? savedSecret(join(config.dataDir, 'default-workspace.json'));
    if (!key) throw new CliError('No secret key: pass --key (`touchpoint serve` prints it) or --data with the server\'s data folder.');
    this.key = key;
  }

  async request<T = unknown>(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${this.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${this.key}`, ...(body !== undefined ? { 'content-type': contentType } : {}) },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
    } catch (err) {
      throw new CliError(`No Touchpoint server at ${this.url} (${(err as Error & { cause?: { code?: string } }).cause?.code ?? (err as Error).message}) — `
        + 'start one with `npx touchpoint serve` (the data file can be opened by one process only), or pass --url.');
    }
    const text = await res.text();
    let json: unknown;
    try { json = text ? JSON.parse(text) : undefined; } catch { json = undefined; }
    if (!res.ok) {
      const e = json as { error?: string; details?: { path?: string; message: string }[] } | undefined;
      const details = (e?.details ?? []).map((d) => `  ${d.path ? d.path + ': ' : ''}${d.message}`).join('\n');
      throw new CliError(`${method} ${path} → ${res.status}: ${e?.error ?? text.slice(0, 200)}${details ? '\n' + details : ''}`);
    }
    return json as T;
  }

  /** A non-JSON answer (CSV), as text; errors as in `request`. */
  async text(method: string, path: string): Promise<string> {
    let res: Response;
    try {
      res = await fetch(`${this.url}${path}`, { method, headers: { authorization: `Bearer ${this.key}` } });
    } catch (err) {
      throw new CliError(`No Touchpoint server at ${this.url} (${(err as Error).message}) — start one with \`npx touchpoint serve\`, or pass --url.`);
    }
    const text = await res.text();
    if (!res.ok) throw new CliError(`${method} ${path} → ${res.status}: ${text.slice(0, 500)}`);
    return text;
  }
}

function savedSecret(file: string): string | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const key = (JSON.parse(readFileSync(file, 'utf8')) as { secretKey?: unknown }).secretKey;
    return typeof key === 'string' ? key : undefined;
  } catch {
    return undefined;
  }
}
