import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'test/**/*.test.ts',
      'engine/**/*.test.ts',
      'reference-server/**/*.test.ts',
      'suites/**/*.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // dist/ for the tests that spawn bin/scimulator.js or pack the package: built once, when stale.
    globalSetup: ['test/support/build-dist.ts'],
  },
});
