/** The real server (`node bin/touchpoint.mjs serve`) as a child process on a data folder. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const WRITE_KEY = 'bench_write_key_0001';
export const SECRET_KEY = 'bench_secret_key_000000000001';

export interface ServerProcess {
  url: string;
  workspaceId: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `touchpoint serve --data dir` on a free port; resolves once it prints its URL and workspace. */
export function startServer(root: string, dataDir: string, timeoutMs = 120_000): Promise<ServerProcess> {
  const child = spawn(process.execPath, [join(root, 'bin', 'touchpoint.mjs'), 'serve', '--data', dataDir, '--port', '0', '--host', '127.0.0.1'], {
    cwd: root,
    env: { ...process.env, TOUCHPOINT_WRITE_KEY: WRITE_KEY, TOUCHPOINT_SECRET_KEY: SECRET_KEY, TOUCHPOINT_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => { void stop(); reject(new Error(`server did not start within ${timeoutMs / 1000} s\n${err}`)); }, timeoutMs);
    child.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const url = /listening on (\S+)/.exec(out)?.[1];
      const workspaceId = /workspace:\s+.*\((\S+)\)/.exec(out)?.[1];
      if (url && workspaceId) {
        clearTimeout(timer);
        resolve({ url, workspaceId, child, stop });
      }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited (${code}) before listening\n${err.slice(-2000)}`)); });
  });
}

/** POST JSON with the secret key; returns status, parsed body (or text) and elapsed seconds. */
export async function postJson(url: string, path: string, body: unknown): Promise<{ status: number; body: unknown; seconds: number }> {
  const t0 = performance.now();
  const res = await fetch(url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${SECRET_KEY}` },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  const seconds = (performance.now() - t0) / 1000;
  let parsed: unknown = text;
  try { parsed = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, body: parsed, seconds };
}
