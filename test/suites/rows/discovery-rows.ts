/** Breakages that make each discovery check fail: a named quirk of the reference server where one exists, else the proxy. */
import {
  answer,
  first,
  isGet,
  LR_SCHEMA,
  LR_URN,
  RESOURCE_TYPES,
  resources,
  rewriteJson,
  rewriteStatus,
  SCHEMAS,
  scimJson,
  SPC,
  USER_SCHEMA,
  USER_URN,
  userType,
  type BreakageRow,
  type Json,
} from '../../support/breakages.js';

export const DISCOVERY_ROWS: BreakageRow[] = [
  {
    checkId: 'discovery.me.status-allowed',
    breakage: '/Me answers 404 instead of 501',
    quirks: ['me-returns-404'],
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'discovery.spc.returns-200',
    breakage: '/ServiceProviderConfig answers 404',
    proxy: answer(isGet(SPC), () => scimJson(404, {})),
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'discovery.spc.content-type',
    breakage: 'every response is application/json',
    quirks: ['content-type-json'],
    expectedCode: 'CONTENT_TYPE_MISMATCH',
  },
  {
    checkId: 'discovery.spc.schemas-urn',
    breakage: 'SPC names another schema',
    proxy: rewriteJson(isGet(SPC), (b) => (b['schemas'] = ['urn:example:Config'])),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'discovery.spc.patch-member',
    breakage: 'SPC lacks patch',
    proxy: rewriteJson(isGet(SPC), (b) => delete b['patch']),
    expectedCode: 'ATTRIBUTE_MISSING',
  },
  {
    checkId: 'discovery.spc.bulk-member',
    breakage: 'bulk.maxOperations is a string',
    proxy: rewriteJson(isGet(SPC), (b) => ((b['bulk'] as Json)['maxOperations'] = '1000')),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'discovery.spc.filter-member',
    breakage: 'filter lacks maxResults',
    proxy: rewriteJson(isGet(SPC), (b) => delete (b['filter'] as Json)['maxResults']),
    expectedCode: 'ATTRIBUTE_MISSING',
  },
  {
    checkId: 'discovery.spc.change-password-member',
    breakage: 'SPC lacks changePassword',
    proxy: rewriteJson(isGet(SPC), (b) => delete b['changePassword']),
    expectedCode: 'ATTRIBUTE_MISSING',
  },
  {
    checkId: 'discovery.spc.sort-member',
    breakage: 'sort.supported is the string "true"',
    proxy: rewriteJson(isGet(SPC), (b) => ((b['sort'] as Json)['supported'] = 'true')),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'discovery.spc.etag-member',
    breakage: 'SPC lacks etag',
    proxy: rewriteJson(isGet(SPC), (b) => delete b['etag']),
    expectedCode: 'ATTRIBUTE_MISSING',
  },
  {
    checkId: 'discovery.spc.authentication-schemes-member',
    breakage: 'an authentication scheme lacks description',
    proxy: rewriteJson(
      isGet(SPC),
      (b) => delete ((b['authenticationSchemes'] as Json[])[0] as Json)['description'],
    ),
    expectedCode: 'ATTRIBUTE_MISSING',
  },
  {
    checkId: 'discovery.spc.schema-valid',
    breakage: 'patch.supported is "yes"',
    proxy: rewriteJson(isGet(SPC), (b) => ((b['patch'] as Json)['supported'] = 'yes')),
    expectedCode: 'SCHEMA_INVALID',
  },
  {
    checkId: 'discovery.resource-types.returns-200',
    breakage: '/ResourceTypes answers 404',
    proxy: answer(isGet(RESOURCE_TYPES), () => scimJson(404, {})),
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'discovery.resource-types.content-type',
    breakage: 'every response is application/json',
    quirks: ['content-type-json'],
    expectedCode: 'CONTENT_TYPE_MISMATCH',
  },
  {
    checkId: 'discovery.resource-types.list-response',
    breakage: '/ResourceTypes names a resource schema instead of ListResponse',
    proxy: rewriteJson(
      isGet(RESOURCE_TYPES),
      (b) => (b['schemas'] = ['urn:ietf:params:scim:schemas:core:2.0:ResourceType']),
    ),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'discovery.resource-types.user-present',
    breakage: 'User is not listed',
    proxy: rewriteJson(
      isGet(RESOURCE_TYPES),
      (b) => (b['Resources'] = resources(b).filter((r) => r['name'] !== 'User')),
    ),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'discovery.resource-types.user-core-schema',
    breakage: 'User names a private schema',
    proxy: rewriteJson(isGet(RESOURCE_TYPES), (b) => (userType(b)['schema'] = 'urn:example:User')),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'discovery.resource-types.item-schemas-urn',
    breakage: 'a resource type has no schemas',
    proxy: rewriteJson(isGet(RESOURCE_TYPES), (b) => delete first(b)['schemas']),
    expectedCode: 'ATTRIBUTE_MISSING',
  },
  {
    checkId: 'discovery.resource-types.schemas-resolvable',
    breakage: 'User names an extension /Schemas does not publish',
    proxy: rewriteJson(
      isGet(RESOURCE_TYPES),
      (b) => (userType(b)['schemaExtensions'] = [{ schema: 'urn:example:ext', required: false }]),
    ),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'discovery.resource-types.schema-valid',
    breakage: 'a resource type has no endpoint',
    proxy: rewriteJson(isGet(RESOURCE_TYPES), (b) => delete first(b)['endpoint']),
    expectedCode: 'SCHEMA_INVALID',
  },
  {
    checkId: 'discovery.schemas.returns-200',
    breakage: '/Schemas answers 500',
    proxy: rewriteStatus(isGet(SCHEMAS), 500),
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'discovery.schemas.content-type',
    breakage: 'every response is application/json',
    quirks: ['content-type-json'],
    expectedCode: 'CONTENT_TYPE_MISMATCH',
  },
  {
    checkId: 'discovery.schemas.list-response',
    breakage: '/Schemas names the Schema schema instead of ListResponse',
    proxy: rewriteJson(
      isGet(SCHEMAS),
      (b) => (b['schemas'] = ['urn:ietf:params:scim:schemas:core:2.0:Schema']),
    ),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'discovery.schemas.lists-user-schema',
    breakage: 'the User schema is not listed',
    proxy: rewriteJson(
      isGet(SCHEMAS),
      (b) => (b['Resources'] = resources(b).filter((r) => r['id'] !== USER_URN)),
    ),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'discovery.schemas.no-message-schemas',
    breakage: 'message schemas are listed',
    quirks: ['message-schemas-listed'],
    expectedCode: 'ATTRIBUTE_UNEXPECTED',
  },
  {
    checkId: 'discovery.schemas.item-schemas-urn',
    breakage: 'a schema has no schemas attribute',
    proxy: rewriteJson(isGet(SCHEMAS), (b) => delete first(b)['schemas']),
    expectedCode: 'ATTRIBUTE_MISSING',
  },
  {
    checkId: 'discovery.schemas.ignores-paging',
    breakage: '/Schemas pages on startIndex/count',
    proxy: rewriteJson(
      (r) => isGet(SCHEMAS)(r) && r.query.has('count'),
      (b) => (b['Resources'] = resources(b).slice(1, 2)),
    ),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'discovery.schemas.get-by-id-returns-200',
    breakage: '/Schemas/{User URN} answers 404',
    proxy: answer(isGet(USER_SCHEMA), () => scimJson(404, {})),
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'discovery.schemas.get-by-id-returns-schema',
    breakage: 'a single schema comes wrapped in a ListResponse',
    proxy: rewriteJson(isGet(USER_SCHEMA), (b) => {
      const copy = { ...b };
      for (const k of Object.keys(b)) delete b[k];
      Object.assign(b, { schemas: [LR_URN], totalResults: 1, Resources: [copy] });
    }),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'discovery.schemas.user-schema-defines-username',
    breakage: 'userName is not required',
    proxy: rewriteJson(isGet(USER_SCHEMA), (b) => {
      const a = (b['attributes'] as Json[]).find((x) => x['name'] === 'userName') as Json;
      a['required'] = false;
    }),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'discovery.schemas.message-schema-not-found',
    breakage: '/Schemas/{ListResponse URN} answers 200',
    proxy: answer(isGet(LR_SCHEMA), () => scimJson(200, { id: LR_URN, attributes: [] })),
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'discovery.schemas.schema-valid',
    breakage: 'an attribute has type "text"',
    proxy: rewriteJson(
      isGet(SCHEMAS),
      (b) => (((first(b)['attributes'] as Json[])[0] as Json)['type'] = 'text'),
    ),
    expectedCode: 'SCHEMA_INVALID',
  },
  {
    checkId: 'discovery.spc.known-attributes',
    breakage: 'quirk spc-scim11-leftovers',
    quirks: ['spc-scim11-leftovers'],
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'discovery.spc.authentication-schemes-offered',
    breakage: 'quirk spc-auth-scheme-not-enabled',
    quirks: ['spc-auth-scheme-not-enabled'],
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'discovery.spc.etag-matches-headers',
    breakage: 'quirk etag-unadvertised',
    quirks: ['etag-unadvertised'],
    expectedCode: 'HEADER_MISMATCH',
  },
];
