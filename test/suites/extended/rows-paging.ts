/** Breakages of the pagination and sorting suites. */
import {
  USERS,
  answer,
  both,
  hasQuery,
  on,
  resources,
  rewriteJson,
  rewriteQuery,
  scimError,
  type Json,
} from './support/breakers.js';
import type { BreakageRow } from './support/row.js';

const list = on('GET', USERS);
const withParam = (name: string, test: (v: string) => boolean = () => true) =>
  both(list, hasQuery(name, test));
const titleless = (r: Json): boolean => r['title'] === undefined;

export const PAGING_ROWS: BreakageRow[] = [
  {
    checkId: 'pagination.start-index.one-based',
    breakage: 'quirk start-index-zero-based',
    quirks: ['start-index-zero-based'],
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'pagination.start-index.echoed',
    breakage: 'startIndex always answered as 1',
    proxy: rewriteJson(withParam('startIndex'), (b) => void (b['startIndex'] = 1)),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'pagination.start-index.zero-treated-as-one',
    breakage: 'startIndex=0 refused with 400',
    proxy: answer(
      withParam('startIndex', (v) => Number(v) === 0),
      () => scimError(400, 'invalidValue'),
    ),
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'pagination.start-index.negative-treated-as-one',
    breakage: 'negative startIndex refused with 400',
    proxy: answer(
      withParam('startIndex', (v) => Number(v) < 0),
      () => scimError(400, 'invalidValue'),
    ),
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'pagination.count.honoured',
    breakage: 'quirk count-ignored',
    quirks: ['count-ignored'],
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'pagination.count.zero-returns-no-resources',
    breakage: 'quirk count-ignored',
    quirks: ['count-ignored'],
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'pagination.count.zero-keeps-total',
    breakage: 'totalResults 0 when count=0',
    proxy: rewriteJson(
      withParam('count', (v) => v === '0'),
      (b) => void (b['totalResults'] = 0),
    ),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'pagination.count.negative-treated-as-zero',
    breakage: 'quirk count-ignored',
    quirks: ['count-ignored'],
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'pagination.items-per-page.matches-returned',
    breakage: 'itemsPerPage reports the total',
    proxy: rewriteJson(withParam('count'), (b) => void (b['itemsPerPage'] = b['totalResults'])),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'pagination.total-results.same-on-every-page',
    breakage: 'totalResults counts the page only',
    proxy: rewriteJson(withParam('startIndex'), (b) => void (b['totalResults'] = resources(b).length)),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'pagination.pages.tile-the-result',
    breakage: 'quirk start-index-zero-based',
    quirks: ['start-index-zero-based'],
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'pagination.start-index.beyond-end',
    breakage: '404 past the last page',
    proxy: rewriteJson(withParam('startIndex'), (b, res) =>
      resources(b).length === 0 && Number(b['totalResults']) > 0 ? { ...res, status: 404 } : undefined,
    ),
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'sorting.sort-by.ascending-by-default',
    breakage: 'quirk sort-ignored',
    quirks: ['sort-ignored'],
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'sorting.sort-order.descending',
    breakage: 'sortOrder ignored',
    proxy: rewriteQuery(withParam('sortOrder'), (qs) => qs.delete('sortOrder')),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'sorting.case-insensitive.username',
    breakage: 'userName sorted in ASCII order',
    proxy: rewriteJson(
      withParam('sortBy', (v) => v === 'userName'),
      (b) => void resources(b).sort((x, y) => (String(x['userName']) < String(y['userName']) ? -1 : 1)),
    ),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'sorting.missing-value.last-ascending',
    breakage: 'missing values sorted first ascending',
    proxy: rewriteJson(
      both(
        withParam('sortBy', (v) => v === 'title'),
        (r) => r.query.get('sortOrder') === null,
      ),
      (b) => void resources(b).sort((x, y) => Number(titleless(y)) - Number(titleless(x))),
    ),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'sorting.missing-value.first-descending',
    breakage: 'missing values sorted last descending',
    proxy: rewriteJson(
      withParam('sortOrder', (v) => v === 'descending'),
      (b) => void resources(b).sort((x, y) => Number(titleless(x)) - Number(titleless(y))),
    ),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'sorting.pagination.sorted-pages',
    breakage: 'quirk sort-ignored',
    quirks: ['sort-ignored'],
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'pagination.items-per-page.partial-page',
    breakage: 'quirk items-per-page-echoes-count',
    quirks: ['items-per-page-echoes-count'],
    expectedCode: 'VALUE_MISMATCH',
  },
];
