/**
 * Proves the extended suites (filter … search) on test/support/check-harness.ts.
 * @module
 */
import { RFC_PROFILE } from '../../../../engine/runner/index.js';
import { EXTENDED_SUITES } from '../../../../suites/extended.js';
import { createCheckHarness } from '../../../support/check-harness.js';

export type { ProxiedRfc } from '../../../support/check-harness.js';
export const TOKEN = 'extended-suite-token';

const harness = createCheckHarness({
  token: TOKEN,
  seed: 11,
  suites: EXTENDED_SUITES,
  // patch.dialect.capitalised-op and string-boolean count against Entra only; its verdict switches them on.
  profiles: [RFC_PROFILE, { name: 'entra-id', data: {} }],
});

export const { startRfc, startProxiedRfc, runWithQuirks } = harness;
export const runExtended = harness.run;
export const extendedCheckIds = harness.checkIds;
