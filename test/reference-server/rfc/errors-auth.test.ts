import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer } from '../../../reference-server/index.js';
import { URN, expectError, startRfc, type Client } from './helpers.js';

let c: Client;
beforeAll(async () => {
  c = await startRfc();
});
afterAll(() => c.close());

describe('authentication (RFC 7644 §2)', () => {
  test.each([
    ['no header', {}],
    ['wrong token', { authorization: 'Bearer wrong' }],
    ['wrong scheme', { authorization: 'Basic dDp0' }],
    ['empty bearer', { authorization: 'Bearer ' }],
  ])('answers 401 with WWW-Authenticate: %s', async (_label, headers) => {
    const res = await fetch(`${c.url}/Users`, { headers });
    const body = await res.json();
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="scimulator"');
    expect(res.headers.get('content-type')).toMatch(/^application\/scim\+json/);
    expect(body).toMatchObject({ schemas: [URN.error], status: '401' });
  });

  test('discovery endpoints also require the token (documented choice)', async () => {
    for (const path of ['/ServiceProviderConfig', '/ResourceTypes', '/Schemas']) {
      expect((await fetch(c.url + path)).status).toBe(401);
    }
  });

  test('generates a scim- token and prints it only when none was given', async () => {
    const s = await startServer({ flavor: 'rfc', port: 0 });
    try {
      expect(s.flavour.banner.join('\n')).toMatch(/scim-[A-Za-z0-9_-]{20,}/);
      const token = /(scim-[A-Za-z0-9_-]+)/.exec(s.flavour.banner.join('\n'))?.[1] ?? '';
      const res = await fetch(`${s.url}/Users`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
    } finally {
      await s.close();
    }
    expect(c.server.flavour.banner).toEqual([]);
    expect(c.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/scim\/v2$/);
  });
});

describe('request errors (RFC 7644 §3.12)', () => {
  test('malformed JSON is 400 invalidSyntax', async () => {
    expectError(await c.request('POST', '/Users', '{"schemas": ['), 400, 'invalidSyntax');
  });

  test.each([['[]'], ['"text"'], ['42'], ['null'], ['']])(
    'a body that is not a JSON object is 400 invalidSyntax: %s',
    async (raw) => {
      expectError(await c.request('POST', '/Users', raw), 400, 'invalidSyntax');
    },
  );

  test('an unsupported Content-Type is 415', async () => {
    const res = await c.request('POST', '/Users', 'userName=x', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expectError(res, 415);
  });

  test('application/json is accepted as well as application/scim+json', async () => {
    const res = await c.request(
      'POST',
      '/Users',
      { schemas: [URN.user], userName: 'json-ct' },
      { 'content-type': 'application/json; charset=utf-8' },
    );
    expect(res.status).toBe(201);
  });

  test('bad percent-encoding in path or query is 400', async () => {
    expectError(await c.request('GET', '/Users/%E0%A4%A'), 400, 'invalidSyntax');
    expectError(await c.request('GET', '/Users?filter=%ZZ'), 400, 'invalidSyntax');
  });

  test('an unknown path is 404 with an Error body', async () => {
    expectError(await c.request('GET', '/NoSuchEndpoint'), 404);
    expectError(await c.request('GET', '/Users/a/b'), 404);
  });

  test('an unsupported method is 405 with Allow', async () => {
    const res = await c.request('DELETE', '/Users');
    expectError(res, 405);
    expect(res.headers.get('allow')).toContain('GET');
    expect(res.headers.get('allow')).toContain('POST');
    const put = await c.request('PUT', '/ServiceProviderConfig', {});
    expectError(put, 405);
    expect(put.headers.get('allow')).toBe('GET');
  });

  test('/Me answers 501 because the token is not bound to a user (RFC 7644 §3.11)', async () => {
    expectError(await c.request('GET', '/Me'), 501);
  });

  test('unknown query parameters are ignored (RFC 7644 §3.4.2)', async () => {
    expect((await c.request('GET', '/Users?zzUnknown=1')).status).toBe(200);
  });

  test('Accept: application/json is served', async () => {
    const res = await c.request('GET', '/Users', undefined, { accept: 'application/json' });
    expect(res.status).toBe(200);
  });

  test('a body above the transport cap is 413', async () => {
    const big = JSON.stringify({
      schemas: [URN.user],
      userName: 'big',
      displayName: 'x'.repeat(5 * 1024 * 1024),
    });
    const res = await c.request('POST', '/Users', big);
    expect(res.status).toBe(413);
  });
});
