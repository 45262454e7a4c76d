/** /ResourceTypes checks (RFC 7644 §4, RFC 7643 §6). */
import {
  defineScenario,
  discoveryItems,
  expectItemsDeclare,
  fail,
  isFailure,
  skip,
  statusVerdict,
  URN,
  verdict,
} from '../support/index.js';
import type { AnyCheck, HttpResult, JsonObject } from '../support/index.js';
import { resourceTypes, schemas } from './scenarios.js';
import { listRows } from './list-rows.js';

const STATUS_ID = 'discovery.resource-types.returns-200';

const { check, servedAs, onItems } = listRows(resourceTypes, STATUS_ID, true);

function userType(items: JsonObject[]): JsonObject | undefined {
  return items.find((item) => item['name'] === 'User');
}

const typesAndSchemas = defineScenario<{ types: HttpResult; schemas: HttpResult }>({
  id: 'discovery.resource-types.with-schemas',
  run: async (ctx) => ({ types: await ctx.use(resourceTypes), schemas: await ctx.use(schemas) }),
});

export const resourceTypeChecks: AnyCheck[] = [
  check({
    id: STATUS_ID,
    title: 'GET /ResourceTypes answers 200',
    level: 'SHOULD',
    rfc: 'RFC7644 4',
    requirements: ['7644-4-d'],
    explanation:
      'RFC 7644 §4 defines /ResourceTypes as the way to discover endpoints and schemas but puts no keyword on it, so a missing endpoint is a SHOULD-level deviation; clients then have to guess /Users and /Groups.',
    assert: (res) => statusVerdict(res, 200),
  }),
  servedAs({
    id: 'discovery.resource-types.content-type',
    title: '/ResourceTypes is served as application/scim+json',
  }),
  check({
    id: 'discovery.resource-types.list-response',
    title: '/ResourceTypes answers with a ListResponse (or the bare array of RFC 7643 §8.6)',
    level: 'MUST',
    rfc: 'RFC7644 4',
    requirements: ['7644-4-e'],
    explanation:
      'RFC 7644 §4 says lists of resource types SHALL use the ListResponse envelope; the bare JSON array of RFC 7643 §8.6 is tolerated because the RFC itself shows it, anything else breaks clients.',
    assert: (res) => onItems(res, () => undefined),
  }),
  check({
    id: 'discovery.resource-types.user-present',
    title: '/ResourceTypes lists the User type with its endpoint',
    level: 'MUST',
    rfc: 'RFC7643 6',
    requirements: ['7643-6-b', '7643-6-d'],
    explanation:
      'RFC 7643 §6 makes name and endpoint REQUIRED; every IdP provisions Users, so the User type must be advertised with the endpoint to send them to.',
    assert: (res) =>
      onItems(res, (items) => {
        const user = userType(items);
        if (!user) {
          return fail('VALUE_MISMATCH', 'No resource type is named User', {
            expected: 'an item with name "User"',
            actual: items.map((i) => i['name']),
          });
        }
        const endpoint = user['endpoint'];
        if (typeof endpoint !== 'string' || endpoint === '') {
          return fail('ATTRIBUTE_MISSING', 'The User resource type has no endpoint', { actual: endpoint });
        }
        return undefined;
      }),
  }),
  check({
    id: 'discovery.resource-types.user-core-schema',
    title: 'The User resource type names the core User schema',
    level: 'MUST',
    rfc: 'RFC7643 4.1',
    requirements: ['7643-4.1-a', '7643-6-e'],
    explanation: `RFC 7643 §4.1 identifies the User schema as ${URN.user}; the User resource type's schema must be exactly that URI for clients to map attributes.`,
    assert: (res) =>
      onItems(res, (items) => {
        const user = userType(items);
        if (!user) return fail('VALUE_MISMATCH', 'No resource type is named User', { expected: 'User' });
        if (user['schema'] !== URN.user) {
          return fail('VALUE_MISMATCH', 'The User resource type does not name the core User schema', {
            expected: URN.user,
            actual: user['schema'],
          });
        }
        return undefined;
      }),
  }),
  check({
    id: 'discovery.resource-types.item-schemas-urn',
    title: 'Every resource type declares the ResourceType schema',
    level: 'MUST',
    rfc: 'RFC7643 6',
    requirements: ['7643-6-a', '7643-3-a'],
    explanation:
      'RFC 7643 §6 identifies resource type resources by the ResourceType schema URI, and §3 requires every resource to list its schemas.',
    assert: (res) => onItems(res, (items) => expectItemsDeclare(items, URN.resourceType)),
  }),
  check({
    id: 'discovery.resource-types.schemas-resolvable',
    title: "Every resource type's schema and extensions are published on /Schemas",
    level: 'MUST',
    rfc: 'RFC7643 6',
    requirements: ['7643-6-e', '7643-6-f'],
    explanation:
      "RFC 7643 §6 says a resource type's schema and schemaExtensions MUST equal the id of a /Schemas resource; clients follow these links to learn the attributes.",
    scenario: typesAndSchemas,
    assert: ({ types, schemas: schemaList }) => {
      if (types.status !== 200 || schemaList.status !== 200) {
        return skip('A discovery endpoint did not answer 200; judged by the returns-200 checks');
      }
      const items = discoveryItems(types, true);
      if (isFailure(items))
        return skip('/ResourceTypes is not a list; judged by discovery.resource-types.list-response');
      const published = discoveryItems(schemaList, false);
      if (isFailure(published))
        return skip('/Schemas is not a list; judged by discovery.schemas.list-response');
      const ids = new Set(published.map((s) => String(s['id']).toLowerCase()));
      for (const item of items) {
        const extensions = Array.isArray(item['schemaExtensions'])
          ? (item['schemaExtensions'] as unknown[])
          : [];
        const wanted = [item['schema'], ...extensions.map((e) => (e as JsonObject | null)?.['schema'])];
        for (const urn of wanted) {
          if (typeof urn !== 'string' || !ids.has(urn.toLowerCase())) {
            return fail(
              'VALUE_MISMATCH',
              `Resource type ${String(item['name'])} names schema ${String(urn)}, which /Schemas does not list`,
              {
                expected: [...ids],
                actual: urn,
              },
            );
          }
        }
      }
      return verdict(undefined);
    },
  }),
  check({
    id: 'discovery.resource-types.schema-valid',
    title: 'Every resource type is valid against the ResourceType schema',
    level: 'MUST',
    rfc: 'RFC7643 6',
    requirements: ['7643-6-b', '7643-6-d', '7643-6-e', '7643-6-f'],
    explanation:
      'RFC 7643 §6 makes name, endpoint and schema REQUIRED and fixes the shape of schemaExtensions.',
    assert: (res, ctx) =>
      onItems(res, (items) => {
        for (const [index, item] of items.entries()) {
          const failure = ctx.validate(
            URN.resourceType,
            item,
            Array.isArray(res.json) ? `/${index}` : `/Resources/${index}`,
          )[0];
          if (failure) return failure;
        }
        return undefined;
      }),
  }),
];
