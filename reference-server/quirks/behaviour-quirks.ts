import type { SwitchQuirk } from './quirk-definition.js';

function behaviour(description: string): SwitchQuirk {
  return { description, flavour: 'rfc', kind: 'switch' };
}

/** Deviations in what the server decides; each is consulted at exactly one place in the rfc flavour. */
export const BEHAVIOUR_QUIRKS = {
  'no-auth': behaviour('Requests without any credentials are served (RFC 7644 §2).'),
  'any-token-accepted': behaviour(
    'Any bearer token is accepted, only its presence is checked (RFC 7644 §2).',
  ),
  'duplicate-username-accepted': behaviour(
    'A second user with a taken userName is created instead of 409 uniqueness (RFC 7644 §3.3).',
  ),
  'duplicate-displayname-500': behaviour(
    'A group with a taken displayName hits a database constraint and answers 500 instead of 409 uniqueness (RFC 7644 §3.3).',
  ),
  'password-returned': behaviour(
    'The stored password is returned in User representations (RFC 7643 §4.1.1 returned=never).',
  ),
  'filter-ignored': behaviour(
    'The `filter` parameter is ignored and every resource is listed (RFC 7644 §3.4.2.2).',
  ),
  'filter-case-sensitive': behaviour(
    'Filters compare every string case-sensitively, ignoring caseExact=false (RFC 7644 §3.4.2.2).',
  ),
  'malformed-filter-500': behaviour(
    'An unparsable filter answers 500 instead of 400 invalidFilter (RFC 7644 §3.4.2.2).',
  ),
  'unfiltered-list-refused': behaviour(
    'A list without `filter` answers 400 invalidFilter instead of a page (RFC 7644 §3.4.2 filter is OPTIONAL), breaking IdPs that list and pick.',
  ),
  'count-ignored': behaviour(
    'The `count` parameter is ignored and a full page is returned (RFC 7644 §3.4.2.4).',
  ),
  'start-index-zero-based': behaviour(
    '`startIndex` is read as 0-based, so startIndex=1 skips the first result (RFC 7644 §3.4.2.4).',
  ),
  'sort-ignored': behaviour('`sortBy` is ignored although sorting is advertised (RFC 7644 §3.4.2.3).'),
  'attributes-ignored': behaviour('`attributes` and `excludedAttributes` are ignored (RFC 7644 §3.4.2.5).'),
  'patch-active-ignored': behaviour(
    'PATCH operations on `active` are silently dropped, so users are never disabled.',
  ),
  'string-booleans-rejected': behaviour(
    'PATCH values "True"/"False" for boolean attributes are rejected, breaking Entra ID deprovisioning.',
  ),
  'capitalised-ops-rejected': behaviour(
    'PATCH ops spelt "Add"/"Replace"/"Remove" are rejected, breaking Entra ID updates.',
  ),
  'pathless-patch-ignored': behaviour(
    'PATCH operations without `path` are silently dropped (RFC 7644 §3.5.2.1, §3.5.2.3).',
  ),
  'value-path-patch-rejected': behaviour(
    'PATCH paths with a value filter such as emails[type eq "work"] answer 400 (RFC 7644 §3.5.2).',
  ),
  'members-remove-ignored': behaviour(
    'PATCH remove operations on group members are silently dropped (RFC 7644 §3.5.2.2).',
  ),
  'remove-value-list-wipes-members': behaviour(
    'A remove of `members` with a value list removes every member, not just the listed ones.',
  ),
  'deleted-user-still-readable': behaviour(
    'GET on a deleted user still answers 200 with its last state (RFC 7644 §3.6).',
  ),
  'put-keeps-omitted': behaviour(
    'PUT merges into the resource instead of clearing omitted attributes (RFC 7644 §3.5.1).',
  ),
  'id-mutable': behaviour(
    'PUT honours a client-sent `id`, re-keying the resource (RFC 7643 §3.1 id is readOnly).',
  ),
  'if-match-ignored': behaviour(
    'If-Match is ignored, so stale writes succeed instead of 412 (RFC 7644 §3.14).',
  ),
  'if-none-match-ignored': behaviour('If-None-Match is ignored, so GET never answers 304 (RFC 7644 §3.14).'),
  'bulk-ignores-fail-on-errors': behaviour(
    'Bulk keeps processing operations after `failOnErrors` errors (RFC 7644 §3.7).',
  ),
  'message-schemas-listed': behaviour(
    '/Schemas also lists the protocol message schemas (RFC 7644 §3.1 SHALL NOT).',
  ),
  'me-returns-404': behaviour('/Me answers 404 instead of 501 Not Implemented (RFC 7644 §3.11).'),
  'filter-fails-on-missing-attribute': behaviour(
    'A filter answers 400 as soon as one stored resource lacks the filtered attribute, instead of matching the others (RFC 7644 §3.4.2.2).',
  ),
  'content-type-ignored': behaviour(
    'Write requests are parsed as JSON whatever their Content-Type says, so a text/plain body is stored (RFC 7644 §3.8).',
  ),
  'patch-first-op-only': behaviour(
    "Only the first operation of a PATCH is applied and the rest are silently dropped (RFC 7644 §3.5.2 applies every operation), breaking Okta's remove + add membership update.",
  ),
  'members-replace-merges': behaviour(
    "A PATCH replace of `members` adds the listed members to the old ones instead of replacing the list (RFC 7644 §3.5.2.3), breaking Okta's full group push.",
  ),
  'manager-string-rejected': behaviour(
    "A PATCH that sets the enterprise manager to a plain id string answers 400, breaking Entra ID's manager update.",
  ),
  'add-single-valued-rejected': behaviour(
    'A PATCH add on a single-valued attribute answers 400 instead of replacing the value (RFC 7644 §3.5.2.1), breaking Entra ID\'s "Add" updates.',
  ),
  'externalid-filter-unsupported': behaviour(
    'A filter on externalId answers 400 invalidFilter (RFC 7644 §3.4.2.2), breaking Entra ID matching on externalId.',
  ),
  'put-active-ignored': behaviour(
    'PUT keeps the stored `active` whatever the body says (RFC 7644 §3.5.1), so a suspend by PUT never disables the user.',
  ),
  'group-externalid-required': behaviour(
    "POST /Groups without externalId answers 400 although externalId is optional (RFC 7643 §3.1), breaking Okta's group push.",
  ),
  'rate-limited-once': behaviour(
    'Every other write is refused with 429 Too Many Requests and Retry-After: 0 (RFC 6585 §4), so only a client that retries gets through.',
  ),
} satisfies Record<string, SwitchQuirk>;
