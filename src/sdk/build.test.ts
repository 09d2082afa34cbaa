import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildSdk } from './build.ts';

/** Bundle-size budget: the tracker must stay under 6 KB gzipped and, with the survey widget, under 10 KB; the bundle holds both, so it is held to the stricter 6 KB. */
const SDK_BUDGET_BYTES = 6144;

describe('buildSdk', () => {
  it('builds sdk.js under its gzip budget', async () => {
    const code = await buildSdk();
    const gzipped = gzipSync(code).length;
    expect(gzipped, `sdk.js is ${gzipped} bytes gzipped`).toBeLessThan(SDK_BUDGET_BYTES);
  });

  it('is one self-contained script that parses as JavaScript', async () => {
    const code = await buildSdk();
    expect(() => new Function(code)).not.toThrow();
    expect(code).not.toMatch(/\brequire\(|\bimport\s*[({'"]|__TP_VERSION__/);
  });

  it('stamps the library name and package version', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    const code = await buildSdk();
    expect(code).toContain('"touchpoint.js"');
    expect(code).toContain(JSON.stringify(version));
  });

  it('builds once per process', async () => {
    expect(buildSdk()).toBe(buildSdk());
  });
});
