import { defineConfig } from 'vitest/config';

/**
 * Browser tests (`npm run test:e2e`): playwright-core driving the system Chromium against the
 * built app (`npm run build` first) served by the real server on a throwaway embedded database.
 * Separate from `npm test` so unit runs stay fast and need no browser.
 */
export default defineConfig({
  test: {
    include: ['apps/web/e2e/**/*.e2e.ts'],
    globalSetup: ['apps/web/e2e/global-setup.ts'],
    pool: 'forks',
    // One server and one demo catalog for every file: files run one after another.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    reporters: ['default'],
  },
});
