/**
 * User checks for single RFC rows: Content-Location against meta.location (RFC 7643 §3.1), UTF-8 round trips
 * (RFC 7644 §3.8) and userName uniqueness after PRECIS/NFC preparation (RFC 7644 §7.8).
 * @module
 */
import {
  checkRows,
  defineScenario,
  expectStatus,
  fail,
  fetchedUser,
  get,
  newUserBody,
  onBody,
  postUser,
  resolveUrl,
  skip,
  verdict,
} from '../support/index.js';
import type { AnyCheck, CreatedUser, HttpResult } from '../support/index.js';

const check = checkRows({ level: 'MUST', suite: 'users', scenario: fetchedUser });

const contentLocationMatches = check({
  id: 'users.get.content-location-matches-meta',
  title: 'When a User GET sends Content-Location, it equals meta.location',
  rfc: 'RFC7643 3.1',
  requirements: ['7643-3.1-x'],
  explanation:
    'RFC 7643 §3.1: meta.location is the URI of the resource and MUST be the same as the Content-Location HTTP header, when the response sends one; a mismatch leaves clients with two URLs for one resource.',
  assert: ({ response }) => {
    // Without the header there is nothing to compare: §3.1 ties meta.location to Content-Location only when sent.
    if (response?.status === 200 && response.headers['content-location'] === undefined)
      return skip('The response sends no Content-Location, so RFC 7643 §3.1 has nothing to compare');
    return onBody(response, 200, 'users.get.returns-200', (body) => {
      const res = response as HttpResult;
      const header = res.headers['content-location'] as string;
      const meta = body['meta'];
      const location =
        typeof meta === 'object' && meta !== null ? (meta as Record<string, unknown>)['location'] : undefined;
      const base = res.exchange.request.url;
      const wanted = typeof location === 'string' ? resolveUrl(location, base)?.href : undefined;
      return wanted !== undefined && resolveUrl(header, base)?.href === wanted
        ? undefined
        : fail('VALUE_MISMATCH', `Content-Location is ${header}, meta.location is ${String(location)}`, {
            expected: location,
            actual: header,
            pointer: '/meta/location',
          });
    });
  },
});

/** Non-ASCII in the Latin-1 range, outside the BMP's Latin scripts and outside the BMP (RFC 7644 §3.8). */
const NON_ASCII = 'Zoë Ørsted 東京 🚀';

interface RoundTrip {
  created: CreatedUser;
  fetched: HttpResult | undefined;
}

const utf8User = defineScenario<RoundTrip>({
  id: 'users.utf8-round-trip',
  run: async (ctx) => {
    const created = await postUser(ctx, newUserBody(ctx, { displayName: NON_ASCII }));
    return { created, fetched: created.path ? await get(ctx, created.path) : undefined };
  },
});

const utf8RoundTrip = check({
  id: 'users.post.utf8-round-trip',
  title: 'Non-ASCII text in a User round-trips unchanged',
  rfc: 'RFC7644 3.8',
  requirements: ['7644-3.8-a'],
  explanation:
    'RFC 7644 §3.8: the service provider MUST accept and return JSON in UTF-8; a displayName with accents, CJK and an emoji must read back exactly as it was sent.',
  scenario: utf8User,
  assert: ({ created, fetched }) => {
    const s = expectStatus(created.response, [200, 201]);
    if (s) return s;
    return onBody(fetched, 200, 'users.get.returns-200', (body) =>
      body['displayName'] === NON_ASCII
        ? undefined
        : fail('VALUE_MISMATCH', `displayName reads back as ${JSON.stringify(body['displayName'])}`, {
            expected: NON_ASCII,
            actual: body['displayName'],
            pointer: '/displayName',
          }),
    );
  },
});

interface Precis {
  first: CreatedUser;
  second: CreatedUser;
}

const precisUsers = defineScenario<Precis>({
  id: 'users.precis-duplicate',
  run: async (ctx) => {
    const stem = ctx.data.unique('precis');
    const composed = `${stem}-caf\u00e9`;
    const decomposed = `${stem}-cafe\u0301`;
    const first = await postUser(ctx, newUserBody(ctx, { userName: composed }));
    const second = await postUser(ctx, newUserBody(ctx, { userName: decomposed }));
    return { first, second };
  },
});

const precisUnique = check({
  id: 'users.post.username-precis-unique',
  title: 'A userName differing only in Unicode normalisation is a duplicate (409)',
  rfc: 'RFC7644 7.8',
  requirements: ['7644-5-a'],
  explanation:
    'RFC 7644 §7.8 (with RFC 7613): userName MUST be PRECIS-prepared, which includes NFC normalisation, before it is compared; "café" composed and decomposed are one name, so the second create is a uniqueness conflict.',
  scenario: precisUsers,
  assert: ({ first, second }) => {
    const s = expectStatus(first.response, 201);
    if (s) return s;
    return verdict(expectStatus(second.response, 409));
  },
});

export const rfcRowUserChecks: AnyCheck[] = [contentLocationMatches, utf8RoundTrip, precisUnique];
