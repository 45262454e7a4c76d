/** Breakages of the filter suite. */
import {
  USERS,
  answer,
  both,
  emptyList,
  hasQuery,
  on,
  parse,
  resources,
  rewriteFilter,
  rewriteJson,
  rewriteStatus,
  scimError,
} from './support/breakers.js';
import type { Breakage } from '../../support/mutating-proxy.js';
import type { BreakageRow } from './support/row.js';

const filtered = (test: (f: string) => boolean) => both(on('GET', USERS), hasQuery('filter', test));

/** A server that compares externalId case-insensitively: it swaps the sent value for a stored one differing only in case. */
function externalIdCaseFolded(): Breakage {
  const seen: string[] = [];
  return {
    request(req) {
      if (req.method === 'POST' && USERS.test(req.path)) {
        const ext = parse(req.body)?.['externalId'];
        if (typeof ext === 'string') seen.push(ext);
        return undefined;
      }
      const filter = req.query.get('filter');
      const m = filter ? /externalId eq "([^"]*)"/i.exec(filter) : null;
      if (req.method !== 'GET' || !m || !filter) return undefined;
      const stored = seen.find((s) => s.toLowerCase() === (m[1] ?? '').toLowerCase());
      if (!stored) return undefined;
      const query = new URLSearchParams(req.query);
      query.set('filter', filter.replace(m[0], `externalId eq "${stored}"`));
      return { query };
    },
  };
}

export const FILTER_ROWS: BreakageRow[] = [
  {
    checkId: 'filter.eq.matches-exactly',
    breakage: 'quirk filter-ignored',
    quirks: ['filter-ignored'],
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'filter.eq.username-case-insensitive',
    breakage: 'quirk filter-case-sensitive',
    quirks: ['filter-case-sensitive'],
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'filter.eq.external-id-case-exact',
    breakage: 'externalId compared case-insensitively',
    proxy: externalIdCaseFolded(),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'filter.ne.excludes-value',
    breakage: 'ne read as eq',
    proxy: rewriteFilter((f) => f.replace(' ne ', ' eq ')),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'filter.co.substring',
    breakage: 'co implemented as a prefix match',
    proxy: rewriteFilter((f) => f.replace(' co ', ' sw ')),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'filter.sw.prefix',
    breakage: 'sw implemented as equality',
    proxy: rewriteFilter((f) => f.replace(' sw ', ' eq ')),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'filter.ew.suffix',
    breakage: 'ew implemented as a prefix match',
    proxy: rewriteFilter((f) => f.replace(' ew ', ' sw ')),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'filter.pr.present',
    breakage: 'pr always true',
    proxy: rewriteFilter((f) => (f === 'title pr' ? 'userName pr' : f)),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'filter.gt.string',
    breakage: 'gt evaluated as ge',
    proxy: rewriteFilter((f) => f.replace(' gt ', ' ge ')),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'filter.ge.string',
    breakage: 'ge evaluated as gt',
    proxy: rewriteFilter((f) => f.replace(' ge ', ' gt ')),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'filter.lt.string',
    breakage: 'lt evaluated as le',
    proxy: rewriteFilter((f) => f.replace(' lt ', ' le ')),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'filter.le.string',
    breakage: 'le evaluated as lt',
    proxy: rewriteFilter((f) => f.replace(' le ', ' lt ')),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'filter.gt.date-time',
    breakage: 'dateTime gt includes the boundary',
    proxy: rewriteFilter((f) => f.replace(' gt ', ' ge ')),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'filter.eq.boolean',
    breakage: 'boolean value ignored (active eq false = active pr)',
    proxy: rewriteFilter((f) => f.replace('active eq false', 'active pr')),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'filter.logic.and',
    breakage: 'and evaluated as or',
    proxy: rewriteFilter((f) => f.replace(' and ', ' or ')),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'filter.logic.or',
    breakage: 'or evaluated as and',
    proxy: rewriteFilter((f) => f.replace(' or ', ' and ')),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'filter.logic.not',
    breakage: 'not ignored',
    proxy: rewriteFilter((f) => f.replace('not (', '(')),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'filter.logic.and-binds-tighter-than-or',
    breakage: 'logic evaluated left to right',
    proxy: rewriteFilter((f) => f.replace(/^(.*) or (.*) and (.*)$/, '($1 or $2) and $3')),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'filter.logic.parentheses-group',
    breakage: 'parentheses dropped',
    proxy: rewriteFilter((f) => f.replace(/[()]/g, '')),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'filter.value-path.same-value',
    breakage: 'value path flattened to independent sub-attribute tests',
    proxy: rewriteFilter((f) =>
      f.replace(
        /emails\[type eq "work" and value co ("[^"]*")\]/,
        'emails.type eq "work" and emails.value co $1',
      ),
    ),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'filter.multi-valued.any-value',
    breakage: 'only the primary email is compared',
    proxy: rewriteFilter((f) =>
      f.replace(/emails\.value eq ("[^"]*")/, 'emails[primary eq true and value eq $1]'),
    ),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'filter.path.sub-attribute',
    // Declining a dotted path with 400 invalidFilter is allowed (RFC 7644 §3.12 Table 9) and skips; matching
    // nothing is the defect.
    breakage: 'dotted sub-attribute paths match nothing',
    proxy: answer(
      filtered((f) => f.startsWith('name.')),
      () => emptyList(),
    ),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'filter.path.urn-qualified',
    breakage: 'URN-qualified names refused',
    proxy: answer(
      filtered((f) => f.startsWith('urn:')),
      () => scimError(400, 'invalidFilter'),
    ),
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'filter.grammar.attribute-name-case-insensitive',
    breakage: 'attribute names matched case-sensitively',
    proxy: answer(
      filtered((f) => f.startsWith('USERNAME')),
      () => scimError(400, 'invalidFilter'),
    ),
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'filter.grammar.operator-case-insensitive',
    breakage: 'upper-case operators unmatched',
    proxy: answer(
      filtered((f) => f.includes(' EQ ')),
      () => emptyList(),
    ),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'filter.no-match.returns-200',
    breakage: '404 for a filter with no hits',
    proxy: rewriteJson(
      filtered(() => true),
      (body, res) => (body['totalResults'] === 0 ? { ...res, status: 404 } : undefined),
    ),
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'filter.no-match.total-zero',
    breakage: 'quirk totalresults-missing',
    quirks: ['totalresults-missing'],
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'filter.list.schema-valid',
    breakage: 'quirk totalresults-missing',
    quirks: ['totalresults-missing'],
    expectedCode: 'SCHEMA_INVALID',
  },
  {
    checkId: 'filter.list.total-results-counts-matches',
    breakage: 'totalResults sent as a string',
    proxy: rewriteJson(
      filtered(() => true),
      (body) => void (body['totalResults'] = String(body['totalResults'])),
    ),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'filter.list.resources-schema-valid',
    breakage: 'listed Users lack userName',
    proxy: rewriteJson(
      filtered(() => true),
      (body) => resources(body).forEach((r) => delete r['userName']),
    ),
    expectedCode: 'SCHEMA_INVALID',
  },
  {
    checkId: 'filter.malformed.returns-400',
    breakage: 'quirk malformed-filter-500',
    quirks: ['malformed-filter-500'],
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'filter.malformed.invalid-filter-type',
    breakage: 'scimType invalidValue instead of invalidFilter',
    proxy: rewriteJson(
      filtered(() => true),
      (body) => void (body['scimType'] &&= 'invalidValue'),
    ),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'filter.malformed.never-5xx',
    breakage: 'quirk malformed-filter-500',
    quirks: ['malformed-filter-500'],
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'filter.malformed.empty-rejected',
    breakage: 'an empty filter= lists every User',
    proxy: answer(
      filtered((f) => f === ''),
      () => emptyList(),
    ),
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'filter.operator.unknown-rejected',
    breakage: 'unknown operator ignored (empty list)',
    proxy: answer(
      filtered((f) => f.includes(' regex ')),
      () => emptyList(),
    ),
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'filter.operator.boolean-ordering-rejected',
    breakage: 'gt on a boolean evaluated',
    proxy: answer(
      filtered((f) => f.startsWith('active gt')),
      () => emptyList(),
    ),
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'filter.attribute.unknown-no-5xx',
    breakage: '500 for an unknown attribute',
    proxy: rewriteStatus(
      filtered((f) => f.startsWith('zzNoSuch')),
      500,
    ),
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'filter.sparse.emails-value',
    breakage: 'quirk filter-fails-on-missing-attribute',
    quirks: ['filter-fails-on-missing-attribute'],
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'filter.sparse.name-given-name',
    breakage: 'quirk filter-fails-on-missing-attribute',
    quirks: ['filter-fails-on-missing-attribute'],
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'filter.sparse.members-value',
    breakage: 'quirk filter-fails-on-missing-attribute',
    quirks: ['filter-fails-on-missing-attribute'],
    expectedCode: 'STATUS_MISMATCH',
  },
];
