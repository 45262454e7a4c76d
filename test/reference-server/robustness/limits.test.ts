/** Body cap (413), header cap (431), slow bodies (408) and CONNECT: each answered with the flavour's error body. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, test } from 'vitest';
import { createRequestListener } from '../../../reference-server/core/index.js';
import { createFlavour } from '../../../reference-server/index.js';
import { buildRequest, rawRequest } from './raw-http.js';
import { errorShapeProblem, serve, RFC_TOKEN, type Served } from './server-helpers.js';

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

describe.each(['rfc', 'gitlab'] as const)('%s flavour limits', (flavour) => {
  let s: Served;
  const start = async (): Promise<Served> => {
    s ??= await serve(flavour);
    cleanups.push(() => s.server.close());
    return s;
  };

  test('a declared body over the cap is refused with 413 before it is read', async () => {
    const { server, base, token } = await start();
    const cap = flavour === 'rfc' ? 4 * 1_048_576 : 1_048_576;
    const res = await rawRequest(
      server.port,
      buildRequest('POST', `${base}/Users`, {
        headers: { authorization: `Bearer ${token}`, 'content-length': String(cap + 1) },
      }),
      { keepOpen: true },
    );
    expect(res.status).toBe(413);
    expect(errorShapeProblem(flavour, res)).toBeUndefined();
  });

  test('a 20 KB header gets 431 with an error body, and the server keeps serving', async () => {
    const { server, base, token } = await start();
    const res = await rawRequest(
      server.port,
      buildRequest('GET', `${base}/Users`, {
        headers: { authorization: `Bearer ${token}`, 'x-big': 'a'.repeat(20_000) },
      }),
    );
    expect(res.status).toBe(431);
    expect(errorShapeProblem(flavour, res)).toBeUndefined();
    const ok = await rawRequest(
      server.port,
      buildRequest('GET', `${base}/Users`, { headers: { authorization: `Bearer ${token}` } }),
    );
    expect(ok.status).toBe(200);
  });

  test('CONNECT and unknown methods get an error body instead of a dropped connection', async () => {
    const { server, base } = await start();
    for (const method of ['CONNECT', 'FOO']) {
      const res = await rawRequest(server.port, buildRequest(method, `${base}/Users`));
      expect(res.status, method).toBeGreaterThanOrEqual(400);
      expect(res.status, method).toBeLessThan(500);
      expect(errorShapeProblem(flavour, res), method).toBeUndefined();
    }
  });

  test('a body that stalls is answered 408 once the body timeout passes', async () => {
    // Same pipeline as startServer, with a short body timeout so the test does not wait 10 s.
    const flavourImpl = createFlavour({ flavor: flavour, token: RFC_TOKEN, groups: ['demo:glsoat-x'] });
    const server: Server = createServer(
      createRequestListener({ ...flavourImpl.listener, bodyTimeoutMs: 300 }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
    const { port } = server.address() as AddressInfo;
    const path = flavour === 'rfc' ? '/scim/v2/Users' : '/api/scim/v2/groups/demo/Users';
    const head = buildRequest('POST', path, {
      headers: {
        authorization: 'Bearer x',
        'content-type': 'application/scim+json',
        'content-length': '100',
      },
    });
    const started = Date.now();
    const res = await rawRequest(port, head, {
      pieces: [head, Buffer.from('{"user')],
      gapMs: 50,
      keepOpen: true,
    });
    expect(res.status).toBe(408);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(errorShapeProblem(flavour, res)).toBeUndefined();
    const stalled = await rawRequest(
      port,
      buildRequest('POST', path, { headers: { expect: '100-continue', 'content-length': '10' } }),
      { keepOpen: true },
    );
    expect(stalled.status).toBe(408);
  });
});
