/** Breakages of the attributes, put and etag suites. */
import {
  USERS,
  USER_BY_ID,
  answer,
  both,
  hasQuery,
  on,
  resources,
  rewriteHeaders,
  rewriteJson,
  rewriteQuery,
  rewriteStatus,
  scimError,
  scimJson,
  type Json,
} from './support/breakers.js';
import type { BreakageRow } from './support/row.js';

const getUser = on('GET', USER_BY_ID);
const withParam = (name: string, test: (v: string) => boolean = () => true) => hasQuery(name, test);
const meta = (b: Json): Json => b['meta'] as Json;

export const RESOURCE_ROWS: BreakageRow[] = [
  {
    checkId: 'attributes.get.accepted',
    breakage: 'attributes refused with 400',
    proxy: answer(both(getUser, withParam('attributes')), () => scimError(400, 'invalidValue')),
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'attributes.get.only-requested',
    breakage: 'quirk attributes-ignored',
    quirks: ['attributes-ignored'],
    expectedCode: 'ATTRIBUTE_UNEXPECTED',
  },
  {
    checkId: 'attributes.get.id-always-returned',
    breakage: 'id dropped when attributes is given',
    proxy: rewriteJson(both(getUser, withParam('attributes')), (b) => void delete b['id']),
    expectedCode: 'ATTRIBUTE_MISSING',
  },
  {
    checkId: 'attributes.get.excluded-removed',
    breakage: 'quirk attributes-ignored',
    quirks: ['attributes-ignored'],
    expectedCode: 'ATTRIBUTE_UNEXPECTED',
  },
  {
    checkId: 'attributes.get.excluded-keeps-others',
    breakage: 'excludedAttributes read as attributes',
    proxy: rewriteQuery(both(getUser, withParam('excludedAttributes')), (qs) => {
      qs.set('attributes', qs.get('excludedAttributes') ?? '');
      qs.delete('excludedAttributes');
    }),
    expectedCode: 'ATTRIBUTE_MISSING',
  },
  {
    checkId: 'attributes.get.excluded-never-removes-always',
    breakage: 'excludedAttributes removes id',
    proxy: rewriteJson(
      both(
        getUser,
        withParam('excludedAttributes', (v) => v.includes('id')),
      ),
      (b) => void delete b['id'],
    ),
    expectedCode: 'ATTRIBUTE_MISSING',
  },
  {
    checkId: 'attributes.get.sub-attribute',
    breakage: 'quirk attributes-ignored',
    quirks: ['attributes-ignored'],
    expectedCode: 'ATTRIBUTE_UNEXPECTED',
  },
  {
    checkId: 'attributes.get.password-never-returned',
    breakage: 'quirk password-returned',
    quirks: ['password-returned'],
    expectedCode: 'ATTRIBUTE_UNEXPECTED',
  },
  {
    checkId: 'attributes.get.urn-qualified',
    breakage: 'URN-qualified attribute names refused',
    proxy: answer(
      both(
        getUser,
        withParam('attributes', (v) => v.startsWith('urn:')),
      ),
      () => scimError(400, 'invalidValue'),
    ),
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'attributes.get.name-case-insensitive',
    breakage: 'attribute names matched case-sensitively (nothing selected)',
    proxy: rewriteJson(
      both(
        getUser,
        withParam('attributes', (v) => v === 'USERNAME'),
      ),
      (b) => void delete b['userName'],
    ),
    expectedCode: 'ATTRIBUTE_MISSING',
  },
  {
    checkId: 'attributes.list.only-requested',
    breakage: 'quirk attributes-ignored',
    quirks: ['attributes-ignored'],
    expectedCode: 'ATTRIBUTE_UNEXPECTED',
  },
  {
    checkId: 'attributes.list.excluded-removed',
    breakage: 'excludedAttributes ignored on lists',
    proxy: rewriteQuery(both(on('GET', USERS), withParam('excludedAttributes')), (qs) =>
      qs.delete('excludedAttributes'),
    ),
    expectedCode: 'ATTRIBUTE_UNEXPECTED',
  },
  {
    checkId: 'attributes.post.only-requested',
    breakage: 'quirk attributes-ignored',
    quirks: ['attributes-ignored'],
    expectedCode: 'ATTRIBUTE_UNEXPECTED',
  },
  {
    checkId: 'attributes.put.only-requested',
    breakage: 'attributes ignored on PUT',
    proxy: rewriteQuery(on('PUT', USER_BY_ID), (qs) => qs.delete('attributes')),
    expectedCode: 'ATTRIBUTE_UNEXPECTED',
  },
  {
    checkId: 'attributes.get.schema-valid',
    breakage: 'projection drops schemas',
    proxy: rewriteJson(both(getUser, withParam('attributes')), (b) => void delete b['schemas']),
    expectedCode: 'SCHEMA_INVALID',
  },
  {
    checkId: 'put.replace.returns-200',
    breakage: 'PUT answers 204',
    proxy: rewriteStatus(on('PUT', USER_BY_ID), 204),
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'put.replace.supplied-values-stored',
    breakage: 'PUT acknowledged but not applied',
    proxy: answer(on('PUT', USER_BY_ID), (req) => scimJson(200, JSON.parse(req.body))),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'put.replace.omitted-values-cleared',
    breakage: 'quirk put-keeps-omitted',
    quirks: ['put-keeps-omitted'],
    expectedCode: 'ATTRIBUTE_UNEXPECTED',
  },
  {
    checkId: 'put.read-only.id-ignored',
    breakage: 'quirk id-mutable',
    quirks: ['id-mutable'],
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'put.read-only.meta-ignored',
    breakage: 'client meta.created stored',
    proxy: rewriteJson(getUser, (b) => void (meta(b) && (meta(b)['created'] = '2001-01-01T00:00:00Z'))),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'put.response.matches-get',
    breakage: 'PUT response shows the old displayName',
    proxy: rewriteJson(on('PUT', USER_BY_ID), (b) => void (b['displayName'] = 'stale')),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'put.response.schema-valid',
    breakage: 'PUT response without userName',
    proxy: rewriteJson(on('PUT', USER_BY_ID), (b) => void delete b['userName']),
    expectedCode: 'SCHEMA_INVALID',
  },
  {
    checkId: 'put.unknown-id.returns-404',
    breakage: 'PUT to an unknown id answers 200',
    proxy: rewriteJson(on('PUT', USER_BY_ID), (b, res) =>
      res.status === 404
        ? scimJson(200, { ...b, schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'] })
        : undefined,
    ),
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'put.unknown-id.not-created',
    breakage: 'PUT upserts: the unknown id reads back',
    proxy: rewriteStatus((req) => req.method === 'GET' && /missingput/.test(req.path), 200),
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'put.uniqueness.rename-conflict',
    breakage: 'quirk duplicate-username-accepted',
    quirks: ['duplicate-username-accepted'],
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'put.required.missing-username',
    breakage: 'PUT without userName accepted',
    proxy: rewriteStatus((req) => req.method === 'PUT' && !req.body.includes('"userName"'), 200),
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'etag.get.header-present',
    breakage: 'quirk no-etag-header',
    quirks: ['no-etag-header'],
    expectedCode: 'HEADER_MISSING',
  },
  {
    checkId: 'etag.post.header-present',
    breakage: 'quirk no-etag-header',
    quirks: ['no-etag-header'],
    expectedCode: 'HEADER_MISSING',
  },
  {
    checkId: 'etag.get.matches-meta-version',
    breakage: 'meta.version differs from the header',
    proxy: rewriteJson(getUser, (b) => void (meta(b)['version'] = 'W/"other"')),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'etag.format.entity-tag',
    breakage: 'unquoted ETag',
    proxy: rewriteHeaders(
      getUser,
      (h) => void (h['etag'] &&= h['etag'].replace(/^W\//, '').replace(/"/g, '')),
    ),
    expectedCode: 'HEADER_MISMATCH',
  },
  {
    checkId: 'etag.version.changes-on-modify',
    breakage: 'quirk etag-static',
    quirks: ['etag-static'],
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'etag.if-none-match.current-304',
    breakage: 'quirk if-none-match-ignored',
    quirks: ['if-none-match-ignored'],
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'etag.if-none-match.stale-200',
    breakage: '304 for any If-None-Match',
    proxy: answer(
      (req) => req.method === 'GET' && req.headers['if-none-match'] !== undefined,
      () => ({ status: 304, headers: {}, body: '' }),
    ),
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'etag.if-match.stale-patch-412',
    breakage: 'quirk if-match-ignored',
    quirks: ['if-match-ignored'],
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'etag.if-match.stale-leaves-resource',
    breakage: 'quirk if-match-ignored',
    quirks: ['if-match-ignored'],
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'etag.if-match.current-succeeds',
    breakage: 'quirk etag-static (the advertised tag never matches)',
    quirks: ['etag-static'],
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'etag.if-match.stale-put-412',
    breakage: 'quirk if-match-ignored',
    quirks: ['if-match-ignored'],
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'etag.if-match.stale-delete-412',
    breakage: 'quirk if-match-ignored',
    quirks: ['if-match-ignored'],
    expectedCode: 'STATUS_MISMATCH',
  },
];

export { resources };
