/** One error shape from the server: `{ error, code, details }` (docs/api.md). */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly details: { path?: string; message: string }[] = []) {
    super(message);
  }
}

let workspaceId: string | null = null;
/** The workspace every call is made in (the server checks the user's role there). */
export function setWorkspace(id: string | null): void { workspaceId = id; }
export function currentWorkspace(): string | null { return workspaceId; }

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined | null>;
  /** Raw text body (YAML); sent as text/plain. */
  text?: string;
  signal?: AbortSignal;
}

/** Fired when the session has ended, so the app can show the login page. */
export const UNAUTHORIZED_EVENT = 'touchpoint:unauthorized';

export function withQuery(path: string, query?: RequestOptions['query']): string {
  if (!query) return path;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  const s = qs.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}

/** Calls the Touchpoint API with the login cookie and the chosen workspace. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {};
  if (workspaceId) headers['x-touchpoint-workspace'] = workspaceId;
  let body: string | undefined;
  if (options.text !== undefined) { headers['content-type'] = 'text/plain; charset=utf-8'; body = options.text; }
  else if (options.body !== undefined) { headers['content-type'] = 'application/json'; body = JSON.stringify(options.body); }
  const res = await fetch(withQuery(path, options.query), {
    method: options.method ?? (body !== undefined ? 'POST' : 'GET'), headers, body, credentials: 'same-origin', signal: options.signal,
  });
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  const payload = type.includes('json') ? await res.json() : await res.text();
  if (!res.ok) {
    if (res.status === 401 && !path.startsWith('/api/v1/auth/')) window.dispatchEvent(new Event(UNAUTHORIZED_EVENT));
    const e = (payload ?? {}) as { error?: unknown; code?: string; details?: { path?: string; message: string }[] };
    const message = typeof e.error === 'string' ? e.error : (e.error as { message?: string })?.message ?? `Request failed (${res.status})`;
    throw new ApiError(res.status, e.code ?? 'error', message, e.details ?? []);
  }
  return payload as T;
}
