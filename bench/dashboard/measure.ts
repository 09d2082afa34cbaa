import type { Browser } from 'playwright-core';

export interface ViewTiming {
  /** First contentful paint, from navigation start. */
  fcpMs: number;
  /** When the view's "painted with data" marker appeared (a MutationObserver in the page records it). */
  readyMs: number;
  /** Largest contentful paint as Chromium reports it when the view is ready. */
  lcpMs: number;
  /** JavaScript as it crossed the wire (br/gzip) and unpacked. */
  jsEncodedBytes: number;
  jsDecodedBytes: number;
  requests: number;
  /** Paths of the JavaScript files loaded (to size them gzipped from dist/web). */
  jsPaths: string[];
}

/** Opens `path` logged in, in a fresh context (empty HTTP cache), and reads the page's own performance entries. */
export async function measureView(browser: Browser, baseUrl: string, sessionToken: string, path: string, ready: string): Promise<ViewTiming> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    await context.addCookies([{ name: 'tp_session', value: sessionToken, url: baseUrl }]);
    await context.addInitScript((selector: string) => {
      const w = window as unknown as { __tp: { ready?: number; lcp?: number } };
      w.__tp = {};
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__tp.lcp = e.startTime;
      }).observe({ type: 'largest-contentful-paint', buffered: true });
      // Polled every 5 ms: the moment the view's data is in the DOM (painted in the same frame).
      const timer = setInterval(() => {
        if (document.querySelector(selector)) { w.__tp.ready = performance.now(); clearInterval(timer); }
      }, 5);
    }, ready);
    const page = await context.newPage();
    await page.goto(`${baseUrl}${path}`);
    await page.waitForFunction(() => (window as unknown as { __tp: { ready?: number } }).__tp.ready !== undefined, undefined, { timeout: 60_000 });
    await page.waitForTimeout(200);
    return await page.evaluate(() => {
      const tp = (window as unknown as { __tp: { ready: number; lcp?: number } }).__tp;
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
      const res = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      const js = res.filter((r) => r.name.endsWith('.js'));
      return {
        fcpMs: fcp, readyMs: tp.ready, lcpMs: tp.lcp ?? NaN,
        jsEncodedBytes: js.reduce((s, r) => s + r.encodedBodySize, 0),
        jsDecodedBytes: js.reduce((s, r) => s + r.decodedBodySize, 0),
        requests: res.length + 1,
        jsPaths: js.map((r) => new URL(r.name).pathname),
      };
    });
  } finally {
    await context.close();
  }
}
