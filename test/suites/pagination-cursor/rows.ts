/** The quirk that must make each pagination-cursor check fail, and the failure code it must report. */
import type { BreakageRow } from '../../support/check-harness.js';

const row = (check: string, quirk: string, expectedCode: string): BreakageRow => ({
  checkId: `pagination-cursor.${check}`,
  breakage: `quirk ${quirk}`,
  quirks: [quirk],
  expectedCode,
});

export const CURSOR_ROWS: BreakageRow[] = [
  row('spc.advertised-when-honoured', 'cursor-not-advertised', 'ATTRIBUTE_MISSING'),
  row('spc.pagination-well-formed', 'cursor-spc-incomplete', 'ATTRIBUTE_MISSING'),
  row('first-page.next-cursor', 'cursor-ignored', 'ATTRIBUTE_MISSING'),
  row('first-page.no-previous-cursor', 'cursor-previous-on-first-page', 'ATTRIBUTE_UNEXPECTED'),
  row('walk.reaches-every-result', 'cursor-ends-early', 'VALUE_MISMATCH'),
  row('walk.each-result-once', 'cursor-duplicates', 'VALUE_MISMATCH'),
  row('last-page.no-next-cursor', 'cursor-next-on-last-page', 'ATTRIBUTE_UNEXPECTED'),
  row('count.honoured', 'cursor-count-ignored', 'VALUE_MISMATCH'),
  row('count.zero-returns-no-resources', 'cursor-count-ignored', 'VALUE_MISMATCH'),
  row('count.negative-treated-as-zero', 'cursor-count-ignored', 'VALUE_MISMATCH'),
  row('cursor.url-safe', 'cursor-unsafe-characters', 'VALUE_MISMATCH'),
  row('invalid-cursor.returns-400', 'cursor-invalid-accepted', 'STATUS_MISMATCH'),
  row('invalid-cursor.scim-type', 'cursor-wrong-scimtype', 'VALUE_MISMATCH'),
  row('previous-cursor.returns-previous-page', 'cursor-previous-wrong', 'VALUE_MISMATCH'),
  row('timeout.valid-within', 'cursor-timeout-shorter', 'STATUS_MISMATCH'),
  row('expired-cursor.returns-400', 'cursor-expired-500', 'STATUS_MISMATCH'),
  row('expired-cursor.scim-type', 'cursor-wrong-scimtype', 'VALUE_MISMATCH'),
  row('search.next-cursor', 'cursor-search-ignored', 'ATTRIBUTE_MISSING'),
];
