import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const sdkDir = fileURLToPath(new URL('.', import.meta.url));

let cached: Promise<string> | undefined;

/**
 * Builds the browser tracker (`tracker.ts` and its modules) into one minified ES2018 IIFE, once per
 * process; the server serves the string as `application/javascript` at `/sdk.js`.
 * Fails if anything outside `src/sdk/` ends up in the bundle: the SDK has no dependencies.
 *
 * @example
 * app.get('/sdk.js', async (_req, reply) => reply.type('application/javascript').send(await buildSdk()));
 */
export function buildSdk(): Promise<string> {
  if (!cached) {
    cached = compile();
    cached.catch(() => (cached = undefined)); // let the next call retry a failed build
  }
  return cached;
}

async function compile(): Promise<string> {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  const result = await build({
    entryPoints: ['tracker.ts'],
    absWorkingDir: sdkDir,
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2018',
    write: false,
    metafile: true,
    legalComments: 'none',
    logLevel: 'silent',
    define: { __TP_VERSION__: JSON.stringify(String(pkg.version)) },
  });
  const foreign = Object.keys(result.metafile.inputs).filter((p) => p.startsWith('..') || p.includes('node_modules'));
  if (foreign.length) throw new Error(`sdk.js must not bundle dependencies, found: ${foreign.join(', ')}`);
  return result.outputFiles[0]!.text;
}
