import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createScimHandlers } from '../../../integrations/msw/index.js';

const BASE = 'https://scim.example.test/scim/v2';
const TOKEN = 'msw-token-abcdef';
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function post(url: string, body: unknown, token = TOKEN): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' },
    body: JSON.stringify(body),
  });
}

const alice = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  userName: 'alice@example.test',
  name: { givenName: 'Alice', familyName: 'Liddell' },
  emails: [{ value: 'alice@example.test', primary: true }],
};

describe('scimulator/msw', () => {
  test('the rfc flavour answers fetch at a fake origin: create, read back, auth', async () => {
    server.use(...createScimHandlers({ flavor: 'rfc', baseUrl: BASE, token: TOKEN }));
    const created = await post(`${BASE}/Users`, alice);
    expect(created.status).toBe(201);
    expect(created.headers.get('content-type')).toContain('application/scim+json');
    const user = (await created.json()) as { id: string; meta: { location: string } };
    expect(created.headers.get('location')).toBe(`${BASE}/Users/${user.id}`);
    const read = await fetch(user.meta.location, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(read.status).toBe(200);
    expect(((await read.json()) as { userName: string }).userName).toBe('alice@example.test');
    expect((await fetch(`${BASE}/Users`)).status).toBe(401);
  });

  test('a quirk changes exactly its behaviour', async () => {
    server.use(...createScimHandlers({ baseUrl: BASE, token: TOKEN, quirks: ['create-returns-200'] }));
    expect((await post(`${BASE}/Users`, alice)).status).toBe(200);
  });

  test('the gitlab flavour serves its group paths under the origin', async () => {
    server.use(
      ...createScimHandlers({
        flavor: 'gitlab',
        baseUrl: 'https://gitlab.example.test',
        groups: ['acme:glpat-acme-token'],
      }),
    );
    const base = 'https://gitlab.example.test/api/scim/v2/groups/acme';
    const list = await fetch(`${base}/Users`, { headers: { authorization: 'Bearer glpat-acme-token' } });
    expect(list.status).toBe(200);
    expect(((await list.json()) as { totalResults: number }).totalResults).toBe(0);
    const denied = await fetch(`${base}/Users`, { headers: { authorization: 'Bearer wrong' } });
    expect(denied.status).toBe(401);
  });

  test('a base URL that is not the flavour’s path is refused at setup', () => {
    expect(() => createScimHandlers({ baseUrl: 'https://scim.example.test/api/scim' })).toThrow(
      /rfc flavour serves \/scim\/v2/,
    );
  });
});
