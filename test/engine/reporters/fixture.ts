/**
 * A realistic report for the renderer tests: every outcome, every level, two profiles, an exchange
 * shared by two checks, a hostile response body, a transport error and unicode.
 */
import type { CheckResult, Exchange } from '../../../engine/model/index.js';
import { summarise, type Report } from '../../../engine/runner/report.js';

export const BASE = 'http://127.0.0.1:8080/scim/v2';

/** Breaks out of a `<script>` block, an attribute and element content if any of them were unescaped. */
export const HOSTILE =
  '</script><script>alert(1)</script><img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';

const auth = { authorization: 'Bearer [REDACTED]', accept: 'application/scim+json' };
const scimJson = { 'content-type': 'application/scim+json; charset=utf-8' };

const spc: Exchange = {
  request: { method: 'GET', url: `${BASE}/ServiceProviderConfig`, headers: { ...auth } },
  response: {
    status: 200,
    headers: { ...scimJson },
    body: JSON.stringify({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
      patch: { supported: false },
      filter: { supported: true, maxResults: 200 },
    }),
  },
  ms: 3.4,
};

/** The POST /Users of the `users.create` scenario: two checks assert on it. */
const createUser: Exchange = {
  request: {
    method: 'POST',
    url: `${BASE}/Users`,
    headers: { ...auth, 'content-type': 'application/scim+json' },
    body: JSON.stringify({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'scimtest-3f9a2c.zoë@example.com',
      name: { givenName: 'Zoë', familyName: 'Ångström' },
      displayName: 'Zoë Ångström 日本語 🚀',
      password: '[REDACTED]',
    }),
  },
  response: {
    status: 201,
    headers: { ...scimJson, etag: 'W/"1"' },
    body: JSON.stringify({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      id: '7d1c2f0e',
      userName: 'scimtest-3f9a2c.zoë@example.com',
      displayName: 'Zoë Ångström 日本語 🚀',
      meta: { resourceType: 'User', created: '2026-11-28T10:00:01Z', version: 'W/"1"' },
    }),
  },
  ms: 12.7,
};

const hostileGet: Exchange = {
  request: { method: 'GET', url: `${BASE}/Users/7d1c2f0e?attributes=userName`, headers: { ...auth } },
  response: { status: 200, headers: { 'content-type': 'text/html' }, body: HOSTILE },
  ms: 4.1,
};

const timeout: Exchange = {
  request: {
    method: 'GET',
    url: `${BASE}/Users?filter=${encodeURIComponent('userName eq "nobody"')}&count=10`,
    headers: { ...auth },
  },
  error: { code: 'TARGET_TIMEOUT', message: 'no response within 10000 ms' },
  ms: 10000.2,
};

const badPatch: Exchange = {
  request: {
    method: 'PATCH',
    url: `${BASE}/Users/7d1c2f0e`,
    headers: { ...auth, 'content-type': 'application/scim+json' },
    body: '{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"active","value":"False"}]}',
  },
  response: {
    status: 500,
    headers: { 'content-type': 'text/plain' },
    body: 'Internal error | stack:\n  at Patch.apply',
  },
  ms: 8,
};

function result(partial: Partial<CheckResult> & Pick<CheckResult, 'id' | 'outcome'>): CheckResult {
  return {
    title: partial.id,
    suite: partial.id.split('.')[0] ?? 'misc',
    profile: 'rfc',
    level: 'MUST',
    rfc: 'RFC7644 3.3',
    exchanges: [],
    ms: 1,
    ...partial,
  };
}

export function fixtureResults(): (CheckResult & { explanation?: string })[] {
  return [
    result({
      id: 'discovery.spc.returns-200',
      title: 'GET /ServiceProviderConfig returns 200',
      level: 'MUST',
      rfc: 'RFC7644 4',
      outcome: 'pass',
      exchanges: [spc],
      explanation: 'IdPs read the service provider configuration before they decide which operations to use.',
    }),
    result({
      id: 'users.post.returns-201',
      title: 'POST /Users returns 201 Created',
      outcome: 'pass',
      exchanges: [createUser],
    }),
    result({
      id: 'users.post.location-header',
      title: 'POST /Users sets Location to the new resource',
      level: 'SHOULD',
      outcome: 'fail',
      code: 'HEADER_MISSING',
      message: 'The 201 response has no Location header | the client cannot find the new user.\nSecond line.',
      expected: `${BASE}/Users/7d1c2f0e`,
      actual: undefined,
      exchanges: [createUser],
    }),
    result({
      id: 'users.get.content-type',
      title: 'GET /Users/{id} answers application/scim+json',
      level: 'MUST',
      rfc: 'RFC7644 3.1',
      outcome: 'fail',
      code: 'CONTENT_TYPE_MISMATCH',
      message: `Expected application/scim+json, got text/html: ${HOSTILE}`,
      expected: 'application/scim+json',
      actual: { 'content-type': 'text/html', body: HOSTILE },
      pointer: '',
      exchanges: [createUser, hostileGet],
    }),
    result({
      id: 'filter.eq.unknown-user-empty',
      title: 'A filter that matches nothing returns an empty ListResponse',
      rfc: 'RFC7644 3.4.2',
      outcome: 'error',
      code: 'TARGET_TIMEOUT',
      message: 'The target did not answer within 10000 ms.',
      exchanges: [timeout],
    }),
    result({
      id: 'patch.replace.active',
      title: 'PATCH replace active=false deactivates the user',
      suite: 'patch',
      rfc: 'RFC7644 3.5.2.3',
      outcome: 'skip',
      message: 'The target does not advertise PATCH (ServiceProviderConfig patch.supported=false).',
    }),
    result({
      id: 'users.list.sort-by-username',
      title: 'sortBy=userName orders the ListResponse',
      level: 'MAY',
      rfc: 'RFC7644 3.4.2.3',
      outcome: 'fail',
      code: 'ORDER_MISMATCH',
      message: 'Resources are not ordered by userName: "Zoë" before "Anna".',
      expected: ['Anna', 'Zoë'],
      actual: ['Zoë', 'Anna'],
    }),
    result({
      id: 'lifecycle.user.deactivate',
      title: 'The IdP deactivates a user in its own dialect',
      suite: 'lifecycle',
      profile: 'entra-id',
      rfc: 'RFC7644 3.5.2',
      source: ['docs/idp/entra-id.md#disable-and-delete'],
      outcome: 'pass',
      exchanges: [spc],
    }),
    result({
      id: 'lifecycle.user.deactivate',
      title: 'The IdP deactivates a user in its own dialect',
      suite: 'lifecycle',
      profile: 'okta',
      rfc: 'RFC7644 3.5.2',
      source: ['docs/idp/okta.md#deactivation'],
      outcome: 'fail',
      code: 'STATUS_MISMATCH',
      message: 'PATCH with "active":"False" (a string) answered 500 instead of 200.',
      expected: 200,
      actual: 500,
      exchanges: [badPatch],
    }),
  ];
}

export function fixtureReport(): Report {
  const results = fixtureResults();
  return {
    tool: { name: 'scimulator', version: '0.1.0' },
    target: BASE,
    startedAt: '2026-11-28T10:00:00.000Z',
    durationMs: 10_432,
    seed: 42,
    summary: summarise(results),
    verdicts: {
      rfc: {
        judged: true,
        compatible: false,
        failed: ['users.get.content-type', 'filter.eq.unknown-user-empty'],
      },
      'entra-id': { judged: true, compatible: true, failed: [] },
      okta: { judged: true, compatible: false, failed: ['lifecycle.user.deactivate'] },
    },
    results,
    cleanup: [{ path: '/Users/7d1c2f0e', status: 500, message: 'DELETE answered 500' }],
  };
}
