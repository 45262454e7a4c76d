/** GET /Schemas checks (RFC 7644 §4, §3.1; RFC 7643 §7). */
import { defineCheck, fail, skip, type AnyCheck, type HttpResult, type Verdict } from '../../engine/index.js';
import { expectSchemasContain, isFailure, type Guard, type JsonObject } from '../support/guards.js';
import { discoveryItems } from '../support/lists.js';
import { MESSAGE_URN_PREFIX, URN } from '../support/urns.js';
import { onDiscoveryItems, onResponse, scimContentType, statusVerdict } from '../support/verdicts.js';
import { pagedSchemas, schemas } from './scenarios.js';

const SUITE = 'discovery';
const STATUS_ID = 'discovery.schemas.returns-200';

function onSchemaList(res: HttpResult, judge: (items: JsonObject[]) => Guard): Verdict {
  return onDiscoveryItems(res, STATUS_ID, false, judge);
}

export const schemasReturns200 = defineCheck({
  id: STATUS_ID,
  title: 'GET /Schemas answers 200',
  suite: SUITE,
  rfc: 'RFC7644 4',
  requirements: ['7644-4-b'],
  level: 'MUST',
  explanation: 'RFC 7644 §4 says an HTTP GET to /Schemas SHALL return all supported schemas.',
  scenario: schemas,
  assert: (res) => statusVerdict(res, 200),
});

export const schemasContentType = defineCheck({
  id: 'discovery.schemas.content-type',
  title: '/Schemas is served as application/scim+json',
  suite: SUITE,
  rfc: 'RFC7644 3.8',
  requirements: ['7644-3.8-b'],
  level: 'MUST',
  explanation:
    'The request sends Accept: application/scim+json, which RFC 7644 §3.8 says service providers MUST support.',
  scenario: schemas,
  assert: (res) => onResponse(res, 200, STATUS_ID, scimContentType),
});

export const schemasListResponse = defineCheck({
  id: 'discovery.schemas.list-response',
  title: '/Schemas answers with a ListResponse',
  suite: SUITE,
  rfc: 'RFC7644 4',
  requirements: ['7644-4-b', '7644-4-e'],
  level: 'MUST',
  explanation:
    'RFC 7644 §4 says /Schemas SHALL return the schemas in the ListResponse format; clients page through Resources.',
  scenario: schemas,
  assert: (res) => onSchemaList(res, () => undefined),
});

export const schemasListUser = defineCheck({
  id: 'discovery.schemas.lists-user-schema',
  title: '/Schemas lists the core User schema',
  suite: SUITE,
  rfc: 'RFC7644 4',
  requirements: ['7644-4-b', '7643-7-a'],
  level: 'MUST',
  explanation:
    'Every schema URI a resource uses has a Schema resource (RFC 7643 §7) and /Schemas SHALL list all of them; Users use the core User schema.',
  scenario: schemas,
  assert: (res) =>
    onSchemaList(res, (items) =>
      items.some((s) => s['id'] === URN.user)
        ? undefined
        : fail('VALUE_MISMATCH', '/Schemas does not list the core User schema', {
            expected: URN.user,
            actual: items.map((s) => s['id']),
          }),
    ),
});

export const schemasNoMessageSchemas = defineCheck({
  id: 'discovery.schemas.no-message-schemas',
  title: '/Schemas does not list protocol message schemas',
  suite: SUITE,
  rfc: 'RFC7644 3.1',
  requirements: ['7644-3.1-b'],
  level: 'MUST',
  explanation: `RFC 7644 §3.1 says message schemas (${MESSAGE_URN_PREFIX}…) SHALL NOT be discoverable via /Schemas; listing them makes clients treat envelopes as resources.`,
  scenario: schemas,
  assert: (res) =>
    onSchemaList(res, (items) => {
      const index = items.findIndex(
        (s) => typeof s['id'] === 'string' && s['id'].toLowerCase().startsWith(MESSAGE_URN_PREFIX),
      );
      if (index < 0) return undefined;
      return fail(
        'ATTRIBUTE_UNEXPECTED',
        `/Schemas lists the message schema ${String(items[index]?.['id'])}`,
        {
          expected: `no id starting ${MESSAGE_URN_PREFIX}`,
          actual: items[index]?.['id'],
          pointer: `/Resources/${index}/id`,
        },
      );
    }),
});

export const schemasItemUrn = defineCheck({
  id: 'discovery.schemas.item-schemas-urn',
  title: 'Every schema resource declares the Schema schema',
  suite: SUITE,
  rfc: 'RFC7643 7',
  requirements: ['7643-7-b', '7643-3-a'],
  level: 'SHOULD',
  strictLevel: 'MUST',
  explanation: `RFC 7643 §7 identifies schema resources by ${URN.schema}, and §3 requires every resource to list its schemas; but the RFC's own Schema representations (§8.7.1) carry no "schemas", and servers copy them, so a missing one is reported at SHOULD (MUST under --strict; docs/verdicts.md, contested readings).`,
  fix: `List "${URN.schema}" in the schemas attribute of every schema resource.`,
  scenario: schemas,
  assert: (res) =>
    onSchemaList(res, (items) => {
      for (const [index, item] of items.entries()) {
        const failure = expectSchemasContain(item, URN.schema);
        if (failure) return { ...failure, pointer: `/Resources/${index}/schemas` };
      }
      return undefined;
    }),
});

export const schemasIgnorePaging = defineCheck({
  id: 'discovery.schemas.ignores-paging',
  title: '/Schemas ignores startIndex and count',
  suite: SUITE,
  rfc: 'RFC7644 4',
  requirements: ['7644-4-f'],
  level: 'MUST',
  explanation:
    'RFC 7644 §4 says query parameters such as pagination SHALL be ignored on discovery endpoints; a client asking for page 2 still gets every schema.',
  scenario: pagedSchemas,
  assert: ({ full, paged }) => {
    if (full.status !== 200) return skip(`/Schemas answered ${full.status}; judged by ${STATUS_ID}`);
    const all = discoveryItems(full, false);
    if (isFailure(all))
      return skip('/Schemas is not a ListResponse; judged by discovery.schemas.list-response');
    return onSchemaList(paged, (page) => {
      const want = all.map((s) => String(s['id'])).sort();
      const got = page.map((s) => String(s['id'])).sort();
      if (want.length === got.length && want.every((id, i) => id === got[i])) return undefined;
      return fail('VALUE_MISMATCH', '/Schemas?startIndex=2&count=1 did not return the full list', {
        expected: want,
        actual: got,
        pointer: '/Resources',
      });
    });
  },
});

export const schemasSchemaValid = defineCheck({
  id: 'discovery.schemas.schema-valid',
  title: 'Every schema resource is valid against the Schema schema',
  suite: SUITE,
  rfc: 'RFC7643 7',
  requirements: ['7643-7-c', '7643-7-e', '7643-7-h'],
  level: 'MUST',
  explanation:
    'RFC 7643 §7 requires id and attributes, each attribute with name and type, and fixes the values of type, mutability, returned and uniqueness.',
  scenario: schemas,
  assert: (res, ctx) =>
    onSchemaList(res, (items) => {
      for (const [index, item] of items.entries()) {
        const failure = ctx.validate(URN.schema, item, `/Resources/${index}`)[0];
        if (failure) return failure;
      }
      return undefined;
    }),
});

export const schemaListChecks: AnyCheck[] = [
  schemasReturns200,
  schemasContentType,
  schemasListResponse,
  schemasListUser,
  schemasNoMessageSchemas,
  schemasItemUrn,
  schemasIgnorePaging,
  schemasSchemaValid,
];
