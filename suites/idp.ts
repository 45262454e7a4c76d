/**
 * The IdP-facing suites: the lifecycle replay (per IdP profile) and the GitLab group SCIM suite.
 * The lead wires IDP_SUITES into the catalogue (suites/index.ts).
 * @module
 */
import type { SuiteDefinition } from './support/index.js';
import { shippedProfileNames } from '../profiles/index.js';
import { gitlabSuite } from './gitlab/index.js';
import { lifecycleSuite } from './lifecycle/index.js';

/** The IdP suites for the shipped profiles plus `extraProfiles` (names of custom profile files the CLI loaded). */
export function idpSuites(extraProfiles: readonly string[] = []): SuiteDefinition[] {
  return [lifecycleSuite([...shippedProfileNames(), ...extraProfiles]), gitlabSuite];
}

export const IDP_SUITES: SuiteDefinition[] = idpSuites();

export { lifecycleSuite, gitlabSuite };
