/**
 * Filter operators, logic and attribute paths (RFC 7644 §3.4.2.2). Each comparison operator is tested alone,
 * scoped to the fixture by a value unique to it, or, when the operator cannot be scoped alone, judged on the
 * fixture Users' presence and absence in the full answer; each combination (and, or, not, grouping) declares
 * the single-operator checks it builds on, so a server without `and` fails one check, not every operator's.
 * @module
 */
import {
  declinedFilter,
  defineCheck,
  defineScenario,
  expectIdSet,
  expectStatus,
  fail,
  inconclusive,
  isFailure,
  listIds,
  q,
  skip,
  verdict,
} from '../support/index.js';
import type { AnyCheck, Level, Scenario } from '../support/index.js';
import {
  filterQuery,
  fixtureUserName,
  presenceQuery,
  type FilterFixture,
  type FilterQuery,
  type Who,
} from './scenarios.js';

const SUITE = 'filter';
const EVERYONE: readonly Who[] = ['alpha', 'bravo', 'charlie'];

interface MatchSpec {
  id: string;
  title: string;
  level: Level;
  requirements: string[];
  explanation: string;
  filter: (fx: FilterFixture) => string;
  expect: Who[] | ((fx: FilterFixture) => Who[]);
  /**
   * `exact` (default): the filter is scoped to the fixture, so the answer must hold exactly the expected
   * Users. `presence`: the filter cannot be scoped alone, so only the fixture Users' presence and absence
   * in the answer (every page) is judged; other resources may match.
   */
  scope?: 'exact' | 'presence';
  /**
   * The comparison operator other than eq this single-operator filter relies on. RFC 7644 §3.12 Table 9
   * lets a server answer 400 invalidFilter when "the specified attribute and filter comparison combination
   * is not supported", so a server that declines it this way is not judged (skip).
   */
  uses?: string;
  /** Single-operator checks a combination builds on (their queries are reused to tell what was declined). */
  dependsOn?: readonly string[];
}

/** The query of every check defined so far, so a combination can see how its parts were answered. */
const queries = new Map<string, Scenario<FilterQuery>>();

interface Combined {
  query: FilterQuery;
  /** The dependencies the target declined with 400 invalidFilter. */
  declinedParts: string[];
}

/** A combination runs as its most demanding part does; a reader keeps its parts' fixtures (ScenarioScope). */
function scopeOf(parts: ReadonlyArray<Scenario<FilterQuery> | undefined>): Partial<Scenario<Combined>> {
  if (parts.some((p) => p?.scope === 'collection')) return { scope: 'collection' };
  const readers = parts.filter((p) => p?.scope === 'collection-read');
  if (readers.length === 0) return { scope: 'own' };
  return { scope: 'collection-read', fixtures: [...new Set(readers.flatMap((p) => p?.fixtures ?? []))] };
}

function combinedScenario(spec: MatchSpec): Scenario<Combined> {
  const own = (spec.scope === 'presence' ? presenceQuery : filterQuery)(spec.id, spec.filter);
  queries.set(spec.id, own);
  // It may use its parts' queries too: collection-wide when any of them is.
  const parts = [own, ...(spec.dependsOn ?? []).map((dep) => queries.get(dep))];
  return defineScenario<Combined>({
    id: `${spec.id}.judged`,
    requires: ['filter'],
    ...scopeOf(parts),
    run: async (ctx) => {
      const query = await ctx.use(own);
      const declinedParts: string[] = [];
      if (declinedFilter(query.response)) {
        for (const dep of spec.dependsOn ?? []) {
          const part = queries.get(dep);
          if (part && declinedFilter((await ctx.use(part)).response)) declinedParts.push(dep);
        }
      }
      return { query, declinedParts };
    },
  });
}

/** Judges the fixture Users' presence and absence in every page of an unscoped answer. */
function judgePresence(query: FilterQuery, who: readonly Who[]) {
  const { fixture, allIds, truncated } = query;
  const ids = allIds ?? [];
  const wrong = EVERYONE.filter((w) => ids.includes(fixture.users[w].id) !== who.includes(w));
  if (wrong.length === 0) return undefined;
  if (truncated)
    return inconclusive(
      `The answer holds more results than the pages read; ${wrong.join(', ')} could not be placed`,
    );
  const missing = wrong.filter((w) => who.includes(w));
  const extra = wrong.filter((w) => !who.includes(w));
  return fail(
    'VALUE_MISMATCH',
    `Among the fixture Users the result should hold [${who.join(', ')}]` +
      (missing.length ? `; missing ${missing.join(', ')}` : '') +
      (extra.length ? `; unexpected ${extra.join(', ')}` : ''),
    {
      expected: [...who],
      actual: EVERYONE.filter((w) => ids.includes(fixture.users[w].id)),
      pointer: '/Resources',
    },
  );
}

/** A check that one filter returns the expected fixture Users. */
function matchCheck(spec: MatchSpec) {
  return defineCheck({
    id: spec.id,
    title: spec.title,
    suite: SUITE,
    rfc: 'RFC7644 3.4.2.2',
    requirements: spec.requirements,
    level: spec.level,
    requires: ['filter'],
    ...(spec.dependsOn ? { dependsOn: spec.dependsOn } : {}),
    explanation: spec.explanation,
    scenario: combinedScenario(spec),
    assert: ({ query, declinedParts }) => {
      const { fixture, response } = query;
      if (spec.uses && declinedFilter(response))
        return skip(
          `the target declined the filter with 400 invalidFilter (it uses ${spec.uses}); RFC 7644 §3.12 Table 9 allows declining an unsupported attribute/operator combination`,
        );
      if (declinedParts.length > 0)
        return skip(`the target declined ${declinedParts.join(', ')}, which this filter combines`);
      // A filter the server refuses is this check's failure, not a prerequisite's: the feature is what is tested.
      const status = expectStatus(response, 200);
      if (status) return status;
      const who = typeof spec.expect === 'function' ? spec.expect(fixture) : spec.expect;
      if (spec.scope === 'presence') {
        if (!query.allIds) {
          const ids = listIds(response);
          if (isFailure(ids)) return ids;
          return fail('VALUE_MISMATCH', 'A later page of the result was not a usable ListResponse', {
            pointer: '/Resources',
          });
        }
        return judgePresence(query, who) ?? verdict(undefined);
      }
      const ids = listIds(response);
      if (isFailure(ids)) return ids;
      return verdict(
        expectIdSet(
          ids,
          who.map((w) => fixture.users[w].id),
          fixture.names,
        ),
      );
    },
  });
}

const sw = (fx: FilterFixture): string => `userName sw ${q(`${fx.tag}-`)}`;
const un = (fx: FilterFixture, who: Who): string => q(fixtureUserName(fx.tag, who));
const stamp = (fx: FilterFixture, w: Who): string =>
  String((fx.users[w].body['meta'] as Record<string, unknown>)['lastModified']);

const EQ = 'filter.eq.matches-exactly';
const SW = 'filter.sw.prefix';
const PR = 'filter.pr.present';
const CO = 'filter.co.substring';
const BOOLEAN = 'filter.eq.boolean';
const AND = 'filter.logic.and';
const OR = 'filter.logic.or';

export const matchChecks: AnyCheck[] = [
  matchCheck({
    id: EQ,
    title: 'userName eq returns exactly the matching User',
    level: 'MUST',
    requirements: ['7644-3.4.2.2-b', '7644-3.4.2.2-f'],
    explanation:
      'RFC 7644 §3.4.2.2: with a filter, only matching resources are returned; IdPs look accounts up this way before every create.',
    filter: (fx) => `userName eq ${un(fx, 'bravo')}`,
    expect: ['bravo'],
  }),
  matchCheck({
    id: 'filter.eq.username-case-insensitive',
    title: 'userName eq matches regardless of case (caseExact=false)',
    level: 'MUST',
    requirements: ['7644-3.4.2.2-u', '7643-4.1.1-c', '7643-7-k'],
    explanation:
      'userName is caseExact=false (RFC 7643 §4.1.1), and filters SHALL honour caseExact (RFC 7644 §3.4.2.2); Entra and Okta send the userName in whatever case the directory holds.',
    filter: (fx) => `userName eq ${q(fixtureUserName(fx.tag, 'bravo').toUpperCase())}`,
    expect: ['bravo'],
  }),
  matchCheck({
    id: 'filter.eq.external-id-case-exact',
    title: 'externalId eq does not match a value that differs only in case (caseExact=true)',
    level: 'MUST',
    requirements: ['7644-3.4.2.2-u', '7643-7-k', '7643-3.1-l'],
    explanation:
      'externalId is caseExact=true (RFC 7643 §3.1), so a filter with another case SHALL match nothing; a case-folding server links the wrong account.',
    filter: (fx) => `externalId eq ${q(`${fx.tag}-ext-alpha`)}`,
    expect: [],
  }),
  matchCheck({
    id: 'filter.ne.excludes-value',
    title: 'ne excludes the named User',
    level: 'MUST',
    requirements: ['7644-3.4.2.2-g'],
    explanation:
      'RFC 7644 §3.4.2.2 Table 3: ne matches values that are not identical; the answer holds bravo and charlie but not alpha.',
    filter: (fx) => `userName ne ${un(fx, 'alpha')}`,
    scope: 'presence',
    uses: 'ne',
    expect: ['bravo', 'charlie'],
  }),
  matchCheck({
    id: CO,
    title: 'co matches a substring',
    level: 'MUST',
    requirements: ['7644-3.4.2.2-h'],
    explanation:
      'RFC 7644 §3.4.2.2 Table 3: co matches when the operator value is a substring of the attribute value.',
    filter: (fx) => `userName co ${q(`${fx.tag.slice(4)}-brav`)}`,
    uses: 'co',
    expect: ['bravo'],
  }),
  matchCheck({
    id: SW,
    title: 'sw matches a prefix',
    level: 'MUST',
    requirements: ['7644-3.4.2.2-i'],
    explanation:
      'RFC 7644 §3.4.2.2 Table 3: sw matches when the attribute value starts with the operator value.',
    filter: sw,
    uses: 'sw',
    expect: ['alpha', 'bravo', 'charlie'],
  }),
  matchCheck({
    id: 'filter.ew.suffix',
    title: 'ew matches a suffix',
    level: 'MUST',
    requirements: ['7644-3.4.2.2-j'],
    explanation:
      'RFC 7644 §3.4.2.2 Table 3: ew matches when the attribute value ends with the operator value (externalId, whose fixture values end in a unique token).',
    filter: (fx) => `externalId ew ${q(`${fx.tag.slice(4)}-Ext-CHARLIE`)}`,
    uses: 'ew',
    expect: ['charlie'],
  }),
  matchCheck({
    id: PR,
    title: 'pr matches Users that have a value',
    level: 'MUST',
    requirements: ['7644-3.4.2.2-k'],
    explanation:
      'RFC 7644 §3.4.2.2 Table 3: pr matches when the attribute has a non-empty value; bravo has no title, so the answer holds alpha and charlie but not bravo.',
    filter: () => 'title pr',
    scope: 'presence',
    uses: 'pr',
    expect: ['alpha', 'charlie'],
  }),
  matchCheck({
    id: 'filter.gt.string',
    title: 'gt orders strings lexicographically',
    level: 'MUST',
    requirements: ['7644-3.4.2.2-l'],
    explanation: 'RFC 7644 §3.4.2.2 Table 3: gt on strings is a lexicographical comparison.',
    filter: (fx) => `userName gt ${un(fx, 'alpha')}`,
    scope: 'presence',
    uses: 'gt',
    expect: ['bravo', 'charlie'],
  }),
  matchCheck({
    id: 'filter.ge.string',
    title: 'ge includes the boundary value',
    level: 'MUST',
    requirements: ['7644-3.4.2.2-l'],
    explanation: 'RFC 7644 §3.4.2.2 Table 3: ge matches values greater than or equal to the operator value.',
    filter: (fx) => `userName ge ${un(fx, 'bravo')}`,
    scope: 'presence',
    uses: 'ge',
    expect: ['bravo', 'charlie'],
  }),
  matchCheck({
    id: 'filter.lt.string',
    title: 'lt matches smaller strings only',
    level: 'MUST',
    requirements: ['7644-3.4.2.2-l'],
    explanation: 'RFC 7644 §3.4.2.2 Table 3: lt matches values less than the operator value.',
    filter: (fx) => `userName lt ${un(fx, 'bravo')}`,
    scope: 'presence',
    uses: 'lt',
    expect: ['alpha'],
  }),
  matchCheck({
    id: 'filter.le.string',
    title: 'le includes the boundary value',
    level: 'MUST',
    requirements: ['7644-3.4.2.2-l'],
    explanation: 'RFC 7644 §3.4.2.2 Table 3: le matches values less than or equal to the operator value.',
    filter: (fx) => `userName le ${un(fx, 'bravo')}`,
    scope: 'presence',
    uses: 'le',
    expect: ['alpha', 'bravo'],
  }),
  matchCheck({
    id: 'filter.gt.date-time',
    title: 'meta.lastModified gt compares instants',
    level: 'MUST',
    requirements: ['7644-3.4.2.2-l'],
    explanation:
      'RFC 7644 §3.4.2.2 Table 3: gt on dateTime is chronological. Incremental sync jobs use meta.lastModified gt; the boundary itself must not match.',
    filter: (fx) => `meta.lastModified gt ${q(stamp(fx, 'alpha'))}`,
    scope: 'presence',
    uses: 'gt',
    expect: (fx) => EVERYONE.filter((w) => Date.parse(stamp(fx, w)) > Date.parse(stamp(fx, 'alpha'))),
  }),
  matchCheck({
    id: BOOLEAN,
    title: 'active eq false matches inactive Users only',
    level: 'MUST',
    requirements: ['7644-3.4.2.2-f', '7643-4.1.1-g'],
    explanation:
      'Booleans compare as JSON true/false (RFC 7644 §3.4.2.2 compValue); IdPs filter on active to find disabled accounts. The answer holds bravo but not alpha or charlie.',
    filter: () => 'active eq false',
    uses: 'the attribute active',
    scope: 'presence',
    expect: ['bravo'],
  }),
  matchCheck({
    id: AND,
    title: 'and requires both expressions',
    level: 'MUST',
    requirements: ['7644-3.4.2.2-n'],
    explanation: 'RFC 7644 §3.4.2.2 Table 4: and is true only when both expressions are.',
    filter: (fx) => `${sw(fx)} and active eq false`,
    dependsOn: [SW, BOOLEAN],
    expect: ['bravo'],
  }),
  matchCheck({
    id: OR,
    title: 'or accepts either expression',
    level: 'MUST',
    requirements: ['7644-3.4.2.2-n'],
    explanation: 'RFC 7644 §3.4.2.2 Table 4: or is true when either expression is.',
    filter: (fx) => `userName eq ${un(fx, 'alpha')} or userName eq ${un(fx, 'charlie')}`,
    uses: 'or',
    dependsOn: [EQ],
    expect: ['alpha', 'charlie'],
  }),
  matchCheck({
    id: 'filter.logic.not',
    title: 'not negates a grouped expression',
    level: 'MUST',
    requirements: ['7644-3.4.2.2-n'],
    explanation: 'RFC 7644 §3.4.2.2 Table 4: not (expression) is true when the expression is false.',
    filter: (fx) => `${sw(fx)} and not (userName eq ${un(fx, 'alpha')})`,
    dependsOn: [AND, SW, EQ],
    expect: ['bravo', 'charlie'],
  }),
  matchCheck({
    id: 'filter.logic.and-binds-tighter-than-or',
    title: 'and binds tighter than or',
    level: 'MUST',
    requirements: ['7644-3.4.2.2-p'],
    explanation:
      'RFC 7644 §3.4.2.2 fixes the precedence: not, then and, then or. "A or B and C" is A or (B and C); evaluating left to right loses bravo.',
    filter: (fx) => `userName eq ${un(fx, 'bravo')} or userName eq ${un(fx, 'alpha')} and title pr`,
    dependsOn: [AND, OR, PR, EQ],
    expect: ['alpha', 'bravo'],
  }),
  matchCheck({
    id: 'filter.logic.parentheses-group',
    title: 'Parentheses override precedence',
    level: 'MUST',
    requirements: ['7644-3.4.2.2-o', '7644-3.4.2.2-p'],
    explanation: 'RFC 7644 §3.4.2.2 Table 5: ( ) groups expressions; "(A or B) and C" keeps only alpha.',
    filter: (fx) => `(userName eq ${un(fx, 'bravo')} or userName eq ${un(fx, 'alpha')}) and title pr`,
    dependsOn: [AND, OR, PR, EQ],
    expect: ['alpha'],
  }),
  matchCheck({
    id: 'filter.value-path.same-value',
    title: 'A value path matches only when one value satisfies the whole bracket',
    level: 'MUST',
    requirements: ['7644-3.4.2.2-o'],
    explanation:
      'RFC 7644 §3.4.2.2 Table 5: [ ] filters the values of a complex multi-valued attribute. alpha has a work email and a home-domain email, but no single email with both, so only charlie matches.',
    filter: (fx) => `${sw(fx)} and emails[type eq "work" and value co "@home.example"]`,
    dependsOn: [AND, SW, CO],
    expect: ['charlie'],
  }),
  matchCheck({
    id: 'filter.multi-valued.any-value',
    title: 'A filter on a multi-valued attribute matches any of its values',
    level: 'MUST',
    requirements: ['7644-3.4.2.2-q'],
    explanation:
      'RFC 7644 §3.4.2.2: a multi-valued attribute matches if any value matches; here the second, non-primary email. Entra de-duplicates on emails.value.',
    filter: (fx) => `emails.value eq ${q(`${fx.tag}-alpha@home.example`)}`,
    expect: ['alpha'],
  }),
  matchCheck({
    id: 'filter.path.sub-attribute',
    title: 'Sub-attributes are addressed with dotted notation',
    level: 'MUST',
    requirements: ['7644-3.4.2.2-r'],
    explanation: 'RFC 7644 §3.4.2.2: complex sub-attributes MUST be addressed as name.givenName.',
    filter: (fx) => `name.givenName eq ${q(`Givenbravo${fx.tag.slice(-4)}`)}`,
    uses: 'the sub-attribute name.givenName',
    expect: ['bravo'],
  }),
  matchCheck({
    id: 'filter.path.urn-qualified',
    title: 'A URN-qualified attribute name filters like the short name',
    level: 'MUST',
    requirements: ['7644-3.4.2.2-w', '7644-3.10-b'],
    explanation:
      'RFC 7644 §3.4.2.2 Figure 1 lets attrPath carry the schema URN; some IdPs always send the qualified form.',
    filter: (fx) => `urn:ietf:params:scim:schemas:core:2.0:User:userName eq ${un(fx, 'bravo')}`,
    expect: ['bravo'],
  }),
  matchCheck({
    id: 'filter.grammar.attribute-name-case-insensitive',
    title: 'Attribute names in filters are case-insensitive',
    level: 'MUST',
    requirements: ['7644-3.4.2.2-c', '7643-2.1-a'],
    explanation:
      'RFC 7644 §3.4.2.2: attribute names and operators in filters are case-insensitive (USERNAME = userName).',
    filter: (fx) => `USERNAME eq ${un(fx, 'bravo')}`,
    expect: ['bravo'],
  }),
  matchCheck({
    id: 'filter.grammar.operator-case-insensitive',
    title: 'Filter operators are case-insensitive',
    level: 'MUST',
    requirements: ['7644-3.4.2.2-c'],
    explanation: 'RFC 7644 §3.4.2.2: operators are case-insensitive, so EQ means eq.',
    filter: (fx) => `userName EQ ${un(fx, 'bravo')}`,
    expect: ['bravo'],
  }),
];
