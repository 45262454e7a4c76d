import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Vitest's default is one worker fewer than the cores: a single worker on a 2-core machine. One per core
 * lets two files run at once; files that mostly wait run their own tests concurrently inside.
 */
const workers = availableParallelism();

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
    // forks, not threads: some tests change the working directory (process.chdir is not allowed in threads).
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: workers,
    // dist/ for the tests that spawn bin/scimulator.js or pack the package: built once, when stale.
    globalSetup: ['test/support/build-dist.ts'],
  },
});
