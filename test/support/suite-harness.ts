/**
 * Proves the discovery, users, errors and security checks (the other suites have harnesses of their own
 * built the same way, on test/support/check-harness.ts).
 * @module
 */
import { discoverySuite, errorsSuite, securitySuite, usersSuite } from '../../suites/index.js';
import { createCheckHarness } from './check-harness.js';

export type { ProxiedRfc } from './check-harness.js';
export const TOKEN = 'suite-test-token';

const harness = createCheckHarness({
  token: TOKEN,
  seed: 7,
  suites: [discoverySuite, usersSuite, errorsSuite, securitySuite],
});

export const { startRfc, startProxiedRfc, runWithQuirks } = harness;
export const runSuites = harness.run;
export const allCheckIds = harness.checkIds;
