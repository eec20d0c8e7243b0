import { defineConfig } from 'vitest/config';

/** End-to-end tests: one platform process (fresh embedded database with demo data), Chromium driven by playwright-core. */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 180_000,
    // A page under load (CI shares two cores with the server) may take seconds to show what a poll waits for.
    expect: { poll: { timeout: 15_000, interval: 200 } },
  },
});
