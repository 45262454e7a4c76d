/** The checks that cover the RFC rows no other check cited, gathered for the tests of this folder. */
import type { AnyCheck, SuiteDefinition } from '../../../engine/index.js';
import { referenceChecks } from '../../../suites/bulk/reference-checks.js';
import { meLocationChecks } from '../../../suites/discovery/me-location-checks.js';
import { versionChecks } from '../../../suites/errors/version-checks.js';
import { defaultChecks } from '../../../suites/filter/default-checks.js';
import { morePatchChecks } from '../../../suites/patch/more-checks.js';
import { rootChecks } from '../../../suites/search/root-checks.js';
import { rfcRowUserChecks } from '../../../suites/users/rfc-row-checks.js';

export const RFC_ROW_CHECKS: AnyCheck[] = [
  ...morePatchChecks,
  ...referenceChecks,
  ...rfcRowUserChecks,
  ...rootChecks,
  ...defaultChecks,
  ...meLocationChecks,
  ...versionChecks,
];

export const RFC_ROW_SUITE: SuiteDefinition = {
  name: 'rfc-rows',
  title: 'RFC rows',
  description: 'Checks for RFC 7643/7644 rows no other check covered.',
  checks: RFC_ROW_CHECKS,
};

/** Checks the clean rfc server legitimately skips: it does not offer the feature they need. */
export const SKIPPED_ON_RFC: Record<string, string> = {
  'discovery.me.location-names-resource': '/Me is not supported (501)',
  'filter.default.matches-returned-value': '"active" is not defaulted',
  'users.get.content-location-matches-meta': 'no Content-Location header is sent',
  'discovery.spc.etag-matches-headers': 'ETags are advertised, so the etag suite judges them',
};
