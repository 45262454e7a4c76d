/**
 * Property: whatever method, path, query, body and Content-Type a client sends over HTTP, the reference
 * server answers (never drops the connection silently), never with a 5xx, and stays up.
 * `FUZZ_RUNS` sets the number of runs (`npm run fuzz`: 50 000); the seed is fixed unless `FUZZ_SEED` is set.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { buildRequest, rawRequest } from './raw-http.js';
import { call, serve, SEED_USER_GITLAB, SEED_USER_RFC, type Served } from './server-helpers.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const SEED = Number(process.env.FUZZ_SEED ?? 20_240_917);

const servers: Served[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.server.close()));
});

const methods = fc.oneof(
  { arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'), weight: 6 },
  { arbitrary: fc.constantFrom('HEAD', 'OPTIONS', 'TRACE', 'FOO', 'get', 'PROPFIND'), weight: 1 },
  { arbitrary: fc.stringMatching(/^[A-Za-z-]{1,8}$/), weight: 1 },
);

const segment = (userId: string): fc.Arbitrary<string> =>
  fc.oneof(
    {
      arbitrary: fc.constantFrom(
        'Users',
        'Groups',
        'Bulk',
        '.search',
        'ServiceProviderConfig',
        'Schemas',
        'ResourceTypes',
        'Me',
      ),
      weight: 4,
    },
    { arbitrary: fc.constant(encodeURIComponent(userId)), weight: 3 },
    fc.string({ maxLength: 12 }).map(encodeURIComponent),
    fc.stringMatching(/^[%A-Za-z0-9._~!$&'()*+,;=:@-]{0,12}$/),
    fc.constantFrom('%', '%zz', '%00', '%C0%AE', '..', '.', '%2F', '%2E%2E'),
  );

const queryPart = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(
        'filter',
        'attributes',
        'excludedAttributes',
        'sortBy',
        'sortOrder',
        'startIndex',
        'count',
        'access_token',
        'x',
      ),
      fc.oneof(
        fc.constantFrom(
          'userName eq "a"',
          'emails[type eq "work"].value',
          'userName',
          'descending',
          '-1',
          '0',
          '1e9',
          '',
        ),
        fc.string({ maxLength: 30 }),
      ),
    )
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`),
  fc.stringMatching(/^[%A-Za-z0-9=&+]{0,20}$/),
);

const scimish = fc.dictionary(
  fc.constantFrom(
    'schemas',
    'userName',
    'displayName',
    'emails',
    'members',
    'Operations',
    'active',
    'name',
    'externalId',
    'id',
    'meta',
    'password',
    'filter',
    'op',
    'path',
    'value',
  ),
  fc.jsonValue({ maxDepth: 4 }),
  { maxKeys: 6 },
);

const bodies = fc.oneof(
  fc.constant(undefined),
  scimish.map((v) => Buffer.from(JSON.stringify(v))),
  fc.jsonValue({ maxDepth: 5 }).map((v) => Buffer.from(JSON.stringify(v))),
  fc.string({ maxLength: 200 }).map((v) => Buffer.from(v)),
  fc.uint8Array({ maxLength: 200 }).map((v) => Buffer.from(v)),
);

const contentTypes = fc.constantFrom(
  undefined,
  'application/scim+json',
  'application/json',
  'application/scim+json; charset=latin1',
  'application/x-www-form-urlencoded',
  'text/plain',
  'multipart/form-data; boundary=x',
  '',
  ';;;',
);

describe.each(['rfc', 'gitlab'] as const)('%s request pipeline', (flavour) => {
  test('random requests are never answered 5xx and never kill the server', async () => {
    const s = await serve(flavour);
    servers.push(s);
    const userId = flavour === 'rfc' ? SEED_USER_RFC : SEED_USER_GITLAB;
    let sent = 0;
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        methods,
        fc.oneof(
          fc.array(segment(userId), { maxLength: 4 }),
          fc.tuple(fc.constant('Users'), segment(userId)).map((t) => [...t]),
          fc.constant(['Users', encodeURIComponent(userId)]),
        ),
        fc.array(queryPart, { maxLength: 3 }),
        bodies,
        contentTypes,
        fc.boolean(),
        async (method, segments, query, body, type, authorised) => {
          const path = `${s.base}/${segments.join('/')}${query.length > 0 ? `?${query.join('&')}` : ''}`;
          const headers: Record<string, string> = {};
          if (authorised) headers.authorization = `Bearer ${s.token}`;
          if (type !== undefined) headers['content-type'] = type;
          const res = await rawRequest(
            s.server.port,
            buildRequest(method, path, { headers, ...(body ? { body } : {}) }),
            {
              timeoutMs: 10_000,
            },
          );
          sent++;
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          // HEAD answers have no body; everything else must be a complete answer below 500.
          expect(res.status, `${method} ${path}`).toBeGreaterThanOrEqual(100);
          // The one 5xx by design: /Me is 501 Not Implemented in the rfc flavour (RFC 7644 §3.11).
          const me = res.status === 501 && /\/Me is not supported/.test(res.body);
          if (!me) expect(res.status, `${method} ${path} → ${res.body.slice(0, 200)}`).toBeLessThan(500);
        },
      ),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    const alive = await call(s, 'GET', flavour === 'rfc' ? 'ServiceProviderConfig' : 'Users?count=1');
    expect(alive.status).toBe(200);
    const summary = [...statuses.entries()].sort(([a], [b]) => a - b).map(([k, v]) => `${k}×${v}`);
    console.log(
      `[reliability] fuzz ${flavour}: ${sent} requests (seed ${SEED}), 0 unexpected 5xx; statuses ${summary.join(' ')}`,
    );
  }, 600_000);
});
