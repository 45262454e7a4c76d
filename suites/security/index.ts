import { defineSuite } from '../support/index.js';
import { authChecks } from './auth-checks.js';
import { passwordChecks } from './password-checks.js';

/** Authentication and secrets (RFC 7644 §2, §7; RFC 7643 §4.1.1, §7). */
export const securitySuite = defineSuite({
  name: 'security',
  title: 'Security',
  description: 'Refusing missing and wrong credentials properly, and never returning passwords or tokens.',
  checks: [...authChecks, ...passwordChecks],
});
