/** GET /Schemas checks (RFC 7644 §4, §3.1; RFC 7643 §7). */
import {
  discoveryItems,
  expectItemsDeclare,
  fail,
  isFailure,
  MESSAGE_URN_PREFIX,
  skip,
  statusVerdict,
  URN,
} from '../support/index.js';
import type { AnyCheck } from '../support/index.js';
import { listRows } from './list-rows.js';
import { pagedSchemas, schemas } from './scenarios.js';

const STATUS_ID = 'discovery.schemas.returns-200';

const { check, servedAs, onItems: onSchemaList } = listRows(schemas, STATUS_ID, false);

export const schemaListChecks: AnyCheck[] = [
  check({
    id: STATUS_ID,
    title: 'GET /Schemas answers 200',
    level: 'MUST',
    rfc: 'RFC7644 4',
    requirements: ['7644-4-b'],
    explanation: 'RFC 7644 §4 says an HTTP GET to /Schemas SHALL return all supported schemas.',
    assert: (res) => statusVerdict(res, 200),
  }),
  servedAs({
    id: 'discovery.schemas.content-type',
    title: '/Schemas is served as application/scim+json',
  }),
  check({
    id: 'discovery.schemas.list-response',
    title: '/Schemas answers with a ListResponse',
    level: 'MUST',
    rfc: 'RFC7644 4',
    requirements: ['7644-4-b', '7644-4-e'],
    explanation:
      'RFC 7644 §4 says /Schemas SHALL return the schemas in the ListResponse format; clients page through Resources.',
    assert: (res) => onSchemaList(res, () => undefined),
  }),
  check({
    id: 'discovery.schemas.lists-user-schema',
    title: '/Schemas lists the core User schema',
    level: 'MUST',
    rfc: 'RFC7644 4',
    requirements: ['7644-4-b', '7643-7-a'],
    explanation:
      'Every schema URI a resource uses has a Schema resource (RFC 7643 §7) and /Schemas SHALL list all of them; Users use the core User schema.',
    assert: (res) =>
      onSchemaList(res, (items) =>
        items.some((s) => s['id'] === URN.user)
          ? undefined
          : fail('VALUE_MISMATCH', '/Schemas does not list the core User schema', {
              expected: URN.user,
              actual: items.map((s) => s['id']),
            }),
      ),
  }),
  check({
    id: 'discovery.schemas.no-message-schemas',
    title: '/Schemas does not list protocol message schemas',
    level: 'MUST',
    rfc: 'RFC7644 3.1',
    requirements: ['7644-3.1-b'],
    explanation: `RFC 7644 §3.1 says message schemas (${MESSAGE_URN_PREFIX}…) SHALL NOT be discoverable via /Schemas; listing them makes clients treat envelopes as resources.`,
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
  }),
  check({
    id: 'discovery.schemas.item-schemas-urn',
    title: 'Every schema resource declares the Schema schema',
    level: 'SHOULD',
    strictLevel: 'MUST',
    rfc: 'RFC7643 7',
    requirements: ['7643-7-b', '7643-3-a'],
    fix: `List "${URN.schema}" in the schemas attribute of every schema resource.`,
    explanation: `RFC 7643 §7 identifies schema resources by ${URN.schema}, and §3 requires every resource to list its schemas; but the RFC's own Schema representations (§8.7.1) carry no "schemas", and servers copy them, so a missing one is reported at SHOULD (MUST under --strict; docs/verdicts.md, contested readings).`,
    assert: (res) => onSchemaList(res, (items) => expectItemsDeclare(items, URN.schema)),
  }),
  check({
    id: 'discovery.schemas.ignores-paging',
    title: '/Schemas ignores startIndex and count',
    level: 'MUST',
    rfc: 'RFC7644 4',
    requirements: ['7644-4-f'],
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
  }),
  check({
    id: 'discovery.schemas.schema-valid',
    title: 'Every schema resource is valid against the Schema schema',
    level: 'MUST',
    rfc: 'RFC7643 7',
    requirements: ['7643-7-c', '7643-7-e', '7643-7-h'],
    explanation:
      'RFC 7643 §7 requires id and attributes, each attribute with name and type, and fixes the values of type, mutability, returned and uniqueness.',
    assert: (res, ctx) =>
      onSchemaList(res, (items) => {
        for (const [index, item] of items.entries()) {
          const failure = ctx.validate(URN.schema, item, `/Resources/${index}`)[0];
          if (failure) return failure;
        }
        return undefined;
      }),
  }),
];
