/**
 * Authentication of both flavours: constant-time token comparison, per-group token isolation (gitlab),
 * and no token, password or Authorization value in any log line.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, describe, expect, test } from 'vitest';
import { startServer, type RunningServer } from '../../../reference-server/index.js';
import { buildRequest, rawRequest } from './raw-http.js';

const servers: RunningServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

test('both flavours compare tokens as sha256 digests with timingSafeEqual, never with ===', async () => {
  const check = 'reference-server/core/token-digest.ts';
  for (const file of [
    'reference-server/rfc/http/auth.ts',
    'reference-server/gitlab/auth.ts',
    'reference-server/gitlab/store.ts',
    check,
  ]) {
    // Comparisons with literals (`=== undefined`, `typeof … === 'string'`) are fine; comparing two secrets is not.
    const source = (await readFile(file, 'utf8')).replace(/[!=]==\s*('[^']*'|undefined)/g, '');
    // Both flavours check through the one shared digest comparison.
    if (file.endsWith('auth.ts')) expect(source, file).toMatch(/tokenMatchesDigest\(/);
    expect(source, file).not.toMatch(/token\s*[!=]==|[!=]==\s*token/i);
    expect(source, file).not.toMatch(/\b(bytes|last)\s*[!=]==|[!=]==\s*(bytes|last)\b(?!\.length)/);
  }
  const shared = await readFile(check, 'utf8');
  expect(shared).toMatch(/timingSafeEqual\(sha256\(token\), digest\)/);
  expect(shared).toMatch(/timingSafeEqual\(bytes, last\)/);
  expect(shared).toMatch(/hash\('sha256'/);
});

describe('gitlab per-group tokens', () => {
  test("a group's token opens only that group, from the header or the query", async () => {
    const server = await startServer({
      flavor: 'gitlab',
      port: 0,
      groups: ['alpha:glsoat-alpha-secret', 'beta:glsoat-beta-secret'],
    });
    servers.push(server);
    const get = (group: string, auth: { header?: string; query?: string }) =>
      rawRequest(
        server.port,
        buildRequest(
          'GET',
          `/api/scim/v2/groups/${group}/Users${auth.query ? `?access_token=${auth.query}` : ''}`,
          {
            headers: auth.header ? { authorization: `Bearer ${auth.header}` } : {},
          },
        ),
      );
    expect((await get('alpha', { header: 'glsoat-alpha-secret' })).status).toBe(200);
    expect((await get('beta', { header: 'glsoat-beta-secret' })).status).toBe(200);
    expect((await get('beta', { header: 'glsoat-alpha-secret' })).status).toBe(401);
    expect((await get('alpha', { query: 'glsoat-beta-secret' })).status).toBe(401);
    expect((await get('alpha', { header: 'glsoat-alpha-secre' })).status).toBe(401);
    expect((await get('alpha', { header: 'glsoat-alpha-secretX' })).status).toBe(401);
    expect((await get('alpha', {})).status).toBe(401);
    // Group ids work too, with the same isolation.
    expect((await get('2', { header: 'glsoat-alpha-secret' })).status).toBe(401);
    expect((await get('1', { header: 'glsoat-alpha-secret' })).status).toBe(200);
  });
});

describe.each(['rfc', 'gitlab'] as const)('%s flavour request log', (flavour) => {
  test('no token, password or Authorization value reaches a log line', async () => {
    const token = flavour === 'rfc' ? 'tok-LOGLEAK-rfc-3b1f' : 'glsoat-LOGLEAK-gitlab-3b1f';
    const password = 'pw-LOGLEAK-Secret!42';
    const logs: string[] = [];
    const server = await startServer({
      flavor: flavour,
      port: 0,
      ...(flavour === 'rfc' ? { token } : { groups: [`demo:${token}`] }),
      seedUsers: 1,
      log: (line) => logs.push(line),
    });
    servers.push(server);
    const base = new URL(server.url).pathname;
    const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
      rawRequest(
        server.port,
        buildRequest(method, `${base}${path}`, {
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json', ...headers },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        }),
      );
    const user =
      flavour === 'rfc'
        ? { schemas: [USER], userName: 'logged.user', password }
        : {
            externalId: 'log-1',
            userName: 'logged.user',
            password,
            emails: [{ value: 'logged@example.com', primary: true }],
            name: { formatted: 'L U' },
          };
    const created = await send('POST', '/Users', user);
    expect(created.status).toBe(201);
    const id = (created.json as { id: string }).id;
    await send('PATCH', `/Users/${encodeURIComponent(id)}`, {
      schemas: [PATCH],
      Operations: [{ op: 'replace', path: 'password', value: password }],
    });
    await send('GET', `/Users?access_token=${token}&bearer_token=${token}`);
    await send('GET', `/Users?filter=${encodeURIComponent(`password eq "${password}"`)}`);
    await send('GET', `/Users?password=${encodeURIComponent(password)}`);
    await send('GET', '/Users', undefined, { authorization: `Bearer ${token}-wrong` });
    await send('GET', '/Users', undefined, {
      authorization: `Basic ${Buffer.from(`admin:${password}`).toString('base64')}`,
    });
    await send('POST', '/Users', '{"password":"' + password + '", broken');
    await send('POST', '/Users', { ...user, userName: 123, password });
    await rawRequest(
      server.port,
      buildRequest('GET', `${base}/Users`, {
        headers: { authorization: `Bearer ${token}`, 'x-big': 'a'.repeat(20_000) },
      }),
    );
    expect(logs.length).toBeGreaterThan(5);
    const all = logs.join('\n');
    for (const secret of [
      token,
      password,
      encodeURIComponent(password),
      'Bearer',
      'Basic ',
      Buffer.from(`admin:${password}`).toString('base64'),
    ]) {
      expect(all.includes(secret), `log contains ${secret}`).toBe(false);
    }
    console.log(`[reliability] ${flavour} log: ${logs.length} lines checked, 0 secrets`);
  });
});
