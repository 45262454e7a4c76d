/**
 * Client requirements: what `scimulator judge` grades a SCIM client on. Data for the engine's judge runner
 * (engine/judge); the RFC checks first, then sequence behaviour, then the `--as` profile comparisons.
 * @module
 */
import type { ClientCheck } from '../support/index.js';
import { bulkIds, bulkLimits, bulkShape } from './bulk-checks.js';
import { etagIfMatch } from './etag-check.js';
import { mediaType } from './media-type.js';
import { patchOperations, patchOperationShape } from './patch-checks.js';
import {
  profileDeprovision,
  profilePatchOpCase,
  profileQueryEncoding,
  profileUpdateMethod,
} from './profile-checks.js';
import { attributesKnown, filterSyntax, pagingParams } from './query-checks.js';
import { bulkSchemas, patchSchemas, resourceSchemas, searchSchemas } from './schemas-checks.js';
import { lookupAfterConflict, noCredentialsInUrl, noHammering, retryAfter } from './traffic-checks.js';
import { createNoId, writeNoReadOnly } from './write-checks.js';

export const CLIENT_CHECKS: readonly ClientCheck[] = [
  mediaType,
  resourceSchemas,
  patchSchemas,
  searchSchemas,
  bulkSchemas,
  patchOperations,
  patchOperationShape,
  filterSyntax,
  attributesKnown,
  pagingParams,
  createNoId,
  writeNoReadOnly,
  etagIfMatch,
  bulkShape,
  bulkIds,
  bulkLimits,
  retryAfter,
  noCredentialsInUrl,
  lookupAfterConflict,
  noHammering,
  profileDeprovision,
  profileUpdateMethod,
  profilePatchOpCase,
  profileQueryEncoding,
];
