/** One breakage per check: the server deviation that must make it fail, and the code it must report. */
import {
  USERS,
  USER_BY_ID,
  answer,
  both,
  on,
  rewriteHeaders,
  rewriteJson,
  rewriteRequestJson,
  resources,
  scimJson,
  type Json,
  type Match,
} from '../extended/support/breakers.js';
import type { BreakageRow } from '../extended/support/row.js';
import type { Breakage } from '../../support/mutating-proxy.js';

export type { BreakageRow };

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const USER_URN = 'urn:ietf:params:scim:schemas:core:2.0:User';
const LIST_URN = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const patchUser = on('PATCH', USER_BY_ID);
const patchWith = (text: string): Match => both(patchUser, (req) => req.body.includes(text));
const ops = (b: Json): Json[] => (Array.isArray(b['Operations']) ? (b['Operations'] as Json[]) : []);
const root: Match = (req) => req.method === 'GET' && (req.path === '/' || req.path === '');
const me = on('GET', /^\/Me$/i);

/** A /Me that answers 200 with the token's User (what a server with user-bound tokens does). */
function meAnswers(location: (origin: string) => string | undefined): Breakage {
  return answer(me, (req) => {
    const origin = `http://${String(req.headers.host)}`;
    const loc = location(origin);
    return scimJson(
      200,
      { schemas: [USER_URN], id: 'me-7f3a', userName: 'me@example.com', meta: { resourceType: 'User' } },
      loc ? { location: loc } : {},
    );
  });
}

/** Loopback servers that offer what the clean rfc server does not, so skipped checks are seen to pass. */
export const FEATURE_PROXIES: Record<string, Breakage> = {
  'discovery.me.location-names-resource': meAnswers((o) => `${o}/scim/v2/Users/me-7f3a`),
  'filter.default.matches-returned-value': rewriteRequestJson(on('POST', USERS), (b) => {
    if (b['active'] === undefined) b['active'] = true;
  }),
  'users.get.content-location-matches-meta': rewriteJson(on('GET', USER_BY_ID), (b, res) => {
    const meta = b['meta'] as Json;
    return { ...res, headers: { ...res.headers, 'content-location': String(meta['location']) } };
  }),
};

export const RFC_ROWS: BreakageRow[] = [
  {
    checkId: 'patch.message.operations-empty-rejected',
    breakage: 'an empty Operations array is acknowledged with 204',
    proxy: answer(patchWith('"Operations":[]'), () => ({ status: 204, headers: {}, body: '' })),
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'patch.add.value-required',
    breakage: 'add without a value is read as an empty string',
    proxy: rewriteRequestJson(patchUser, (b) =>
      ops(b).forEach((o) => {
        if (o['value'] === undefined) o['value'] = 'filled-in';
      }),
    ),
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'patch.add.existing-value-no-duplicate',
    breakage: 'a re-added email is stored twice',
    proxy: rewriteJson(on('GET', USER_BY_ID), (b) => {
      const emails = Array.isArray(b['emails']) ? (b['emails'] as Json[]) : [];
      b['emails'] = [...emails, ...emails];
    }),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'patch.add.existing-value-keeps-last-modified',
    breakage: 'a no-op PATCH moves lastModified',
    proxy: rewriteJson(on('GET', USER_BY_ID), (b) => {
      (b['meta'] as Json)['lastModified'] = new Date(Date.now() + 60_000).toISOString();
    }),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'patch.remove.multi-valued-all',
    breakage: 'remove emails only removes the non-primary value',
    proxy: rewriteRequestJson(patchUser, (b) =>
      ops(b).forEach((o) => {
        if (o['path'] === 'emails') o['path'] = 'emails[type eq "home"]';
      }),
    ),
    expectedCode: 'ATTRIBUTE_UNEXPECTED',
  },
  {
    checkId: 'patch.replace.complex-keeps-unspecified',
    breakage: 'replace on name overwrites the whole complex value',
    proxy: rewriteRequestJson(
      patchWith('"path":"name"'),
      (b) => void (b['Operations'] = [{ op: 'remove', path: 'name' }, ...ops(b)]),
    ),
    expectedCode: 'ATTRIBUTE_MISSING',
  },
  {
    checkId: 'patch.replace.value-path-whole-value',
    breakage: 'the value filter is ignored, so every email is replaced',
    proxy: rewriteRequestJson(patchUser, (b) =>
      ops(b).forEach((o) => {
        if (o['path'] === 'emails[type eq "work"]') {
          o['path'] = 'emails';
          o['value'] = [o['value']];
        }
      }),
    ),
    expectedCode: 'ATTRIBUTE_MISSING',
  },
  {
    checkId: 'patch.extension.operations-in-sequence',
    breakage: 'only the last operation on the extension is kept',
    proxy: rewriteRequestJson(patchWith(ENTERPRISE), (b) => void (b['Operations'] = ops(b).slice(-1))),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'bulk.circular.resolved-or-conflict',
    breakage: 'a circular reference crashes one operation with 500',
    proxy: rewriteJson(on('POST', /^\/Bulk$/i), (b) => {
      const first = ops(b)[0];
      if (first) first['status'] = '500';
    }),
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'bulk.circular.no-unreported-resources',
    breakage: 'the server breaks the cycle by creating a Group, then leaves it out of the BulkResponse',
    proxy: {
      // The server only sees the first Group's reference dropped, so it creates that Group.
      request: (req) => {
        if (req.method !== 'POST' || !/\/Bulk$/i.test(req.path)) return undefined;
        const body = JSON.parse(req.body) as Json;
        const first = ops(body)[0]?.['data'] as Json | undefined;
        if (first) delete first['members'];
        return { body: JSON.stringify(body) };
      },
      mutate: (req, res) => {
        if (req.method !== 'POST' || !/\/Bulk$/i.test(req.path)) return undefined;
        const body = JSON.parse(res.body) as Json;
        for (const op of ops(body)) delete op['location'];
        return { ...res, body: JSON.stringify(body) };
      },
    },
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'bulk.extension.bulk-id-substituted',
    breakage: 'bulkId references in extension attributes are stored verbatim',
    proxy: rewriteJson(on('GET', USER_BY_ID), (b) => {
      const ext = b[ENTERPRISE] as Json | undefined;
      if (ext?.['manager']) ext['manager'] = { value: 'bulkId:mgr' };
    }),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'users.get.content-location-matches-meta',
    breakage: 'Content-Location names another URL than meta.location',
    proxy: rewriteHeaders(on('GET', USER_BY_ID), (h) => {
      h['content-location'] = 'https://elsewhere.example/scim/v2/Users/other';
    }),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'users.post.utf8-round-trip',
    breakage: 'UTF-8 text is read back as Latin-1 (mojibake)',
    proxy: rewriteJson(on('GET', USER_BY_ID), (b) => {
      if (typeof b['displayName'] === 'string')
        b['displayName'] = Buffer.from(b['displayName'], 'utf8').toString('latin1');
    }),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'users.post.username-precis-unique',
    breakage: 'quirk duplicate-username-accepted',
    quirks: ['duplicate-username-accepted'],
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'search.root.all-resource-types',
    breakage: 'a root query only searches Users',
    proxy: rewriteJson(root, (b) => {
      b['Resources'] = resources(b).filter((r) => JSON.stringify(r['schemas']).includes(':User'));
      b['totalResults'] = (b['Resources'] as Json[]).length;
    }),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'filter.default.matches-returned-value',
    breakage: 'active is shown as defaulted on create but never stored',
    proxy: rewriteJson(on('POST', USERS), (b) => {
      if (b['active'] === undefined) b['active'] = true;
    }),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'discovery.me.location-names-resource',
    breakage: '/Me answers 200 with Location pointing at /Me',
    proxy: meAnswers((o) => `${o}/scim/v2/Me`),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'errors.version.unknown-rejected',
    breakage: '/v99/Users is served as if it were /v2',
    proxy: answer(on('GET', /\/v99\/Users$/i), () =>
      scimJson(200, { schemas: [LIST_URN], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] }),
    ),
    expectedCode: 'STATUS_MISMATCH',
  },
];

const CORE = ['discovery.', 'users.', 'errors.', 'security.'];

/** The rows for test/suites (core suites) and test/suites/extended (extended suites) to spread into ALL_ROWS. */
export const CORE_RFC_ROWS = RFC_ROWS.filter((r) => CORE.some((p) => r.checkId.startsWith(p)));
export const EXTENDED_RFC_ROWS = RFC_ROWS.filter((r) => !CORE_RFC_ROWS.includes(r));
