import { resolve } from 'node:path';
import { z } from 'zod';

/**
 * The one place that reads the environment (Formbricks' env module). Everything else receives a
 * `Config`. CLI flags override these values by passing `overrides`.
 */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  TOUCHPOINT_DATA: z.string().default('./touchpoint-data'),
  TOUCHPOINT_WRITE_KEY: z.string().min(8, 'must be at least 8 characters').optional(),
  TOUCHPOINT_SECRET_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  TOUCHPOINT_ADMIN_EMAIL: z.string().email().optional(),
  TOUCHPOINT_ADMIN_PASSWORD: z.string().min(8).optional(),
  TOUCHPOINT_URL: z.string().url().optional(),
  TOUCHPOINT_MEMORY_LIMIT: z.string().regex(/^\d+(\.\d+)?\s*(KB|MB|GB|KiB|MiB|GiB)$/i, 'must be a size such as 768MB').default('768MB'),
  TOUCHPOINT_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  writeKey?: string;
  secretKey?: string;
  adminEmail?: string;
  adminPassword?: string;
  /** Base URL the CLI uses to reach a running server. */
  serverUrl: string;
  logLevel: z.infer<typeof envSchema>['TOUCHPOINT_LOG_LEVEL'];
  /** DuckDB's buffer-pool limit; large queries spill to disk beyond it (keeps the server under 1 GB RSS). */
  memoryLimit: string;
}

export class ConfigError extends Error {}

export function loadConfig(overrides: Partial<Config> = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const port = overrides.port ?? e.PORT;
  const config: Config = {
    port,
    host: overrides.host ?? e.HOST,
    dataDir: resolve(overrides.dataDir ?? e.TOUCHPOINT_DATA),
    writeKey: overrides.writeKey ?? e.TOUCHPOINT_WRITE_KEY,
    secretKey: overrides.secretKey ?? e.TOUCHPOINT_SECRET_KEY,
    adminEmail: overrides.adminEmail ?? e.TOUCHPOINT_ADMIN_EMAIL,
    adminPassword: overrides.adminPassword ?? e.TOUCHPOINT_ADMIN_PASSWORD,
    serverUrl: overrides.serverUrl ?? e.TOUCHPOINT_URL ?? `http://127.0.0.1:${port}`,
    logLevel: overrides.logLevel ?? e.TOUCHPOINT_LOG_LEVEL,
    memoryLimit: overrides.memoryLimit ?? e.TOUCHPOINT_MEMORY_LIMIT,
  };
  return config;
}
