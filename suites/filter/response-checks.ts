/** Filter responses: empty results, ListResponse shape, and errors for filters the server cannot use (RFC 7644 §3.4.2, §3.4.2.2, §3.12). */
import {
  checkRows,
  defineScenario,
  expectErrorBody,
  fail,
  get,
  isFailure,
  isObject,
  listIds,
  onBody,
  q,
  statusVerdict,
  URN,
  usersAt,
  verdict,
} from '../support/index.js';
import type { AnyCheck, Guard, HttpResult } from '../support/index.js';
import { filterQuery, fixtureUserName, rawFilterQuery } from './scenarios.js';

const SUITE = 'filter';
const NO_MATCH_STATUS = 'filter.no-match.returns-200';

const noMatch = filterQuery('filter.query.no-match', (fx) => `userName eq ${q(`${fx.tag}-nobody`)}`);
const oneMatch = filterQuery(
  'filter.query.one-match',
  (fx) =>
    `userName eq ${q(fixtureUserName(fx.tag, 'alpha'))} or userName eq ${q(fixtureUserName(fx.tag, 'bravo'))}`,
);
const malformed = rawFilterQuery('filter.query.malformed', 'userName eq');
const unknownOperator = rawFilterQuery('filter.query.unknown-operator', 'userName regex "x"');
const booleanOrdering = rawFilterQuery('filter.query.boolean-ordering', 'active gt true');
const emptyFilter = rawFilterQuery('filter.query.empty', '', 'collection-read');
const unknownAttribute = rawFilterQuery('filter.query.unknown-attribute', 'zzNoSuchAttribute eq "x"');

const MALFORMED = [
  '(userName eq "x"',
  'userName eq "x" and',
  'userName eq x',
  'emails[type eq "work"',
  'userName eq "x" or or userName eq "y"',
  '',
];

const malformedSet = defineScenario<Array<{ filter: string; response: HttpResult }>>({
  id: 'filter.query.malformed-set',
  // Compares against an unfiltered list of /Users: reads only.
  scope: 'collection-read',
  requires: ['filter'],
  run: async (ctx) => {
    // Each answer stands alone: the reads go side by side.
    const responses = await ctx.all(
      MALFORMED.map((filter) => () => get(ctx, usersAt(ctx.target), { filter })),
    );
    return MALFORMED.map((filter, i) => ({ filter, response: responses[i]! }));
  },
});

const check = checkRows({ suite: SUITE, requires: ['filter'] });

export const responseChecks: AnyCheck[] = [
  check({
    id: NO_MATCH_STATUS,
    title: 'A filter that matches nothing answers 200, not 404',
    level: 'MUST',
    rfc: 'RFC7644 3.4.2',
    requirements: ['7644-3.4.2.2-b', '7644-3.4.2-c'],
    explanation:
      "A query is answered with a ListResponse even when nothing matches (RFC 7644 §3.4.2). Entra's Test Connection fails on a 404 here and never provisions.",
    scenario: noMatch,
    assert: ({ response }) => statusVerdict(response, 200),
  }),
  check({
    id: 'filter.no-match.total-zero',
    title: 'A filter that matches nothing gives totalResults 0 and no Resources',
    level: 'MUST',
    rfc: 'RFC7644 3.4.2',
    requirements: ['7644-3.4.2-d', '7644-3.4.2.2-b'],
    explanation: 'totalResults is REQUIRED (RFC 7644 §3.4.2); IdPs read 0 as "create the account".',
    scenario: noMatch,
    assert: ({ response }) =>
      onBody(response, 200, NO_MATCH_STATUS, (body): Guard => {
        if (body['totalResults'] !== 0) {
          return fail(
            'VALUE_MISMATCH',
            `totalResults is ${JSON.stringify(body['totalResults'])}, expected 0`,
            { expected: 0, actual: body['totalResults'], pointer: '/totalResults' },
          );
        }
        const ids = listIds(response);
        if (isFailure(ids)) return ids;
        return ids.length === 0
          ? undefined
          : fail('VALUE_MISMATCH', `${ids.length} resources returned for a filter matching nothing`, {
              expected: 0,
              actual: ids.length,
              pointer: '/Resources',
            });
      }),
  }),
  check({
    id: 'filter.list.schema-valid',
    title: 'A filtered query answers a valid ListResponse',
    level: 'MUST',
    rfc: 'RFC7644 3.4.2',
    requirements: ['7644-3.4.2-c', '7644-3.4.2-d', '7644-3.4.2-e'],
    explanation:
      'The ListResponse schema (RFC 7644 §3.4.2): the URN, an integer totalResults, Resources as an array.',
    scenario: oneMatch,
    assert: ({ response }, ctx) =>
      onBody(response, 200, NO_MATCH_STATUS, (body) => ctx.validate(URN.listResponse, body)[0]),
  }),
  check({
    id: 'filter.list.total-results-counts-matches',
    title: 'totalResults equals the number of matching Users',
    level: 'MUST',
    rfc: 'RFC7644 3.4.2',
    requirements: ['7644-3.4.2-d'],
    explanation:
      'totalResults is the number of results the query matched (RFC 7644 §3.4.2); here two fixture Users.',
    scenario: oneMatch,
    assert: ({ response }) =>
      onBody(response, 200, NO_MATCH_STATUS, (body) =>
        body['totalResults'] === 2
          ? undefined
          : fail(
              'VALUE_MISMATCH',
              `totalResults is ${JSON.stringify(body['totalResults'])}, expected the integer 2`,
              { expected: 2, actual: body['totalResults'], pointer: '/totalResults' },
            ),
      ),
  }),
  check({
    id: 'filter.list.resources-schema-valid',
    title: 'Every User in a filtered ListResponse is a valid User',
    level: 'MUST',
    rfc: 'RFC7643 4.1',
    requirements: ['7643-2.1-b', '7643-3-a', '7643-4.1.1-a'],
    explanation:
      'Resources inside a ListResponse are full User representations (RFC 7643 §4.1) with schemas, id and userName.',
    scenario: oneMatch,
    assert: ({ response }, ctx) =>
      onBody(response, 200, NO_MATCH_STATUS, (body) => {
        const resources = Array.isArray(body['Resources']) ? body['Resources'] : [];
        for (const [i, r] of resources.entries()) {
          const failure = ctx.validate(URN.user, r, `/Resources/${i}`)[0];
          if (failure) return failure;
        }
        return resources.length > 0
          ? undefined
          : fail('ATTRIBUTE_MISSING', 'The ListResponse has no Resources to validate', {
              pointer: '/Resources',
            });
      }),
  }),
  check({
    id: 'filter.malformed.returns-400',
    title: 'A malformed filter answers 400',
    level: 'MUST',
    rfc: 'RFC7644 3.4.2.2',
    requirements: ['7644-3.4.2.2-d', '7644-3.4.2.2-e'],
    explanation:
      'A filter MUST contain a valid expression (RFC 7644 §3.4.2.2); "userName eq" has no value and is the client\'s error.',
    scenario: malformed,
    assert: ({ response }) => statusVerdict(response, 400),
  }),
  check({
    id: 'filter.malformed.invalid-filter-type',
    title: 'A malformed filter is reported as scimType invalidFilter',
    level: 'MUST',
    rfc: 'RFC7644 3.12',
    requirements: ['7644-3.4.2.2-e', '7644-3.12-a'],
    explanation:
      'RFC 7644 §3.12 Table 9 names invalidFilter for a filter syntax error, so clients can tell it from other 400s.',
    scenario: malformed,
    assert: ({ response }) =>
      response.status === 400
        ? verdict(expectErrorBody(response, 400, 'invalidFilter'))
        : statusVerdict(response, 400),
  }),
  check({
    id: 'filter.malformed.never-5xx',
    title: 'Malformed filters (unbalanced, dangling, unquoted, empty) answer 400, never 5xx',
    level: 'MUST',
    rfc: 'RFC7644 3.4.2.2',
    requirements: ['7644-3.4.2.2-e', '7644-3.12-i'],
    explanation:
      "Every filter outside the Figure 1 grammar is the client's error (RFC 7644 §3.4.2.2); a 500 hides it and IdPs retry it forever.",
    scenario: malformedSet,
    assert: (results) => {
      for (const { filter, response } of results) {
        // An empty filter= may also be read as "no filter" (docs/verdicts.md, contested readings): only a 5xx fails.
        if (filter === '' && response.status !== undefined && response.status < 500) continue;
        if (response.status !== 400) {
          return fail(
            'STATUS_MISMATCH',
            `filter ${JSON.stringify(filter)} answered ${response.status}, expected 400`,
            { expected: 400, actual: response.status },
          );
        }
      }
      return verdict(undefined);
    },
  }),
  check({
    id: 'filter.malformed.empty-rejected',
    title: 'An empty filter= answers 400 invalidFilter',
    level: 'SHOULD',
    strictLevel: 'MUST',
    rfc: 'RFC7644 3.4.2.2',
    requirements: ['7644-3.4.2.2-e'],
    fix: 'Answer an empty filter parameter with 400 and scimType invalidFilter.',
    explanation:
      'An empty string is not a filter of the RFC 7644 §3.4.2.2 Figure 1 grammar, so 400 invalidFilter is the strict reading; treating "filter=" as no filter is a common, harmless reading (docs/verdicts.md, contested readings), hence SHOULD.',
    scenario: emptyFilter,
    assert: ({ response }) => verdict(expectErrorBody(response, 400, 'invalidFilter')),
  }),
  check({
    id: 'filter.operator.unknown-rejected',
    title: 'An unknown operator answers 400 invalidFilter instead of being ignored',
    level: 'MUST',
    rfc: 'RFC7644 3.4.2.2',
    requirements: ['7644-3.4.2.2-t'],
    explanation:
      'Unrecognised operators MUST be refused with invalidFilter (RFC 7644 §3.4.2.2); ignoring them lists every User.',
    scenario: unknownOperator,
    assert: ({ response }) => verdict(expectErrorBody(response, 400, 'invalidFilter')),
  }),
  check({
    id: 'filter.operator.boolean-ordering-rejected',
    title: 'gt on a Boolean answers 400 invalidFilter',
    level: 'MUST',
    rfc: 'RFC7644 3.4.2.2',
    requirements: ['7644-3.4.2.2-m'],
    explanation:
      'RFC 7644 §3.4.2.2 Table 3: gt/ge/lt/le on Boolean attributes SHALL fail with 400 invalidFilter.',
    scenario: booleanOrdering,
    assert: ({ response }) => verdict(expectErrorBody(response, 400, 'invalidFilter')),
  }),
  check({
    id: 'filter.attribute.unknown-no-5xx',
    title: 'A filter on an unknown attribute answers 400 invalidFilter or an empty list, not 5xx',
    level: 'SHOULD',
    rfc: 'RFC7644 3.12',
    requirements: ['7644-3.4.2.2-y', '7644-3.12-i'],
    explanation:
      'RFC 7644 leaves the choice open (Table 9 invalidFilter, or no match); either is accepted, but a server error or a full listing is not.',
    scenario: unknownAttribute,
    assert: ({ response }) => {
      if (response.status === 400) return verdict(expectErrorBody(response, 400, 'invalidFilter'));
      if (response.status === 200 && isObject(response.json)) {
        const ids = listIds(response);
        if (isFailure(ids)) return ids;
        return ids.length === 0
          ? verdict(undefined)
          : fail('VALUE_MISMATCH', `${ids.length} Users match an attribute that does not exist`, {
              expected: 0,
              actual: ids.length,
            });
      }
      return fail(
        'STATUS_MISMATCH',
        `answered ${response.status}, expected 400 invalidFilter or 200 with no results`,
        { expected: [400, 200], actual: response.status },
      );
    },
  }),
];
