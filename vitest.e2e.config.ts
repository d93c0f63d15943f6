import { defineConfig } from 'vitest/config';

// End-to-end tests: the web mode in Debian's Chromium, and Electron where its binary exists.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    // Every temp folder a test makes with test/support/temp.ts is removed after its file.
    setupFiles: ['test/support/cleanup-setup.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    globalSetup: ['test/e2e/support/build.ts'],
  },
});
