import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CliError } from '../cli/errors.ts';
import type { Config } from '../config/config.ts';

/** Written by the server next to its data (src/server/start.ts). */
export const KEYS_FILE = 'default-workspace.json';

/**
 * The write key to import with: `--write-key`, else TOUCHPOINT_WRITE_KEY, else the default workspace's
 * key from the data folder of a server on this machine (`--data`, default ./touchpoint-data).
 */
export function resolveWriteKey(flag: string | undefined, config: Config): string {
  if (flag) return flag;
  if (config.writeKey) return config.writeKey;
  const file = join(config.dataDir, KEYS_FILE);
  if (existsSync(file)) {
    let saved: unknown;
    try { saved = JSON.parse(readFileSync(file, 'utf8')); } catch (err) {
      throw new CliError(`Could not read the write key from ${file}: ${(err as Error).message}. Pass --write-key.`);
    }
    const key = (saved as { writeKey?: unknown } | null)?.writeKey;
    if (typeof key === 'string' && key) return key;
  }
  throw new CliError(`No write key: pass --write-key KEY (\`touchpoint serve\` prints it), or --data DIR with the server's data folder (no ${file}).`);
}
