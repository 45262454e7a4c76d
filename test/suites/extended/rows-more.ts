/** Breakages of the groups, bulk and search suites. */
import {
  BULK,
  GROUPS,
  GROUP_BY_ID,
  USERS_SEARCH,
  USER_BY_ID,
  answer,
  on,
  parse,
  resources,
  rewriteJson,
  rewriteRequestJson,
  rewriteStatus,
  scimError,
  scimJson,
  type Json,
} from './support/breakers.js';
import type { Breakage } from '../../support/mutating-proxy.js';
import type { BreakageRow } from './support/row.js';

const ops = (b: Json): Json[] => (Array.isArray(b['Operations']) ? (b['Operations'] as Json[]) : []);
const members = (b: Json): Json[] => (Array.isArray(b['members']) ? (b['members'] as Json[]) : []);

/** A server that keeps member references to deleted Users. */
function danglingMembers(): Breakage {
  const deleted: string[] = [];
  return {
    request(req) {
      if (req.method === 'DELETE' && USER_BY_ID.test(req.path)) deleted.push(req.path.split('/').pop() ?? '');
      return undefined;
    },
    mutate(req, res) {
      if (req.method !== 'GET' || !GROUP_BY_ID.test(req.path) || deleted.length === 0) return undefined;
      const body = parse(res.body);
      if (!body) return undefined;
      body['members'] = [...members(body), ...deleted.map((value) => ({ value, type: 'User' }))];
      return { ...res, body: JSON.stringify(body) };
    },
  };
}

export const MORE_ROWS: BreakageRow[] = [
  {
    checkId: 'groups.post.returns-201',
    breakage: 'quirk create-returns-200',
    quirks: ['create-returns-200'],
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'groups.post.location',
    breakage: 'quirk no-location-header',
    quirks: ['no-location-header'],
    expectedCode: 'HEADER_MISSING',
  },
  {
    checkId: 'groups.post.schema-valid',
    breakage: 'created Group without displayName',
    proxy: rewriteJson(on('POST', GROUPS), (b) => void delete b['displayName']),
    expectedCode: 'SCHEMA_INVALID',
  },
  {
    checkId: 'groups.get.members',
    breakage: 'members not returned',
    proxy: rewriteJson(on('GET', GROUP_BY_ID), (b) => void delete b['members']),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'groups.get.schema-valid',
    breakage: 'members without value',
    proxy: rewriteJson(on('GET', GROUP_BY_ID), (b) => members(b).forEach((m) => delete m['value'])),
    expectedCode: 'SCHEMA_INVALID',
  },
  {
    checkId: 'groups.user.groups-attribute',
    breakage: 'User.groups not maintained',
    proxy: rewriteJson(on('GET', USER_BY_ID), (b) => void delete b['groups']),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'groups.get.excluded-members',
    breakage: 'quirk attributes-ignored',
    quirks: ['attributes-ignored'],
    expectedCode: 'ATTRIBUTE_UNEXPECTED',
  },
  {
    checkId: 'groups.post.duplicate-display-name',
    breakage: 'quirk uniqueness-returns-400',
    quirks: ['uniqueness-returns-400'],
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'groups.post.unknown-member-not-stored',
    breakage: 'dangling member stored',
    proxy: answer(
      (req) => req.method === 'POST' && GROUPS.test(req.path) && req.body.includes('nosuchuser'),
      (req) => scimJson(201, { ...parse(req.body), id: 'fake-group-id' }),
    ),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'groups.patch.add-member',
    breakage: 'Group PATCH acknowledged, nothing applied',
    proxy: answer(on('PATCH', GROUP_BY_ID), () => ({ status: 204, headers: {}, body: '' })),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'groups.patch.remove-member-filter',
    breakage: 'quirk members-remove-ignored',
    quirks: ['members-remove-ignored'],
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'groups.patch.replace-members',
    breakage: 'replace on members appends',
    proxy: rewriteRequestJson(on('PATCH', GROUP_BY_ID), (b) =>
      ops(b).forEach((o) => (o['op'] = o['op'] === 'replace' ? 'add' : o['op'])),
    ),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'groups.patch.value-list-remove-keeps-others',
    breakage: 'quirk remove-value-list-wipes-members',
    quirks: ['remove-value-list-wipes-members'],
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'groups.patch.value-list-remove-removes-listed',
    breakage: 'quirk members-remove-ignored',
    quirks: ['members-remove-ignored'],
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'groups.member.deleted-user-removed',
    breakage: 'deleted Users stay members',
    proxy: danglingMembers(),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'bulk.response.status-is-code',
    breakage: 'quirk bulk-status-object',
    quirks: ['bulk-status-object'],
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'bulk.response.returns-200',
    breakage: 'Bulk answers 207',
    proxy: rewriteStatus(on('POST', BULK), 207),
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'bulk.response.schema-valid',
    breakage: 'BulkResponse without schemas',
    proxy: rewriteJson(on('POST', BULK), (b) => void delete b['schemas']),
    expectedCode: 'SCHEMA_INVALID',
  },
  {
    checkId: 'bulk.response.one-result-per-operation',
    breakage: 'last result missing',
    proxy: rewriteJson(on('POST', BULK), (b) => void ops(b).pop()),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'bulk.response.bulk-id-echoed',
    breakage: 'bulkId not echoed',
    proxy: rewriteJson(on('POST', BULK), (b) => ops(b).forEach((o) => delete o['bulkId'])),
    expectedCode: 'ATTRIBUTE_MISSING',
  },
  {
    checkId: 'bulk.response.location',
    breakage: 'results without location',
    proxy: rewriteJson(on('POST', BULK), (b) => ops(b).forEach((o) => delete o['location'])),
    expectedCode: 'ATTRIBUTE_MISSING',
  },
  {
    checkId: 'bulk.location.resolves',
    breakage: 'locations point nowhere',
    proxy: rewriteJson(on('POST', BULK), (b) =>
      ops(b).forEach((o) => typeof o['location'] === 'string' && (o['location'] = `${o['location']}-gone`)),
    ),
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'bulk.bulk-id.reference-resolved',
    breakage: 'bulkId references dropped',
    proxy: rewriteRequestJson(on('POST', BULK), (b) =>
      ops(b).forEach(
        (o) => o['data'] && typeof o['data'] === 'object' && delete (o['data'] as Json)['members'],
      ),
    ),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'bulk.error.continues',
    breakage: 'Bulk stops at the first error',
    proxy: rewriteRequestJson(on('POST', BULK), (b) => void (b['failOnErrors'] ??= 1)),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'bulk.error.status-as-standalone',
    breakage: 'quirk duplicate-username-accepted',
    quirks: ['duplicate-username-accepted'],
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'bulk.error.response-is-error',
    breakage: 'failed results without response',
    proxy: rewriteJson(on('POST', BULK), (b) => ops(b).forEach((o) => delete o['response'])),
    expectedCode: 'ATTRIBUTE_MISSING',
  },
  {
    checkId: 'bulk.fail-on-errors.stops',
    breakage: 'quirk bulk-ignores-fail-on-errors',
    quirks: ['bulk-ignores-fail-on-errors'],
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'bulk.fail-on-errors.later-not-applied',
    breakage: 'quirk bulk-ignores-fail-on-errors',
    quirks: ['bulk-ignores-fail-on-errors'],
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'bulk.limits.max-operations-413',
    breakage: 'maxOperations not enforced',
    proxy: rewriteRequestJson(on('POST', BULK), (b) => void (b['Operations'] = ops(b).slice(0, 1000))),
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'bulk.limits.max-operations-names-limit',
    breakage: '413 detail names no limit',
    proxy: rewriteJson(on('POST', BULK), (b, res) =>
      res.status === 413 ? scimError(413, 'tooMany', 'request too large') : undefined,
    ),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'bulk.limits.max-payload-413',
    breakage: 'maxPayloadSize not enforced',
    proxy: rewriteRequestJson(on('POST', BULK), (b) =>
      ops(b).forEach(
        (o) => o['data'] && typeof o['data'] === 'object' && ((o['data'] as Json)['padding'] = 'x'),
      ),
    ),
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'bulk.limits.max-payload-names-limit',
    breakage: '413 detail names no limit',
    proxy: rewriteJson(on('POST', BULK), (b, res) =>
      res.status === 413 ? scimError(413, 'tooMany', 'request too large') : undefined,
    ),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'search.post.supported',
    breakage: '/.search not implemented (501)',
    proxy: answer(on('POST', USERS_SEARCH), () => scimError(501)),
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'search.post.list-response',
    breakage: 'search answer without the ListResponse URN',
    proxy: rewriteJson(on('POST', USERS_SEARCH), (b) => void (b['schemas'] = ['urn:example:results'])),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'search.post.same-as-get',
    breakage: 'filter in the SearchRequest ignored',
    proxy: rewriteRequestJson(on('POST', USERS_SEARCH), (b) => void delete b['filter']),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'search.post.schema-valid',
    breakage: 'search answer without totalResults',
    proxy: rewriteJson(on('POST', USERS_SEARCH), (b) => void delete b['totalResults']),
    expectedCode: 'SCHEMA_INVALID',
  },
  {
    checkId: 'search.post.resources-schema-valid',
    breakage: 'searched Users without userName',
    proxy: rewriteJson(on('POST', USERS_SEARCH), (b) => resources(b).forEach((r) => delete r['userName'])),
    expectedCode: 'SCHEMA_INVALID',
  },
  {
    checkId: 'search.post.start-index-and-count',
    breakage: 'count in the body ignored',
    proxy: rewriteRequestJson(on('POST', USERS_SEARCH), (b) => void delete b['count']),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'search.post.attributes',
    breakage: 'quirk attributes-ignored',
    quirks: ['attributes-ignored'],
    expectedCode: 'ATTRIBUTE_UNEXPECTED',
  },
  {
    checkId: 'search.post.requires-search-request-schema',
    breakage: 'SearchRequest schemas not required',
    proxy: rewriteRequestJson(
      on('POST', USERS_SEARCH),
      (b) => void (b['schemas'] ??= ['urn:ietf:params:scim:api:messages:2.0:SearchRequest']),
    ),
    expectedCode: 'STATUS_MISMATCH',
  },
];
