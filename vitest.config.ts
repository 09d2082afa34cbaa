import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // DuckDB files and servers are per test file; two cores means two workers at most.
    maxWorkers: 2,
    globalSetup: ['test/global-setup.ts'],
  },
});
