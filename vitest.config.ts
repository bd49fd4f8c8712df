import { defineConfig } from 'vitest/config';

/**
 * `npm test`: two projects in one run. The server's tests (and its globalSetup: PostgreSQL and a
 * migrated template database) and the web app's unit and component tests, which run in a DOM
 * (happy-dom) with the network mocked at `fetch` and need no database.
 */
export default defineConfig({
  test: {
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    reporters: ['default'],
    coverage: {
      provider: 'v8',
      include: ['apps/server/src/**/*.ts'],
      exclude: ['**/*.test.ts', '**/test/**'],
    },
    projects: [
      {
        extends: true,
        test: {
          name: 'server',
          include: ['apps/server/src/**/*.test.ts'],
          globalSetup: ['apps/server/src/test/global-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'web',
          include: ['apps/web/src/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          setupFiles: ['apps/web/src/test/setup.ts'],
        },
      },
    ],
  },
});
