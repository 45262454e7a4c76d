/**
 * The built-in check catalogue; the CLI hands it to the runner as data (engine/ never imports suites/).
 * @module
 */
import type { SuiteDefinition } from '../engine/index.js';
import { discoverySuite } from './discovery/index.js';
import { EXTENDED_SUITES } from './extended.js';
import { errorsSuite } from './errors/index.js';
import { securitySuite } from './security/index.js';
import { usersSuite } from './users/index.js';

export const SUITES: SuiteDefinition[] = [
  discoverySuite,
  usersSuite,
  errorsSuite,
  securitySuite,
  ...EXTENDED_SUITES,
];

export { discoverySuite, usersSuite, errorsSuite, securitySuite };
export { EXTENDED_SUITES };
