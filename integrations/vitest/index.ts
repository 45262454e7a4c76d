/**
 * `scimulator/vitest`: conformance checks as vitest tests.
 * @module
 */
export { defineConformanceTests, failureMessage, ConformanceFailure } from './define-conformance-tests.js';
export type { ConformanceTestOptions } from './define-conformance-tests.js';
