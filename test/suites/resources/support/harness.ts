/**
 * Proves the resources suite on test/support/check-harness.ts; the proxy forwards the Host, so `$ref`s and
 * `meta.location` name the proxy and can be followed through it.
 * @module
 */
import { resourcesSuite } from '../../../../suites/resources/index.js';
import { createCheckHarness } from '../../../support/check-harness.js';

export type { ProxiedRfc } from '../../../support/check-harness.js';
export const TOKEN = 'resources-suite-token';

const harness = createCheckHarness({ token: TOKEN, seed: 23, suites: [resourcesSuite], forwardHost: true });

export const { startRfc, startProxiedRfc, runWithQuirks } = harness;
export const runResources = harness.run;
export const resourceCheckIds = harness.checkIds;
