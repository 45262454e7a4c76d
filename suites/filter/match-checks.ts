/** Filter operators, logic and attribute paths, each judged on the exact set of fixture Users returned (RFC 7644 §3.4.2.2). */
import { defineCheck, skip, type AnyCheck, type HttpResult, type Level } from '../../engine/model/index.js';
import { expectStatus, isFailure } from '../support/guards.js';
import { verdict } from '../support/verdicts.js';
import { declinedFilter, expectIdSet, listIds, q } from './kit.js';
import { filterQuery, type FilterFixture, type Who } from './scenarios.js';

const SUITE = 'filter';

interface MatchSpec {
  id: string;
  title: string;
  requirements: string[];
  level?: Level;
  explanation: string;
  filter: (fx: FilterFixture) => string;
  expect: Who[] | ((fx: FilterFixture) => Who[]);
  /**
   * The comparison operators other than eq the filter relies on. RFC 7644 §3.12 Table 9 lets a server answer
   * 400 invalidFilter when "the specified attribute and filter comparison combination is not supported", so
   * a server that declines one of them this way is not judged (skip); any other answer still is.
   */
  uses?: readonly string[];
}

/** The skip reason when the target declined an optional comparison operator, else undefined. */
function declined(response: HttpResult, uses: readonly string[] | undefined): string | undefined {
  if (!uses?.length || !declinedFilter(response)) return undefined;
  return `the target declined the filter with 400 invalidFilter (it uses ${uses.join(', ')}); RFC 7644 §3.12 Table 9 allows declining an unsupported attribute/operator combination`;
}

/** A check that one filter returns exactly the expected fixture Users. */
function matchCheck(spec: MatchSpec) {
  return defineCheck({
    id: spec.id,
    title: spec.title,
    suite: SUITE,
    rfc: 'RFC7644 3.4.2.2',
    requirements: spec.requirements,
    level: spec.level ?? 'MUST',
    requires: ['filter'],
    explanation: spec.explanation,
    scenario: filterQuery(spec.id, spec.filter),
    assert: ({ fixture, response }) => {
      const reason = declined(response, spec.uses);
      if (reason) return skip(reason);
      return verdict(
        // A filter the server refuses is this check's failure, not a prerequisite's: the feature is what is tested.
        expectStatus(response, 200) ??
          (() => {
            const ids = listIds(response);
            if (isFailure(ids)) return ids;
            const who = typeof spec.expect === 'function' ? spec.expect(fixture) : spec.expect;
            return expectIdSet(
              ids,
              who.map((w) => fixture.users[w].id),
              fixture.names,
            );
          })(),
      );
    },
  });
}

const sw = (fx: FilterFixture): string => `userName sw ${q(fx.tag)}`;
const un = (fx: FilterFixture, who: Who): string => q(`${fx.tag}-${who}`);

export const matchChecks: AnyCheck[] = [
  matchCheck({
    id: 'filter.eq.matches-exactly',
    title: 'userName eq returns exactly the matching User',
    requirements: ['7644-3.4.2.2-b', '7644-3.4.2.2-f'],
    explanation:
      'RFC 7644 §3.4.2.2: with a filter, only matching resources are returned; IdPs look accounts up this way before every create.',
    filter: (fx) => `userName eq ${un(fx, 'bravo')}`,
    expect: ['bravo'],
  }),
  matchCheck({
    id: 'filter.eq.username-case-insensitive',
    title: 'userName eq matches regardless of case (caseExact=false)',
    requirements: ['7644-3.4.2.2-u', '7643-4.1.1-c', '7643-7-k'],
    explanation:
      'userName is caseExact=false (RFC 7643 §4.1.1), and filters SHALL honour caseExact (RFC 7644 §3.4.2.2); Entra and Okta send the userName in whatever case the directory holds.',
    filter: (fx) => `userName eq ${q(`${fx.tag}-BRAVO`.toUpperCase())}`,
    expect: ['bravo'],
  }),
  matchCheck({
    id: 'filter.eq.external-id-case-exact',
    title: 'externalId eq does not match a value that differs only in case (caseExact=true)',
    requirements: ['7644-3.4.2.2-u', '7643-7-k', '7643-3.1-l'],
    explanation:
      'externalId is caseExact=true (RFC 7643 §3.1), so a filter with another case SHALL match nothing; a case-folding server links the wrong account.',
    filter: (fx) => `externalId eq ${q(`${fx.tag}-ext-alpha`)}`,
    expect: [],
  }),
  matchCheck({
    id: 'filter.ne.excludes-value',
    title: 'ne excludes the named User',
    requirements: ['7644-3.4.2.2-g'],
    explanation: 'RFC 7644 §3.4.2.2 Table 3: ne matches values that are not identical.',
    filter: (fx) => `${sw(fx)} and userName ne ${un(fx, 'alpha')}`,
    uses: ['sw', 'ne'],
    expect: ['bravo', 'charlie'],
  }),
  matchCheck({
    id: 'filter.co.substring',
    title: 'co matches a substring',
    requirements: ['7644-3.4.2.2-h'],
    explanation:
      'RFC 7644 §3.4.2.2 Table 3: co matches when the operator value is a substring of the attribute value.',
    filter: (fx) => `userName co ${q(`${fx.tag.slice(4)}-brav`)}`,
    uses: ['co'],
    expect: ['bravo'],
  }),
  matchCheck({
    id: 'filter.sw.prefix',
    title: 'sw matches a prefix',
    requirements: ['7644-3.4.2.2-i'],
    explanation:
      'RFC 7644 §3.4.2.2 Table 3: sw matches when the attribute value starts with the operator value.',
    filter: (fx) => `userName sw ${q(`${fx.tag}-`)}`,
    uses: ['sw'],
    expect: ['alpha', 'bravo', 'charlie'],
  }),
  matchCheck({
    id: 'filter.ew.suffix',
    title: 'ew matches a suffix',
    requirements: ['7644-3.4.2.2-j'],
    explanation:
      'RFC 7644 §3.4.2.2 Table 3: ew matches when the attribute value ends with the operator value.',
    filter: (fx) => `${sw(fx)} and userName ew "-charlie"`,
    uses: ['sw', 'ew'],
    expect: ['charlie'],
  }),
  matchCheck({
    id: 'filter.pr.present',
    title: 'pr matches Users that have a value',
    requirements: ['7644-3.4.2.2-k'],
    explanation:
      'RFC 7644 §3.4.2.2 Table 3: pr matches when the attribute has a non-empty value; bravo has no title.',
    filter: (fx) => `${sw(fx)} and title pr`,
    uses: ['sw', 'pr'],
    expect: ['alpha', 'charlie'],
  }),
  matchCheck({
    id: 'filter.gt.string',
    title: 'gt orders strings lexicographically',
    requirements: ['7644-3.4.2.2-l'],
    explanation: 'RFC 7644 §3.4.2.2 Table 3: gt on strings is a lexicographical comparison.',
    filter: (fx) => `${sw(fx)} and userName gt ${un(fx, 'alpha')}`,
    uses: ['sw', 'gt'],
    expect: ['bravo', 'charlie'],
  }),
  matchCheck({
    id: 'filter.ge.string',
    title: 'ge includes the boundary value',
    requirements: ['7644-3.4.2.2-l'],
    explanation: 'RFC 7644 §3.4.2.2 Table 3: ge matches values greater than or equal to the operator value.',
    filter: (fx) => `${sw(fx)} and userName ge ${un(fx, 'bravo')}`,
    uses: ['sw', 'ge'],
    expect: ['bravo', 'charlie'],
  }),
  matchCheck({
    id: 'filter.lt.string',
    title: 'lt matches smaller strings only',
    requirements: ['7644-3.4.2.2-l'],
    explanation: 'RFC 7644 §3.4.2.2 Table 3: lt matches values less than the operator value.',
    filter: (fx) => `${sw(fx)} and userName lt ${un(fx, 'bravo')}`,
    uses: ['sw', 'lt'],
    expect: ['alpha'],
  }),
  matchCheck({
    id: 'filter.le.string',
    title: 'le includes the boundary value',
    requirements: ['7644-3.4.2.2-l'],
    explanation: 'RFC 7644 §3.4.2.2 Table 3: le matches values less than or equal to the operator value.',
    filter: (fx) => `${sw(fx)} and userName le ${un(fx, 'bravo')}`,
    uses: ['sw', 'le'],
    expect: ['alpha', 'bravo'],
  }),
  matchCheck({
    id: 'filter.gt.date-time',
    title: 'meta.lastModified gt compares instants',
    requirements: ['7644-3.4.2.2-l'],
    explanation:
      'RFC 7644 §3.4.2.2 Table 3: gt on dateTime is chronological. Incremental sync jobs use meta.lastModified gt; the boundary itself must not match.',
    filter: (fx) =>
      `${sw(fx)} and meta.lastModified gt ${q(String((fx.users.alpha.body['meta'] as Record<string, unknown>)['lastModified']))}`,
    uses: ['sw', 'gt'],
    expect: (fx) => {
      const stamp = (w: Who): number =>
        Date.parse(String((fx.users[w].body['meta'] as Record<string, unknown>)['lastModified']));
      return (['alpha', 'bravo', 'charlie'] as Who[]).filter((w) => stamp(w) > stamp('alpha'));
    },
  }),
  matchCheck({
    id: 'filter.eq.boolean',
    title: 'active eq true matches active Users only',
    requirements: ['7644-3.4.2.2-f', '7643-4.1.1-g'],
    explanation:
      'Booleans compare as JSON true/false (RFC 7644 §3.4.2.2 compValue); IdPs filter on active to find disabled accounts.',
    filter: (fx) => `${sw(fx)} and active eq true`,
    uses: ['sw'],
    expect: ['alpha', 'charlie'],
  }),
  matchCheck({
    id: 'filter.logic.and',
    title: 'and requires both expressions',
    requirements: ['7644-3.4.2.2-n'],
    explanation: 'RFC 7644 §3.4.2.2 Table 4: and is true only when both expressions are.',
    filter: (fx) => `${sw(fx)} and active eq false`,
    uses: ['sw'],
    expect: ['bravo'],
  }),
  matchCheck({
    id: 'filter.logic.or',
    title: 'or accepts either expression',
    requirements: ['7644-3.4.2.2-n'],
    explanation: 'RFC 7644 §3.4.2.2 Table 4: or is true when either expression is.',
    filter: (fx) => `userName eq ${un(fx, 'alpha')} or userName eq ${un(fx, 'charlie')}`,
    expect: ['alpha', 'charlie'],
  }),
  matchCheck({
    id: 'filter.logic.not',
    title: 'not negates a grouped expression',
    requirements: ['7644-3.4.2.2-n'],
    explanation: 'RFC 7644 §3.4.2.2 Table 4: not (expression) is true when the expression is false.',
    filter: (fx) => `${sw(fx)} and not (userName eq ${un(fx, 'alpha')})`,
    uses: ['sw'],
    expect: ['bravo', 'charlie'],
  }),
  matchCheck({
    id: 'filter.logic.and-binds-tighter-than-or',
    title: 'and binds tighter than or',
    requirements: ['7644-3.4.2.2-p'],
    explanation:
      'RFC 7644 §3.4.2.2 fixes the precedence: not, then and, then or. "A or B and C" is A or (B and C); evaluating left to right loses bravo.',
    filter: (fx) => `userName eq ${un(fx, 'bravo')} or userName eq ${un(fx, 'alpha')} and title pr`,
    uses: ['pr'],
    expect: ['alpha', 'bravo'],
  }),
  matchCheck({
    id: 'filter.logic.parentheses-group',
    title: 'Parentheses override precedence',
    requirements: ['7644-3.4.2.2-o', '7644-3.4.2.2-p'],
    explanation: 'RFC 7644 §3.4.2.2 Table 5: ( ) groups expressions; "(A or B) and C" keeps only alpha.',
    filter: (fx) => `(userName eq ${un(fx, 'bravo')} or userName eq ${un(fx, 'alpha')}) and title pr`,
    uses: ['pr'],
    expect: ['alpha'],
  }),
  matchCheck({
    id: 'filter.value-path.same-value',
    title: 'A value path matches only when one value satisfies the whole bracket',
    requirements: ['7644-3.4.2.2-o'],
    explanation:
      'RFC 7644 §3.4.2.2 Table 5: [ ] filters the values of a complex multi-valued attribute. alpha has a work email and a home-domain email, but no single email with both, so only charlie matches.',
    filter: (fx) => `${sw(fx)} and emails[type eq "work" and value co "@home.example"]`,
    uses: ['sw', 'co'],
    expect: ['charlie'],
  }),
  matchCheck({
    id: 'filter.multi-valued.any-value',
    title: 'A filter on a multi-valued attribute matches any of its values',
    requirements: ['7644-3.4.2.2-q'],
    explanation:
      'RFC 7644 §3.4.2.2: a multi-valued attribute matches if any value matches; here the second, non-primary email. Entra de-duplicates on emails.value.',
    filter: (fx) => `emails.value eq ${q(`${fx.tag}-alpha@home.example`)}`,
    expect: ['alpha'],
  }),
  matchCheck({
    id: 'filter.path.sub-attribute',
    title: 'Sub-attributes are addressed with dotted notation',
    requirements: ['7644-3.4.2.2-r'],
    explanation: 'RFC 7644 §3.4.2.2: complex sub-attributes MUST be addressed as name.givenName.',
    filter: (fx) => `name.givenName eq ${q(`Givenbravo${fx.tag.slice(-4)}`)}`,
    expect: ['bravo'],
  }),
  matchCheck({
    id: 'filter.path.urn-qualified',
    title: 'A URN-qualified attribute name filters like the short name',
    requirements: ['7644-3.4.2.2-w', '7644-3.10-b'],
    explanation:
      'RFC 7644 §3.4.2.2 Figure 1 lets attrPath carry the schema URN; some IdPs always send the qualified form.',
    filter: (fx) => `urn:ietf:params:scim:schemas:core:2.0:User:userName eq ${un(fx, 'bravo')}`,
    expect: ['bravo'],
  }),
  matchCheck({
    id: 'filter.grammar.attribute-name-case-insensitive',
    title: 'Attribute names in filters are case-insensitive',
    requirements: ['7644-3.4.2.2-c', '7643-2.1-a'],
    explanation:
      'RFC 7644 §3.4.2.2: attribute names and operators in filters are case-insensitive (USERNAME = userName).',
    filter: (fx) => `USERNAME eq ${un(fx, 'bravo')}`,
    expect: ['bravo'],
  }),
  matchCheck({
    id: 'filter.grammar.operator-case-insensitive',
    title: 'Filter operators are case-insensitive',
    requirements: ['7644-3.4.2.2-c'],
    explanation: 'RFC 7644 §3.4.2.2: operators are case-insensitive, so EQ means eq.',
    filter: (fx) => `userName EQ ${un(fx, 'bravo')}`,
    expect: ['bravo'],
  }),
];
