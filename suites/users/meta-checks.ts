/** `meta` of a created User (RFC 7644 §3.3.1, §3.14; RFC 7643 §3.1). */
import {
  checkRows,
  createdUser,
  expectValue,
  fail,
  failureIn,
  headerValue,
  isDateTime,
  isFailure,
  requireAttribute,
} from '../support/index.js';
import type { AnyCheck, Guard, JsonObject } from '../support/index.js';
import { onCreatedBody, onCreatedResponse } from './post-checks.js';

const check = checkRows({ suite: 'users', rfc: 'RFC7643 3.1', scenario: createdUser });

function expectDateTime(body: JsonObject, pointer: string): Guard {
  const value = requireAttribute(body, pointer);
  if (isFailure(value)) return value;
  if (isDateTime(value)) return undefined;
  return fail('VALUE_MISMATCH', `${pointer.slice(1).replace('/', '.')} is not an xsd:dateTime`, {
    expected: 'xsd:dateTime, e.g. 2025-01-31T12:00:00Z',
    actual: value,
    pointer,
  });
}

const postMetaResourceType = check({
  id: 'users.post.meta-resource-type',
  title: 'The created User has meta.resourceType "User"',
  rfc: 'RFC7644 3.3.1',
  requirements: ['7644-3.3.1-a', '7643-3.1-o'],
  level: 'MUST',
  explanation:
    "RFC 7644 §3.3.1 says the service provider SHALL set meta.resourceType to the endpoint's resource type; clients use it to tell Users from Groups.",
  assert: onCreatedBody((body) =>
    expectValue(body, '/meta/resourceType', 'User', { message: 'meta.resourceType is not "User"' }),
  ),
});

const postMetaCreated = check({
  id: 'users.post.meta-created',
  title: 'The created User has meta.created as a dateTime',
  requirements: ['7643-3.1-b', '7643-3.1-p', '7643-2.3.5-a'],
  level: 'MUST',
  explanation:
    'RFC 7643 §3.1 says the server assigns meta on creation and meta.created MUST be a DateTime (§2.3.5).',
  assert: onCreatedBody((body) => expectDateTime(body, '/meta/created')),
});

const postMetaLastModified = check({
  id: 'users.post.meta-last-modified',
  title: 'The created User has meta.lastModified as a dateTime',
  requirements: ['7643-3.1-b', '7643-2.3.5-a'],
  level: 'MUST',
  explanation:
    'RFC 7643 §3.1 says the server assigns meta with its sub-attributes on creation; Entra and Okta delta syncs filter on meta.lastModified.',
  assert: onCreatedBody((body) => expectDateTime(body, '/meta/lastModified')),
});

const postLastModifiedEqualsCreated = check({
  id: 'users.post.last-modified-equals-created',
  title: 'A new User has meta.lastModified equal to meta.created',
  requirements: ['7643-3.1-q'],
  level: 'MUST',
  explanation:
    'RFC 7643 §3.1 says lastModified MUST equal created until the resource is first modified; a later timestamp makes delta syncs think it changed.',
  assert: onCreatedBody((body) => {
    const created = requireAttribute(body, '/meta/created');
    const modified = requireAttribute(body, '/meta/lastModified');
    if (isFailure(created) || isFailure(modified)) return undefined; // judged by the two presence checks
    if (created === modified || Date.parse(String(created)) === Date.parse(String(modified)))
      return undefined;
    return fail('VALUE_MISMATCH', 'meta.lastModified differs from meta.created on a new User', {
      expected: created,
      actual: modified,
      pointer: '/meta/lastModified',
    });
  }),
});

const postEtagHeader = check({
  id: 'users.post.etag-header',
  title: 'With ETags advertised, the created User comes with an ETag header',
  rfc: 'RFC7644 3.14',
  requirements: ['7644-3.14-b'],
  level: 'MUST',
  requires: ['etag'],
  explanation:
    'RFC 7644 §3.14 says a service provider that supports versioning MUST return the version in the ETag header; clients need it for If-Match.',
  assert: onCreatedResponse((res) => failureIn(headerValue(res, 'etag'))),
});

const postMetaVersion = check({
  id: 'users.post.meta-version-matches-etag',
  title: 'With ETags advertised, meta.version equals the ETag header',
  rfc: 'RFC7644 3.14',
  requirements: ['7644-3.14-c', '7643-3.1-s'],
  level: 'SHOULD',
  requires: ['etag'],
  explanation:
    'RFC 7644 §3.14 says the version SHOULD also be in meta.version, and RFC 7643 §3.1 says it equals the ETag header; clients read either.',
  assert: onCreatedBody((body, { response }) => {
    const version = requireAttribute(body, '/meta/version');
    if (isFailure(version)) return version;
    const etag = response.headers['etag'];
    if (etag === undefined || etag === version) return undefined; // a missing header is users.post.etag-header's
    return fail('VALUE_MISMATCH', 'meta.version differs from the ETag header', {
      expected: etag,
      actual: version,
      pointer: '/meta/version',
    });
  }),
});

export const metaChecks: AnyCheck[] = [
  postMetaResourceType,
  postMetaCreated,
  postMetaLastModified,
  postLastModifiedEqualsCreated,
  postEtagHeader,
  postMetaVersion,
];
