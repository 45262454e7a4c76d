import { defineSuite } from '../support/index.js';
import { gitlabChecks } from './checks.js';

/** GitLab group SCIM behaviour (docs/gitlab-scim.md §13); failures count against the `gitlab` verdict only. */
export const gitlabSuite = defineSuite({
  name: 'gitlab',
  title: 'GitLab group SCIM',
  description:
    "What GitLab's group SCIM API does, seen from outside: numeric error status, 412 for unsupported filters, idempotent POST, 204 PATCH, DELETE as deactivation, no PUT, the members view.",
  checks: gitlabChecks,
});
