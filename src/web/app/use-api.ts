import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type RequestOptions } from './api.ts';

export interface Loaded<T> { data?: T; error?: Error; loading: boolean; reload(): void }

/**
 * Loads `path` (GET, or POST with `options.body`) and reloads when the path or body change.
 * `path = null` waits (e.g. until a form is complete). Stale answers are dropped.
 */
export function useApi<T>(path: string | null, options: RequestOptions = {}): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: Error; loading: boolean }>({ loading: path !== null });
  const [tick, setTick] = useState(0);
  const key = JSON.stringify([path, options.method, options.body, options.query]);
  const keyRef = useRef(key);
  keyRef.current = key;
  useEffect(() => {
    if (path === null) { setState({ loading: false }); return; }
    const controller = new AbortController();
    setState((s) => ({ data: s.data, loading: true }));
    api<T>(path, { ...options, signal: controller.signal })
      .then((data) => { if (keyRef.current === key) setState({ data, loading: false }); })
      .catch((error: Error) => { if (error.name !== 'AbortError' && keyRef.current === key) setState({ error, loading: false }); });
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}
