import { defineSuite } from '../support/index.js';
import { deleteChecks } from './delete-checks.js';
import { getChecks } from './get-checks.js';
import { listChecks } from './list-checks.js';
import { mediaTypeChecks } from './media-type-checks.js';
import { metaChecks } from './meta-checks.js';
import { postChecks } from './post-checks.js';
import { rfcRowUserChecks } from './rfc-row-checks.js';

/** The User lifecycle: create, read, list, delete (RFC 7644 §3.3, §3.4, §3.6; RFC 7643 §3.1, §4.1). */
export const usersSuite = defineSuite({
  name: 'users',
  title: 'Users',
  description:
    'Creating, reading, listing and deleting Users, with the headers and meta data clients rely on.',
  checks: [
    ...postChecks,
    ...metaChecks,
    ...getChecks,
    ...listChecks,
    ...deleteChecks,
    ...rfcRowUserChecks,
    ...mediaTypeChecks,
  ],
});
