/** GET /Users checks (RFC 7644 §3.4.2). */
import { checkRows, expectSchemasContain, fail, onBody, statusVerdict, URN } from '../support/index.js';
import type { AnyCheck, Guard, JsonObject } from '../support/index.js';
import { listedUsers } from './scenarios.js';

const check = checkRows({ level: 'MUST', suite: 'users', rfc: 'RFC7644 3.4.2', scenario: listedUsers });
const LIST_STATUS_ID = 'users.list.returns-200';

function totalResults(body: JsonObject): number | undefined {
  const value = body['totalResults'];
  return Number.isInteger(value) && (value as number) >= 0 ? (value as number) : undefined;
}

const listReturns200 = check({
  id: LIST_STATUS_ID,
  title: 'GET /Users answers 200',
  requirements: ['7644-3.4.2-c'],
  explanation: 'RFC 7644 §3.4.2 defines GET on a resource endpoint as a query answered with a ListResponse.',
  assert: (res) => statusVerdict(res, 200),
});

const listSchema = check({
  id: 'users.list.list-response-urn',
  title: 'GET /Users answers with the ListResponse schema',
  requirements: ['7644-3.4.2-c', '7644-3.1-a'],
  explanation: `RFC 7644 §3.4.2 says query responses MUST carry ${URN.listResponse} in schemas.`,
  assert: (res) => onBody(res, 200, LIST_STATUS_ID, (body) => expectSchemasContain(body, URN.listResponse)),
});

const listTotalResults = check({
  id: 'users.list.total-results',
  title: 'The ListResponse has an integer totalResults counting the created User',
  requirements: ['7644-3.4.2-d'],
  explanation:
    'RFC 7644 §3.4.2 makes totalResults REQUIRED; IdPs use it to page and to detect existing accounts. One User was created before the query, so it is at least 1.',
  assert: (res) =>
    onBody(res, 200, LIST_STATUS_ID, (body): Guard => {
      const total = totalResults(body);
      if (body['totalResults'] === undefined) {
        return fail('ATTRIBUTE_MISSING', 'The ListResponse has no totalResults', {
          pointer: '/totalResults',
        });
      }
      if (total === undefined || total < 1) {
        return fail('VALUE_MISMATCH', 'totalResults is not an integer of at least 1', {
          expected: 'an integer ≥ 1',
          actual: body['totalResults'],
          pointer: '/totalResults',
        });
      }
      return undefined;
    }),
});

const listResourcesPresent = check({
  id: 'users.list.resources-present',
  title: 'A ListResponse with totalResults > 0 carries Resources',
  requirements: ['7644-3.4.2-e'],
  explanation: 'RFC 7644 §3.4.2 says Resources is REQUIRED when totalResults is non-zero.',
  assert: (res) =>
    onBody(res, 200, LIST_STATUS_ID, (body): Guard => {
      const total = totalResults(body);
      if (!total) return undefined; // judged by users.list.total-results
      const resources = body['Resources'];
      if (Array.isArray(resources) && resources.length > 0) return undefined;
      return fail(
        resources === undefined ? 'ATTRIBUTE_MISSING' : 'VALUE_MISMATCH',
        'totalResults > 0 but Resources is missing or empty',
        {
          expected: 'a non-empty Resources array',
          actual: resources,
          pointer: '/Resources',
        },
      );
    }),
});

const listSchemaValid = check({
  id: 'users.list.schema-valid',
  title: 'GET /Users is valid against the ListResponse schema',
  requirements: ['7644-3.4.2-c', '7644-3.4.2-d', '7644-3.4.2-e'],
  explanation:
    'RFC 7644 §3.4.2 fixes the ListResponse: totalResults a non-negative integer, Resources an array, startIndex and itemsPerPage integers.',
  assert: (res, ctx) => onBody(res, 200, LIST_STATUS_ID, (body) => ctx.validate(URN.listResponse, body)[0]),
});

export const listChecks: AnyCheck[] = [
  listReturns200,
  listSchema,
  listTotalResults,
  listResourcesPresent,
  listSchemaValid,
];
