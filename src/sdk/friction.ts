import type { Props } from './types.ts';

/** Errors reported per page, so a failing loop cannot flood the collector. */
export const MAX_ERRORS_PER_PAGE = 10;

/**
 * Calls `report` once with the page's load time from Navigation Timing. `loadEventEnd` is only set
 * after every load handler has returned, so it is polled briefly after the load event.
 */
export function watchPageLoad(report: (props: Props) => void): void {
  const check = (tries: number): void => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    if (nav && nav.loadEventEnd > 0) {
      report({
        duration_ms: Math.round(nav.loadEventEnd - nav.startTime),
        ttfb_ms: Math.round(nav.responseStart - nav.startTime),
        path: location.pathname,
      });
    } else if (nav && tries < 50) setTimeout(() => check(tries + 1), 100);
  };
  if (document.readyState === 'complete') check(0);
  else addEventListener('load', () => setTimeout(() => check(0), 0));
}

/** Reports uncaught errors and unhandled promise rejections as `Error` event properties. */
export function watchErrors(report: (props: Props) => void): void {
  let count = 0;
  const send = (props: Props): void => {
    if (++count <= MAX_ERRORS_PER_PAGE) report({ ...props, path: location.pathname, kind: 'js' });
  };
  addEventListener('error', (e: ErrorEvent) => {
    send({
      message: e.message,
      source: e.filename,
      line: e.lineno,
      column: e.colno,
      stack: stackOf(e.error),
    });
  });
  addEventListener('unhandledrejection', (e: PromiseRejectionEvent) => {
    const r = e.reason;
    send({ message: r instanceof Error ? r.message : String(r), stack: stackOf(r), unhandledRejection: true });
  });
}

function stackOf(error: unknown): string | undefined {
  return error instanceof Error && error.stack ? error.stack.slice(0, 2000) : undefined;
}
