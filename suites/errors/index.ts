import { defineSuite } from '../support/index.js';
import { badRequestChecks } from './bad-request-checks.js';
import { conflictChecks } from './conflict-checks.js';
import { notFoundChecks } from './not-found-checks.js';
import { unknownIdChecks } from './unknown-id-checks.js';
import { versionChecks } from './version-checks.js';

/** Error responses: status codes, the Error message and its scimType keywords (RFC 7644 §3.12). */
export const errorsSuite = defineSuite({
  name: 'errors',
  title: 'Errors',
  description:
    'How the server refuses: status codes, SCIM Error bodies, status as a string, scimType keywords.',
  checks: [...notFoundChecks, ...badRequestChecks, ...conflictChecks, ...versionChecks, ...unknownIdChecks],
});
