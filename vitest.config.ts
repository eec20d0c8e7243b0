import { defineConfig } from 'vitest/config';

/**
 * Unit, service and route tests. One migrated template database is built once (global setup); each worker
 * clones it (PGlite: loadDataDir, ~3 s; PostgreSQL: CREATE DATABASE … TEMPLATE) and tests reset it by truncation.
 * `isolate: false` keeps that clone alive across the files a worker runs.
 */
export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'apps/server/src/**/*.test.ts', 'apps/web/src/**/*.test.ts'],
    globalSetup: ['apps/server/test/global-setup.ts'],
    pool: 'forks',
    isolate: false,
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
