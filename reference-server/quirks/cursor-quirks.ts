import type { SwitchQuirk } from './quirk-definition.js';

function cursor(description: string): SwitchQuirk {
  return { description, flavour: 'rfc', kind: 'switch' };
}

/** Ways to get RFC 9865 cursor paging wrong; each is consulted at one place in the rfc flavour's list code. */
export const CURSOR_QUIRKS = {
  'cursor-ignored': cursor(
    'The `cursor` parameter is ignored: every cursor request gets the first index page and no nextCursor (RFC 9865 §2).',
  ),
  'cursor-next-on-last-page': cursor(
    'The last cursor page still carries a nextCursor, which leads to an empty page (RFC 9865 §2).',
  ),
  'cursor-ends-early': cursor(
    'An off-by-one in the has-more test drops nextCursor one page before the last, hiding the last page (RFC 9865 §2).',
  ),
  'cursor-previous-on-first-page': cursor(
    'The first cursor page carries a previousCursor (RFC 9865 §2 MUST NOT).',
  ),
  'cursor-duplicates': cursor(
    'The nextCursor points one result too early, so consecutive cursor pages overlap (RFC 9865 §2).',
  ),
  'cursor-previous-wrong': cursor(
    'The previousCursor leads back to the current page instead of the previous one (RFC 9865 §2).',
  ),
  'cursor-unsafe-characters': cursor(
    'Cursor values are standard base64 with "+", "/" and "=", not URL-safe unreserved characters (RFC 9865 §2).',
  ),
  'cursor-invalid-accepted': cursor(
    'An unknown or forged cursor is served as the first page instead of 400 invalidCursor (RFC 9865 §2.1).',
  ),
  'cursor-wrong-scimtype': cursor(
    'Invalid and expired cursors answer 400 with scimType invalidValue instead of invalidCursor/expiredCursor (RFC 9865 §2.1).',
  ),
  'cursor-expired-500': cursor('An expired cursor answers 500 instead of 400 expiredCursor (RFC 9865 §2.1).'),
  'cursor-timeout-shorter': cursor(
    'Cursors expire after an eighth of the advertised cursorTimeout, which is a minimum (RFC 9865 §4).',
  ),
  'cursor-count-ignored': cursor(
    '`count` is ignored on cursor requests and a full page is returned (RFC 9865 §2).',
  ),
  'cursor-search-ignored': cursor(
    'POST /.search ignores `cursor` in the SearchRequest body and pages by index (RFC 9865 §3).',
  ),
  'cursor-not-advertised': cursor(
    'Cursors are honoured but ServiceProviderConfig has no `pagination` attribute (RFC 9865 §4).',
  ),
  'cursor-spc-incomplete': cursor(
    'ServiceProviderConfig `pagination` lacks the required `index` and gives cursorTimeout as a string (RFC 9865 §4).',
  ),
} satisfies Record<string, SwitchQuirk>;
