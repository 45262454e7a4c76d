/**
 * The built-in check catalogue; the CLI hands it to the runner as data (engine/ never imports suites/).
 * @module
 */
import type { SuiteDefinition } from './support/index.js';
import { discoverySuite } from './discovery/index.js';
import { EXTENDED_SUITES } from './extended.js';
import { IDP_SUITES, idpSuites } from './idp.js';
import { errorsSuite } from './errors/index.js';
import { securitySuite } from './security/index.js';
import { usersSuite } from './users/index.js';
import { resourcesSuite } from './resources/index.js';
import { paginationCursorSuite } from './pagination-cursor/index.js';

/** The RFC 7643/7644 suites: they count against the `rfc` verdict (and some IdP verdicts too). */
export const RFC_SUITES: SuiteDefinition[] = [
  discoverySuite,
  usersSuite,
  errorsSuite,
  securitySuite,
  ...EXTENDED_SUITES,
  resourcesSuite,
  paginationCursorSuite,
];

/** Every built-in suite: the RFC suites, the per-IdP lifecycle replay and the GitLab suite. */
export const SUITES: SuiteDefinition[] = [...RFC_SUITES, ...IDP_SUITES];

/** The catalogue with the lifecycle suite extended to custom profile files loaded by name. */
export function catalogue(extraProfiles: readonly string[] = []): SuiteDefinition[] {
  return extraProfiles.length === 0 ? SUITES : [...RFC_SUITES, ...idpSuites(extraProfiles)];
}

export { discoverySuite, usersSuite, errorsSuite, securitySuite };
export { IDP_SUITES };
