import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { WEB_DIST } from '../../src/api/routes/web.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDemoIfEmpty } from '../../src/cli/demo-loader.ts';
import { loadConfig } from '../../src/config/config.ts';
import { startServer } from '../../src/server/start.ts';
import { launchChromium } from '../../src/sdk/test-support.ts';
import { machineInfo } from '../lib/machine.ts';
import { fmt, percentile } from '../lib/stats.ts';
import { measureView, type ViewTiming } from './measure.ts';

export interface DashboardBenchOptions {
  customers: number;
  runs: number;
  /** Views to load, each as `path=css selector that marks it painted with data`. */
  views: { path: string; ready: string }[];
}

// The journey map is the first view (where `/` lands) and the one the target is about; it marks the
// moment its numbers are on screen with data-ready (src/web/views/journey-map/MapBody.tsx).
export const DEFAULT_VIEWS: DashboardBenchOptions['views'] = [
  { path: '/map', ready: '[data-ready="journey-map"]' },
];

/** The same files as `npm install` wrote them gzipped (the server sends brotli to browsers that take it). */
function gzipped(paths: string[]): number {
  return paths.reduce((sum, p) => {
    const file = `${WEB_DIST}${p.replace(/^\//, '')}.gz`;
    return sum + (existsSync(file) ? statSync(file).size : NaN);
  }, 0);
}

const ADMIN = { email: 'bench@example.com', password: 'bench-password-1' };

/**
 * Loads dashboard views in headless Chromium against a real server holding the `npm start` demo
 * (2,000 customers), each run in a fresh browser context (cold cache, no service worker), and prints
 * first contentful paint, the moment the view shows its data, and the JavaScript it downloaded.
 */
export async function runDashboardBench(o: DashboardBenchOptions): Promise<void> {
  const machine = machineInfo();
  const dataDir = mkdtempSync(join(tmpdir(), 'touchpoint-bench-dash-'));
  const server = await startServer(loadConfig({
    port: 0, host: '127.0.0.1', dataDir, logLevel: 'silent', adminEmail: ADMIN.email, adminPassword: ADMIN.password,
  }, {}));
  const browser = await launchChromium();
  try {
    const started = Date.now();
    await loadDemoIfEmpty(server, { customers: o.customers, days: 120, seed: 42, quiet: true });
    await server.services.settle();
    console.log(`Demo data: ${o.customers} customers loaded in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN),
    });
    const token = /tp_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1];
    if (!token) throw new Error(`login failed: ${login.status}`);

    console.log(`\nDashboard load, ${o.runs} cold-cache runs per view (${machine.cpu}, ${machine.cores} cores, load ${machine.loadAvg1}, ${machine.date.slice(0, 10)})`);
    console.log('view        | FCP p50 | data painted p50 | max   | LCP p50 | JS as sent (br) | JS gzipped | JS raw   | requests');
    for (const view of o.views) {
      const runs: ViewTiming[] = [];
      for (let i = 0; i < o.runs; i++) runs.push(await measureView(browser, server.url, token, view.path, view.ready));
      const p50 = (f: (t: ViewTiming) => number) => percentile(runs.map(f), 50);
      const last = runs[runs.length - 1];
      console.log([
        view.path.padEnd(11), `${fmt(p50((t) => t.fcpMs)).padStart(4)} ms`, `${fmt(p50((t) => t.readyMs)).padStart(9)} ms`.padEnd(16),
        `${fmt(Math.max(...runs.map((t) => t.readyMs)))} ms`.padEnd(5), `${fmt(p50((t) => t.lcpMs)).padStart(4)} ms`,
        `${fmt(last.jsEncodedBytes / 1024, 1)} KB`.padEnd(15), `${fmt(gzipped(last.jsPaths) / 1024, 1)} KB`.padEnd(10),
        `${fmt(last.jsDecodedBytes / 1024, 1)} KB`.padEnd(8), String(last.requests),
      ].join(' | '));
    }
    console.log('\nTargets (DESIGN.md / issue 6): journey map painted with data < 2,000 ms cold; JS for the first view < 300 KB gzipped.');
  } finally {
    await browser.close();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
