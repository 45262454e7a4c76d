import fc from 'fast-check';
import { expect, test } from 'vitest';
import { Router } from './router.js';
import type { Route } from './http-types.js';

const numRuns = Number(process.env.FUZZ_RUNS ?? 1000);

const ok = () => ({ status: 200 });
const routes: Route[] = [
  { method: 'GET', pattern: 'scim/v2/Users', handler: ok },
  { method: 'POST', pattern: 'scim/v2/Users', handler: ok },
  { method: 'GET', pattern: 'scim/v2/Users/:id', handler: ok },
  { method: 'PATCH', pattern: 'scim/v2/Users/:id', handler: ok },
  { method: 'GET', pattern: 'groups/:group/Users/:id*', handler: ok },
];

/** What a match says, with the handler named by its route so two routers' answers compare. */
function describe(router: Router, method: string, path: string): unknown {
  try {
    const m = router.match(method, path);
    return m.kind === 'found'
      ? { kind: m.kind, route: routes.findIndex((r) => r.handler === m.handler), params: m.params }
      : m;
  } catch (error) {
    return { threw: (error as Error).message };
  }
}

const segment = fc.constantFrom('scim', 'v2', 'Users', 'users', 'groups', 'g', 'x%41', '%zz', '', 'a b');
const path = fc.array(segment, { maxLength: 6 }).map((parts) => `/${parts.join('/')}`);
const method = fc.constantFrom('GET', 'POST', 'PATCH', 'DELETE', 'get');

test('a router answering repeated paths from its cache answers as a fresh router does', () => {
  for (const caseInsensitive of [false, true]) {
    const cached = new Router(routes, { caseInsensitive });
    fc.assert(
      fc.property(fc.array(fc.tuple(method, path), { minLength: 1, maxLength: 8 }), (requests) => {
        // Each request twice, so the second answer comes from the cache.
        for (const [m, p] of [...requests, ...requests]) {
          expect(describe(cached, m, p)).toEqual(describe(new Router(routes, { caseInsensitive }), m, p));
        }
      }),
      { numRuns, seed: 18 },
    );
  }
});

test('every match hands out its own params and allow list', () => {
  const router = new Router(routes);
  const first = router.match('GET', '/scim/v2/Users/1');
  if (first.kind !== 'found') throw new Error('expected a match');
  first.params.id = 'changed';
  const second = router.match('GET', '/scim/v2/Users/1');
  expect(second).toMatchObject({ kind: 'found', params: { id: '1' } });
  const refused = router.match('DELETE', '/scim/v2/Users');
  if (refused.kind !== 'method-not-allowed') throw new Error('expected 405');
  refused.allow.push('PUT');
  expect(router.match('DELETE', '/scim/v2/Users')).toEqual({
    kind: 'method-not-allowed',
    allow: ['GET', 'POST'],
  });
});

test('a malformed percent-encoding is refused every time, never cached', () => {
  const router = new Router(routes);
  for (let i = 0; i < 3; i++)
    expect(() => router.match('GET', '/scim/v2/Users/%zz')).toThrow(/percent-encoding/);
});
