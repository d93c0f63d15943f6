import { defineConfig } from 'vitest/config';

// Unit and integration tests: plain Node, the real encrypted store, no browser.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.{ts,tsx}', 'test/integration/**/*.test.ts'],
    environment: 'node',
    // Every temp folder a test makes with test/support/temp.ts is removed after its file.
    setupFiles: ['test/support/cleanup-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Two cores here and in CI: one worker per core keeps native builds and tests from thrashing.
    maxWorkers: 2,
  },
});
